package org.hicsim.mm.channel;

/**
 * How many records were refused, by kind: what an opener and a receiving end keep.
 */
final class RefusalCounts
{
    private final long[] counts = new long[RecordRefusal.values().length];

    /**
     * @return the kind's count, this refusal included.
     */
    long add(final RecordRefusal refusal)
    {
        return ++counts[refusal.ordinal()];
    }

    long count(final RecordRefusal refusal)
    {
        return counts[refusal.ordinal()];
    }

    long total()
    {
        long total = 0;
        for (final long count : counts)
        {
            total += count;
        }
        return total;
    }
}
