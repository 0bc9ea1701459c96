package org.hicsim.core0.store;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One file's bytes on the device: off-heap chunks of {@link #CHUNK_SIZE}, made as the file grows and freed as it
 * shrinks, so a large snapshot costs no heap and a deleted one gives its memory back at once. Bytes past the
 * length are always zero, so nothing a truncation cut off can be read back by a later append's reader.
 * <p>
 * Ranges are checked by {@link PersistentStore}; this class trusts them.
 */
final class StoreFile
{
    static final int CHUNK_SHIFT = 16;
    static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;

    private UnsafeBuffer[] chunks = new UnsafeBuffer[1];
    private long length;

    long length()
    {
        return length;
    }

    void append(final byte[] src, final int srcOffset, final int count)
    {
        int done = 0;
        while (done < count)
        {
            final int index = (int)(length >>> CHUNK_SHIFT);
            final int offset = (int)(length & CHUNK_MASK);
            final int segment = Math.min(count - done, CHUNK_SIZE - offset);
            chunk(index).putBytes(offset, src, srcOffset + done, segment);
            length += segment;
            done += segment;
        }
    }

    void read(final long position, final byte[] dst, final int dstOffset, final int count)
    {
        int done = 0;
        while (done < count)
        {
            final long at = position + done;
            final int offset = (int)(at & CHUNK_MASK);
            final int segment = Math.min(count - done, CHUNK_SIZE - offset);
            chunks[(int)(at >>> CHUNK_SHIFT)].getBytes(offset, dst, dstOffset + done, segment);
            done += segment;
        }
    }

    /** Cuts the file to {@code newLength}, no longer than it is: the tail is zeroed, whole chunks freed. */
    void truncate(final long newLength)
    {
        final int keptChunks = (int)((newLength + CHUNK_MASK) >>> CHUNK_SHIFT);
        final int usedChunks = (int)((length + CHUNK_MASK) >>> CHUNK_SHIFT);
        for (int index = keptChunks; index < usedChunks; index++)
        {
            BufferUtil.free(chunks[index]);
            chunks[index] = null;
        }
        final int tailOffset = (int)(newLength & CHUNK_MASK);
        if (tailOffset != 0)
        {
            final int tailIndex = (int)(newLength >>> CHUNK_SHIFT);
            final long tailEnd = Math.min(length, (long)(tailIndex + 1) << CHUNK_SHIFT);
            chunks[tailIndex].setMemory(tailOffset, (int)(tailEnd - newLength), (byte)0);
        }
        length = newLength;
    }

    /** Flips the bits of {@code mask} in the byte at {@code position}: bit rot, for fault injection. */
    void flip(final long position, final byte mask)
    {
        final UnsafeBuffer chunk = chunks[(int)(position >>> CHUNK_SHIFT)];
        final int offset = (int)(position & CHUNK_MASK);
        chunk.putByte(offset, (byte)(chunk.getByte(offset) ^ mask));
    }

    private UnsafeBuffer chunk(final int index)
    {
        if (index >= chunks.length)
        {
            chunks = Arrays.copyOf(chunks, Math.max(index + 1, chunks.length << 1));
        }
        UnsafeBuffer chunk = chunks[index];
        if (null == chunk)
        {
            chunk = new UnsafeBuffer(ByteBuffer.allocateDirect(CHUNK_SIZE));
            chunks[index] = chunk;
        }
        return chunk;
    }
}
