package org.hicsim.core0.memory;

/**
 * Which frames are in use, by whom and as what: a bitmap for the search, plus owner and type per frame, and a
 * bitmap of the frames written since they were allocated (the dirty bit a page table's first write sets).
 * <p>
 * The bitmap is eager (one bit per frame: 2 MiB for a 64 GiB machine). Owners and types are kept per chunk of
 * {@link PhysicalMemory#FRAMES_PER_CHUNK} frames and created when a frame of the chunk is first allocated, so a
 * large machine that is mostly free costs little heap. Bits past the last frame are set, so the search never
 * treats them as free.
 */
final class FrameTable
{
    private static final int WORD_SHIFT = 6;
    private static final int WORD_MASK = (1 << WORD_SHIFT) - 1;
    private static final int CHUNK_FRAME_SHIFT = PhysicalMemory.CHUNK_SHIFT - PhysicalMemory.FRAME_SHIFT;
    private static final int CHUNK_FRAME_MASK = PhysicalMemory.FRAMES_PER_CHUNK - 1;

    private final int totalFrames;
    private final long[] inUse;
    private final long[] written;
    private final int[][] owners;
    private final byte[][] types;
    private int freeFrames;

    FrameTable(final int totalFrames)
    {
        this.totalFrames = totalFrames;
        this.freeFrames = totalFrames;
        this.inUse = new long[(totalFrames + WORD_MASK) >>> WORD_SHIFT];
        this.written = new long[inUse.length];
        final int tailBits = totalFrames & WORD_MASK;
        if (tailBits != 0)
        {
            inUse[inUse.length - 1] = -1L << tailBits;
        }
        final int chunkCount = (totalFrames + CHUNK_FRAME_MASK) >>> CHUNK_FRAME_SHIFT;
        this.owners = new int[chunkCount][];
        this.types = new byte[chunkCount][];
    }

    int freeFrames()
    {
        return freeFrames;
    }

    boolean isFree(final int frame)
    {
        return (inUse[frame >>> WORD_SHIFT] & (1L << frame)) == 0;
    }

    int ownerOf(final int frame)
    {
        return isFree(frame) ? PhysicalMemory.NO_OWNER : owners[frame >>> CHUNK_FRAME_SHIFT][frame & CHUNK_FRAME_MASK];
    }

    FrameType typeOf(final int frame)
    {
        return isFree(frame) ?
            FrameType.FREE : FrameType.fromOrdinal(types[frame >>> CHUNK_FRAME_SHIFT][frame & CHUNK_FRAME_MASK]);
    }

    /**
     * First fit: the lowest {@code alignment}-aligned start of {@code count} free frames, or -1.
     * Each probe jumps past the in-use frame that ended the previous one, so the search is linear in the bitmap.
     */
    int findFree(final int count, final int alignment)
    {
        long candidate = 0;
        while (candidate + count <= totalFrames)
        {
            final int blocked = firstInUse((int)candidate, (int)candidate + count);
            if (blocked < 0)
            {
                return (int)candidate;
            }
            final int nextFree = firstFree(blocked);
            if (nextFree < 0)
            {
                return -1;
            }
            candidate = ((long)nextFree + alignment - 1) & -alignment;
        }
        return -1;
    }

    /**
     * True when every frame of the range is in use and owned by {@code owner}.
     */
    boolean allOwnedBy(final int first, final int count, final int owner)
    {
        for (int frame = first, end = first + count; frame < end; frame++)
        {
            if (ownerOf(frame) != owner)
            {
                return false;
            }
        }
        return true;
    }

    boolean containsType(final int first, final int count, final FrameType type)
    {
        for (int frame = first, end = first + count; frame < end; frame++)
        {
            if (typeOf(frame) == type)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Number of frames from {@code first} on that are in use and owned by {@code owner}, up to the first that is not.
     */
    int runOwnedBy(final int first, final int owner)
    {
        int frame = first;
        while (frame < totalFrames && ownerOf(frame) == owner)
        {
            frame++;
        }
        return frame - first;
    }

    void claim(final int first, final int count, final int owner, final FrameType type)
    {
        final byte typeOrdinal = (byte)type.ordinal();
        for (int frame = first, end = first + count; frame < end; frame++)
        {
            final int chunk = frame >>> CHUNK_FRAME_SHIFT;
            if (null == owners[chunk])
            {
                owners[chunk] = new int[PhysicalMemory.FRAMES_PER_CHUNK];
                types[chunk] = new byte[PhysicalMemory.FRAMES_PER_CHUNK];
            }
            inUse[frame >>> WORD_SHIFT] |= 1L << frame;
            owners[chunk][frame & CHUNK_FRAME_MASK] = owner;
            types[chunk][frame & CHUNK_FRAME_MASK] = typeOrdinal;
        }
        freeFrames -= count;
    }

    void changeOwner(final int first, final int count, final int owner)
    {
        for (int frame = first, end = first + count; frame < end; frame++)
        {
            owners[frame >>> CHUNK_FRAME_SHIFT][frame & CHUNK_FRAME_MASK] = owner;
        }
    }

    /** Frees the frames, which are clean again: their bytes are zeroed on release. */
    void release(final int first, final int count)
    {
        for (int frame = first, end = first + count; frame < end; frame++)
        {
            inUse[frame >>> WORD_SHIFT] &= ~(1L << frame);
            written[frame >>> WORD_SHIFT] &= ~(1L << frame);
        }
        freeFrames += count;
    }

    boolean isWritten(final int frame)
    {
        return (written[frame >>> WORD_SHIFT] & (1L << frame)) != 0;
    }

    /**
     * @return true if the frame was clean until now.
     */
    boolean markWritten(final int frame)
    {
        final long bit = 1L << frame;
        final long word = written[frame >>> WORD_SHIFT];
        written[frame >>> WORD_SHIFT] = word | bit;
        return (word & bit) == 0;
    }

    /** Frames of the range written since they were allocated. */
    int countWritten(final int first, final int count)
    {
        int frames = 0;
        for (int frame = first, end = first + count; frame < end; frame++)
        {
            frames += isWritten(frame) ? 1 : 0;
        }
        return frames;
    }

    /**
     * The first frame at or after {@code from} that is in use, or -1.
     */
    int nextInUse(final int from)
    {
        return firstInUse(from, totalFrames);
    }

    private int firstInUse(final int from, final int end)
    {
        int frame = from;
        while (frame < end)
        {
            final int wordIndex = frame >>> WORD_SHIFT;
            final int wordEnd = (wordIndex + 1) << WORD_SHIFT;
            long word = inUse[wordIndex] & (-1L << frame);
            if (end < wordEnd)
            {
                word &= (1L << end) - 1;
            }
            if (word != 0)
            {
                return (wordIndex << WORD_SHIFT) + Long.numberOfTrailingZeros(word);
            }
            frame = wordEnd;
        }
        return -1;
    }

    private int firstFree(final int from)
    {
        int frame = from;
        while (frame < totalFrames)
        {
            final int wordIndex = frame >>> WORD_SHIFT;
            final long word = ~inUse[wordIndex] & (-1L << frame);
            if (word != 0)
            {
                final int free = (wordIndex << WORD_SHIFT) + Long.numberOfTrailingZeros(word);
                return free < totalFrames ? free : -1;
            }
            frame = (wordIndex + 1) << WORD_SHIFT;
        }
        return -1;
    }
}
