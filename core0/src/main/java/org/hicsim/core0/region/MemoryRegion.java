package org.hicsim.core0.region;

/**
 * Core-0's record of one memory region: a run of physically consecutive frames, the sandbox that holds them
 * (their owner and the holder of the region's one capability) and where that sandbox has them mapped.
 */
final class MemoryRegion
{
    /** {@link #mappedPage} of a region its holder has not mapped. */
    static final long NOT_MAPPED = -1;

    final int id;
    final int firstFrame;
    final int frameCount;
    int holder;
    long mappedPage;

    MemoryRegion(final int id, final int firstFrame, final int frameCount, final int holder, final long mappedPage)
    {
        this.id = id;
        this.firstFrame = firstFrame;
        this.frameCount = frameCount;
        this.holder = holder;
        this.mappedPage = mappedPage;
    }

    boolean overlapsFrames(final int otherFirstFrame, final int otherFrameCount)
    {
        return firstFrame < otherFirstFrame + otherFrameCount && otherFirstFrame < firstFrame + frameCount;
    }
}
