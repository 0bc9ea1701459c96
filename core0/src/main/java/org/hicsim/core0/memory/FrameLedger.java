package org.hicsim.core0.memory;

import org.agrona.collections.Int2IntHashMap;

/**
 * Frames held, frames of those written, and frames allowed, per owner. Owners that hold nothing and have no quota
 * take no entry, so thousands of short-lived sandboxes leave nothing behind.
 */
final class FrameLedger
{
    private final Int2IntHashMap held = new Int2IntHashMap(0);
    private final Int2IntHashMap written = new Int2IntHashMap(0);
    private final Int2IntHashMap quotas = new Int2IntHashMap(PhysicalMemory.UNLIMITED);

    int held(final int owner)
    {
        return held.get(owner);
    }

    int written(final int owner)
    {
        return written.get(owner);
    }

    int quota(final int owner)
    {
        return quotas.get(owner);
    }

    void setQuota(final int owner, final int frames)
    {
        if (frames == PhysicalMemory.UNLIMITED)
        {
            quotas.remove(owner);
        }
        else
        {
            quotas.put(owner, frames);
        }
    }

    boolean canTake(final int owner, final int frames)
    {
        return (long)held.get(owner) + frames <= quotas.get(owner);
    }

    void add(final int owner, final int frames)
    {
        adjust(held, owner, frames);
    }

    void remove(final int owner, final int frames)
    {
        adjust(held, owner, -frames);
    }

    void addWritten(final int owner, final int frames)
    {
        adjust(written, owner, frames);
    }

    void removeWritten(final int owner, final int frames)
    {
        adjust(written, owner, -frames);
    }

    QuotaLevel level(final int owner)
    {
        final int quota = quotas.get(owner);
        return quota == PhysicalMemory.UNLIMITED ? QuotaLevel.OK : QuotaLevel.of(held.get(owner), quota);
    }

    private static void adjust(final Int2IntHashMap counts, final int owner, final int delta)
    {
        final int count = counts.get(owner) + delta;
        if (count == 0)
        {
            counts.remove(owner);
        }
        else
        {
            counts.put(owner, count);
        }
    }
}
