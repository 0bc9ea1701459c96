package org.hicsim.core0.spi;

import static org.hicsim.core0.spi.SharedRegionDescriptor.COPY_CAPACITY_OFFSET;
import static org.hicsim.core0.spi.SharedRegionDescriptor.PUBLISHED_VERSION_OFFSET;
import static org.hicsim.core0.spi.SharedRegionDescriptor.STAGING_VERSION_OFFSET;
import static org.hicsim.core0.spi.SharedRegionDescriptor.copyIndex;
import static org.hicsim.core0.spi.SharedRegionDescriptor.copyLengthOffset;
import static org.hicsim.core0.spi.SharedRegionDescriptor.copyOffset;

/**
 * A sandbox's side of a shared region it has mapped ({@link ServiceContext#mapSharedRegion}): every read is a
 * checked load through the sandbox's own page table, so a region that is not mapped (never, or no longer: its
 * capability was revoked) faults like any other address, and the fault kills the sandbox.
 * <p>
 * The protocol is a sequence lock's, with two copies so that a reader never waits for a writer:
 * {@link #beginRead()} reads the published version, which names the copy to read; reads then come from that
 * copy; {@link #validate()} reads the staging version, and false means Core-0 has since begun overwriting that
 * copy (a torn read), so the reader starts again. {@link #read(Snapshot)} does the loop. Reads within one event
 * always see a whole version, since Core-0 writes between events.
 */
public final class SharedRegionReader
{
    /** How often {@link #read(Snapshot)} begins again before it reports a torn read. */
    public static final int ATTEMPTS_MAX = 4;

    private static final long NO_VERSION = -1;

    private final ServiceContext context;
    private final long baseAddress;
    private long version = NO_VERSION;
    private long copyAddress;
    private int length;

    /**
     * What {@link #read(Snapshot)} runs between beginning and validating a read: loads of one version.
     */
    @FunctionalInterface
    public interface Snapshot
    {
        void readFrom(SharedRegionReader reader);
    }

    /**
     * @param baseAddress virtual address at which the region is mapped in {@code context}'s sandbox.
     */
    public SharedRegionReader(final ServiceContext context, final long baseAddress)
    {
        this.context = context;
        this.baseAddress = baseAddress;
    }

    /**
     * @return the published version, which subsequent reads come from.
     */
    public long beginRead()
    {
        final ServiceContext context = this.context;
        final long base = baseAddress;
        final long published = context.loadLong(base + PUBLISHED_VERSION_OFFSET);
        final int copy = copyIndex(published);
        final int capacity = context.loadInt(base + COPY_CAPACITY_OFFSET);
        length = context.loadInt(base + copyLengthOffset(copy));
        copyAddress = base + copyOffset(copy, capacity);
        version = published;
        return published;
    }

    /**
     * Version 0 is the empty region Core-0 lays out before anything is published.
     */
    public long version()
    {
        checkReading();
        return version;
    }

    /**
     * Length in bytes of the version being read.
     */
    public int length()
    {
        checkReading();
        return length;
    }

    public long readLong(final int offset)
    {
        return context.loadLong(snapshotAddress(offset, Long.BYTES));
    }

    public int readInt(final int offset)
    {
        return context.loadInt(snapshotAddress(offset, Integer.BYTES));
    }

    public void readBytes(final int offset, final byte[] dst, final int dstOffset, final int count)
    {
        context.loadBytes(snapshotAddress(offset, count), dst, dstOffset, count);
    }

    /**
     * @return true when everything read since {@link #beginRead()} belongs to that one version.
     */
    public boolean validate()
    {
        checkReading();
        return context.loadLong(baseAddress + STAGING_VERSION_OFFSET) <= version + 1;
    }

    /**
     * Reads one whole version: begins, runs {@code snapshot}, validates, and begins again while the read was
     * torn, at most {@link #ATTEMPTS_MAX} times.
     *
     * @return the version read, or -1 when every attempt was torn (the writer kept overwriting the copy).
     */
    public long read(final Snapshot snapshot)
    {
        for (int attempt = 0; attempt < ATTEMPTS_MAX; attempt++)
        {
            final long begun = beginRead();
            snapshot.readFrom(this);
            if (validate())
            {
                return begun;
            }
        }
        return NO_VERSION;
    }

    private long snapshotAddress(final int offset, final int count)
    {
        checkReading();
        if (offset < 0 || count < 0 || offset > length - count)
        {
            throw new IndexOutOfBoundsException("offset=" + offset + " count=" + count + " length=" + length);
        }
        return copyAddress + offset;
    }

    private void checkReading()
    {
        if (version == NO_VERSION)
        {
            throw new IllegalStateException("beginRead first");
        }
    }
}
