package org.hicsim.core0.memory;

import java.nio.ByteOrder;
import java.util.Arrays;

import org.agrona.BufferUtil;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import static org.agrona.BitUtil.SIZE_OF_BYTE;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.isPowerOfTwo;

/**
 * The simulated machine's physical memory: real bytes in 4 KiB frames, a frame allocator with per-owner
 * accounting and quotas, and secure clearing on release.
 * <p>
 * Bytes live off-heap in chunks of {@link #CHUNK_SIZE} created when the chunk is first written, so untouched
 * memory costs no real memory and reads of it return zeros without creating anything: a 64 GiB machine starts
 * in a small JVM. Multi-byte values are {@link #BYTE_ORDER little-endian} whatever the host, so a run's bytes do
 * not depend on the machine that runs it.
 * <p>
 * Owners are sandbox ids; {@link #CORE0_OWNER} is Core-0. Expected outcomes (no room, over quota, not the
 * owner) are returned as negative codes; misuse (a frame that does not exist, a negative count) throws.
 * Ownership is not checked on byte access: that is the page tables' job, and only Core-0 holds this object.
 */
public final class PhysicalMemory
{
    public static final int FRAME_SHIFT = 12;
    public static final int FRAME_SIZE = 1 << FRAME_SHIFT;
    public static final int CHUNK_SHIFT = 21;
    public static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;
    public static final int FRAMES_PER_CHUNK = CHUNK_SIZE / FRAME_SIZE;
    public static final long DEFAULT_SIZE_BYTES = 1L << 30;
    /** Frame numbers are {@code int}s: at most 2^30 frames. */
    public static final long SIZE_BYTES_MAX = 1L << (30 + FRAME_SHIFT);
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;

    public static final int CORE0_OWNER = 0;
    /** {@link #ownerOf(int)} of a free frame. */
    public static final int NO_OWNER = -1;
    /** A quota that never refuses. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** No free range of the requested length (and alignment) exists. Codes are in ResultRange.MEMORY. */
    public static final int NO_CONTIGUOUS_RANGE = -401;
    /** The owner would hold more frames than its quota allows. */
    public static final int QUOTA_EXCEEDED = -402;
    /** A frame of the range is not held by the owner named. */
    public static final int NOT_OWNED = -403;

    private static final long CHUNK_MASK = CHUNK_SIZE - 1;
    private static final boolean NATIVE_ORDER_IS_BYTE_ORDER = ByteOrder.nativeOrder() == BYTE_ORDER;

    private final long sizeBytes;
    private final int totalFrames;
    private final UnsafeBuffer[] chunks;
    /** Native address of each chunk's bytes, 0 while it is untouched: what the checked accesses read through. */
    private final long[] chunkAddresses;
    private final FrameTable frames;
    private final FrameLedger ledger = new FrameLedger();
    private int touchedChunks;

    public PhysicalMemory()
    {
        this(DEFAULT_SIZE_BYTES);
    }

    /**
     * @param sizeBytes a positive multiple of {@link #FRAME_SIZE}, at most {@link #SIZE_BYTES_MAX}.
     */
    public PhysicalMemory(final long sizeBytes)
    {
        if (sizeBytes <= 0 || sizeBytes > SIZE_BYTES_MAX || (sizeBytes & (FRAME_SIZE - 1)) != 0)
        {
            throw new IllegalArgumentException("sizeBytes=" + sizeBytes + " must be a positive multiple of " +
                "FRAME_SIZE=" + FRAME_SIZE + " up to SIZE_BYTES_MAX=" + SIZE_BYTES_MAX);
        }
        this.sizeBytes = sizeBytes;
        this.totalFrames = (int)(sizeBytes >>> FRAME_SHIFT);
        this.chunks = new UnsafeBuffer[(int)((sizeBytes + CHUNK_MASK) >>> CHUNK_SHIFT)];
        this.chunkAddresses = new long[chunks.length];
        this.frames = new FrameTable(totalFrames);
    }

    public long sizeBytes()
    {
        return sizeBytes;
    }

    public int totalFrames()
    {
        return totalFrames;
    }

    public int freeFrames()
    {
        return frames.freeFrames();
    }

    /**
     * Chunks that have real memory behind them because something was written there.
     */
    public int touchedChunks()
    {
        return touchedChunks;
    }

    public static long frameAddress(final int frame)
    {
        return (long)frame << FRAME_SHIFT;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Frames, owners and quotas
    // ----------------------------------------------------------------------------------------------------------

    public int allocateContiguous(final int frameCount, final int owner, final FrameType type)
    {
        return allocateContiguous(frameCount, owner, type, 1);
    }

    /**
     * Allocates the lowest free run of {@code frameCount} frames starting at a multiple of {@code alignmentFrames}
     * (align to keep a range inside one chunk, see {@link #wrapFrames}). The frames read as zeros.
     *
     * @param type anything but {@link FrameType#FREE}; {@link FrameType#SHARED} frames belong to Core-0 only.
     * @return the first frame, or {@link #NO_CONTIGUOUS_RANGE} or {@link #QUOTA_EXCEEDED}.
     */
    public int allocateContiguous(final int frameCount, final int owner, final FrameType type, final int alignmentFrames)
    {
        checkOwner(owner);
        if (frameCount <= 0)
        {
            throw new IllegalArgumentException("frameCount=" + frameCount + " must be positive");
        }
        if (alignmentFrames <= 0 || !isPowerOfTwo(alignmentFrames))
        {
            throw new IllegalArgumentException("alignmentFrames=" + alignmentFrames + " must be a power of two");
        }
        if (type == FrameType.FREE || (type == FrameType.SHARED && owner != CORE0_OWNER))
        {
            throw new IllegalArgumentException("type=" + type + " owner=" + owner + " cannot be allocated");
        }
        if (!ledger.canTake(owner, frameCount))
        {
            return QUOTA_EXCEEDED;
        }
        final int first = frames.findFree(frameCount, alignmentFrames);
        if (first < 0)
        {
            return NO_CONTIGUOUS_RANGE;
        }
        frames.claim(first, frameCount, owner, type);
        ledger.add(owner, frameCount);
        return first;
    }

    /**
     * Zeroes and releases frames the owner holds; refuses the whole range if any frame is not the owner's.
     * The caller unmaps them from every page table first, or a stale mapping would reach the next owner.
     *
     * @return {@code frameCount}, or {@link #NOT_OWNED}.
     */
    public int free(final int firstFrame, final int frameCount, final int owner)
    {
        checkFrameRange(firstFrame, frameCount);
        if (!frames.allOwnedBy(firstFrame, frameCount, owner))
        {
            return NOT_OWNED;
        }
        release(firstFrame, frameCount, owner);
        return frameCount;
    }

    /**
     * Moves frames from one owner to another as one step, bytes untouched: how a connection's buffers follow
     * it to a new service instance.
     *
     * @return {@code frameCount}, or {@link #NOT_OWNED} or {@link #QUOTA_EXCEEDED}.
     */
    public int transfer(final int firstFrame, final int frameCount, final int fromOwner, final int toOwner)
    {
        checkFrameRange(firstFrame, frameCount);
        checkOwner(toOwner);
        if (!frames.allOwnedBy(firstFrame, frameCount, fromOwner))
        {
            return NOT_OWNED;
        }
        if (toOwner != CORE0_OWNER && frames.containsType(firstFrame, frameCount, FrameType.SHARED))
        {
            throw new IllegalArgumentException("SHARED frames stay with Core-0: firstFrame=" + firstFrame +
                " toOwner=" + toOwner);
        }
        if (fromOwner != toOwner && !ledger.canTake(toOwner, frameCount))
        {
            return QUOTA_EXCEEDED;
        }
        final int written = frames.countWritten(firstFrame, frameCount);
        frames.changeOwner(firstFrame, frameCount, toOwner);
        ledger.remove(fromOwner, frameCount);
        ledger.add(toOwner, frameCount);
        ledger.removeWritten(fromOwner, written);
        ledger.addWritten(toOwner, written);
        return frameCount;
    }

    /**
     * Zeroes and releases every frame the owner holds: what happens to a sandbox's memory when it dies, after
     * its page table is cleared.
     *
     * @return the number of frames released.
     */
    public int releaseAllOwnedBy(final int owner)
    {
        checkOwner(owner);
        int released = 0;
        int frame = frames.nextInUse(0);
        while (frame >= 0 && ledger.held(owner) > 0)
        {
            final int run = frames.runOwnedBy(frame, owner);
            if (run > 0)
            {
                release(frame, run, owner);
                released += run;
            }
            frame = frames.nextInUse(frame + Math.max(run, 1));
        }
        return released;
    }

    /**
     * @return the owner, or {@link #NO_OWNER} for a free frame.
     */
    public int ownerOf(final int frame)
    {
        checkFrameRange(frame, 1);
        return frames.ownerOf(frame);
    }

    public FrameType frameType(final int frame)
    {
        checkFrameRange(frame, 1);
        return frames.typeOf(frame);
    }

    public int framesOwnedBy(final int owner)
    {
        return ledger.held(owner);
    }

    /**
     * Frames the owner holds that were written through a page table since they were allocated: the memory it
     * uses, as against the memory it was given ({@link #framesOwnedBy}). A frame counts for whoever holds it, so
     * a transfer moves its count; a release makes it clean.
     */
    public int framesWrittenBy(final int owner)
    {
        return ledger.written(owner);
    }

    /** Whether a page table's write reached the frame since it was allocated ({@link #markWritten}). */
    public boolean isWritten(final int frame)
    {
        checkFrameRange(frame, 1);
        return frames.isWritten(frame);
    }

    /**
     * A page table lets a write reach the frame: its dirty bit, counted for its owner the first time. Page tables
     * call it once per page, on the first write a mapping lets through, so the stores after it cost nothing.
     */
    void markWritten(final int frame)
    {
        if (frames.markWritten(frame))
        {
            ledger.addWritten(frames.ownerOf(frame), 1);
        }
    }

    /**
     * @param quotaFrames the most frames the owner may hold, or {@link #UNLIMITED}. Lowering it below what the
     *                    owner holds takes nothing away; the owner is then {@link QuotaLevel#EXCEEDED}.
     */
    public void setQuota(final int owner, final int quotaFrames)
    {
        checkOwner(owner);
        if (quotaFrames < 0)
        {
            throw new IllegalArgumentException("quotaFrames=" + quotaFrames + " must not be negative");
        }
        ledger.setQuota(owner, quotaFrames);
    }

    public int quotaOf(final int owner)
    {
        return ledger.quota(owner);
    }

    public QuotaLevel quotaLevel(final int owner)
    {
        return ledger.level(owner);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Bytes by physical address
    // ----------------------------------------------------------------------------------------------------------

    public byte getByte(final long address)
    {
        checkBounds(address, SIZE_OF_BYTE);
        final UnsafeBuffer chunk = chunks[(int)(address >>> CHUNK_SHIFT)];
        return null == chunk ? 0 : chunk.getByte((int)(address & CHUNK_MASK));
    }

    public void putByte(final long address, final byte value)
    {
        checkBounds(address, SIZE_OF_BYTE);
        writableChunk(address).putByte((int)(address & CHUNK_MASK), value);
    }

    public int getInt(final long address)
    {
        checkBounds(address, SIZE_OF_INT);
        final int offset = (int)(address & CHUNK_MASK);
        if (offset > CHUNK_SIZE - SIZE_OF_INT)
        {
            return (int)getAcrossChunks(address, SIZE_OF_INT);
        }
        final UnsafeBuffer chunk = chunks[(int)(address >>> CHUNK_SHIFT)];
        return null == chunk ? 0 : chunk.getInt(offset, BYTE_ORDER);
    }

    public void putInt(final long address, final int value)
    {
        checkBounds(address, SIZE_OF_INT);
        final int offset = (int)(address & CHUNK_MASK);
        if (offset > CHUNK_SIZE - SIZE_OF_INT)
        {
            putAcrossChunks(address, SIZE_OF_INT, value);
        }
        else
        {
            writableChunk(address).putInt(offset, value, BYTE_ORDER);
        }
    }

    public long getLong(final long address)
    {
        checkBounds(address, SIZE_OF_LONG);
        final int offset = (int)(address & CHUNK_MASK);
        if (offset > CHUNK_SIZE - SIZE_OF_LONG)
        {
            return getAcrossChunks(address, SIZE_OF_LONG);
        }
        final UnsafeBuffer chunk = chunks[(int)(address >>> CHUNK_SHIFT)];
        return null == chunk ? 0 : chunk.getLong(offset, BYTE_ORDER);
    }

    public void putLong(final long address, final long value)
    {
        checkBounds(address, SIZE_OF_LONG);
        final int offset = (int)(address & CHUNK_MASK);
        if (offset > CHUNK_SIZE - SIZE_OF_LONG)
        {
            putAcrossChunks(address, SIZE_OF_LONG, value);
        }
        else
        {
            writableChunk(address).putLong(offset, value, BYTE_ORDER);
        }
    }

    public void getBytes(final long address, final byte[] dst, final int dstOffset, final int length)
    {
        checkBounds(address, length);
        checkArrayRange(dst, dstOffset, length);
        long position = address;
        int copied = 0;
        while (copied < length)
        {
            final int offset = (int)(position & CHUNK_MASK);
            final int segment = Math.min(length - copied, CHUNK_SIZE - offset);
            final UnsafeBuffer chunk = chunks[(int)(position >>> CHUNK_SHIFT)];
            if (null == chunk)
            {
                Arrays.fill(dst, dstOffset + copied, dstOffset + copied + segment, (byte)0);
            }
            else
            {
                chunk.getBytes(offset, dst, dstOffset + copied, segment);
            }
            copied += segment;
            position += segment;
        }
    }

    public void putBytes(final long address, final byte[] src, final int srcOffset, final int length)
    {
        checkBounds(address, length);
        checkArrayRange(src, srcOffset, length);
        long position = address;
        int copied = 0;
        while (copied < length)
        {
            final int offset = (int)(position & CHUNK_MASK);
            final int segment = Math.min(length - copied, CHUNK_SIZE - offset);
            writableChunk(position).putBytes(offset, src, srcOffset + copied, segment);
            copied += segment;
            position += segment;
        }
    }

    /**
     * Sets {@code length} bytes to {@code value}; zeroing an untouched chunk costs nothing.
     */
    public void setMemory(final long address, final long length, final byte value)
    {
        checkBounds(address, length);
        long position = address;
        final long end = address + length;
        while (position < end)
        {
            final int offset = (int)(position & CHUNK_MASK);
            final int segment = (int)Math.min(end - position, CHUNK_SIZE - offset);
            final int index = (int)(position >>> CHUNK_SHIFT);
            if (null != chunks[index] || value != 0)
            {
                writableChunk(position).setMemory(offset, segment, value);
            }
            position += segment;
        }
    }

    /**
     * Copies between two ranges that must not overlap, without a temporary array.
     */
    public void copyMemory(final long srcAddress, final long dstAddress, final long length)
    {
        checkBounds(srcAddress, length);
        checkBounds(dstAddress, length);
        if (srcAddress < dstAddress + length && dstAddress < srcAddress + length)
        {
            throw new IllegalArgumentException("ranges overlap: srcAddress=" + srcAddress + " dstAddress=" +
                dstAddress + " length=" + length);
        }
        long copied = 0;
        while (copied < length)
        {
            final long src = srcAddress + copied;
            final long dst = dstAddress + copied;
            final int srcOffset = (int)(src & CHUNK_MASK);
            final int dstOffset = (int)(dst & CHUNK_MASK);
            final int segment = (int)Math.min(length - copied, CHUNK_SIZE - Math.max(srcOffset, dstOffset));
            final UnsafeBuffer srcChunk = chunks[(int)(src >>> CHUNK_SHIFT)];
            if (null == srcChunk)
            {
                setMemory(dst, segment, (byte)0);
            }
            else
            {
                writableChunk(dst).putBytes(dstOffset, srcChunk, srcOffset, segment);
            }
            copied += segment;
        }
    }

    /**
     * Points {@code view} at the bytes of a frame range, for Core-0 structures that live in simulated memory
     * (an IPC ring buffer, say). The range must lie within one chunk, which an allocation aligned to a power of
     * two no larger than {@link #FRAMES_PER_CHUNK} guarantees. The chunk is made real, as the view can write.
     */
    public void wrapFrames(final int firstFrame, final int frameCount, final UnsafeBuffer view)
    {
        checkFrameRange(firstFrame, frameCount);
        final long address = frameAddress(firstFrame);
        final int offset = (int)(address & CHUNK_MASK);
        final long length = (long)frameCount << FRAME_SHIFT;
        if (offset + length > CHUNK_SIZE)
        {
            throw new IllegalArgumentException("range crosses a chunk: firstFrame=" + firstFrame +
                " frameCount=" + frameCount + " FRAMES_PER_CHUNK=" + FRAMES_PER_CHUNK);
        }
        view.wrap(writableChunk(address), offset, (int)length);
    }

    // Accessors for addresses a page table produced: such an address lies inside a mapped frame, so inside
    // memory, and a value that does not cross its page does not cross a chunk. The checks are already done, so
    // these read and write the chunk's native memory directly, without a buffer's bounds check: they are the
    // path of every load and store a sandbox makes.

    byte getByteInFrame(final long address)
    {
        final long chunkAddress = chunkAddresses[(int)(address >>> CHUNK_SHIFT)];
        return chunkAddress == 0 ? 0 : getByteAt(chunkAddress + (address & CHUNK_MASK));
    }

    void putByteInFrame(final long address, final byte value)
    {
        putByteAt(writableChunkAddress(address) + (address & CHUNK_MASK), value);
    }

    int getIntInFrame(final long address)
    {
        final long chunkAddress = chunkAddresses[(int)(address >>> CHUNK_SHIFT)];
        return chunkAddress == 0 ? 0 : getIntAt(chunkAddress + (address & CHUNK_MASK));
    }

    void putIntInFrame(final long address, final int value)
    {
        putIntAt(writableChunkAddress(address) + (address & CHUNK_MASK), value);
    }

    long getLongInFrame(final long address)
    {
        final long chunkAddress = chunkAddresses[(int)(address >>> CHUNK_SHIFT)];
        return chunkAddress == 0 ? 0 : getLongAt(chunkAddress + (address & CHUNK_MASK));
    }

    void putLongInFrame(final long address, final long value)
    {
        putLongAt(writableChunkAddress(address) + (address & CHUNK_MASK), value);
    }

    private static int inByteOrder(final int nativeValue)
    {
        return NATIVE_ORDER_IS_BYTE_ORDER ? nativeValue : Integer.reverseBytes(nativeValue);
    }

    private static long inByteOrder(final long nativeValue)
    {
        return NATIVE_ORDER_IS_BYTE_ORDER ? nativeValue : Long.reverseBytes(nativeValue);
    }

    private long writableChunkAddress(final long address)
    {
        final int index = (int)(address >>> CHUNK_SHIFT);
        final long chunkAddress = chunkAddresses[index];
        return chunkAddress != 0 ? chunkAddress : touch(index).addressOffset();
    }

    private void release(final int firstFrame, final int frameCount, final int owner)
    {
        setMemory(frameAddress(firstFrame), (long)frameCount << FRAME_SHIFT, (byte)0);
        ledger.removeWritten(owner, frames.countWritten(firstFrame, frameCount));
        frames.release(firstFrame, frameCount);
        ledger.remove(owner, frameCount);
    }

    /**
     * Native address of a frame's bytes, or 0 while its chunk is not real: what a {@link PageTable} keeps beside
     * an entry so that a checked access need not look the chunk up. It never changes once the chunk is real.
     */
    long nativeFrameAddress(final int frame)
    {
        final long chunkAddress = chunkAddresses[frame >>> (CHUNK_SHIFT - FRAME_SHIFT)];
        return chunkAddress == 0 ? 0 : chunkAddress + ((long)(frame & (FRAMES_PER_CHUNK - 1)) << FRAME_SHIFT);
    }

    // Accessors for a native address nativeFrameAddress gave, plus an offset that stays inside the frame.

    static long getLongAt(final long nativeAddress)
    {
        return inByteOrder(UnsafeApi.getLong(nativeAddress));
    }

    static void putLongAt(final long nativeAddress, final long value)
    {
        UnsafeApi.putLong(nativeAddress, inByteOrder(value));
    }

    static int getIntAt(final long nativeAddress)
    {
        return inByteOrder(UnsafeApi.getInt(nativeAddress));
    }

    static void putIntAt(final long nativeAddress, final int value)
    {
        UnsafeApi.putInt(nativeAddress, inByteOrder(value));
    }

    static byte getByteAt(final long nativeAddress)
    {
        return UnsafeApi.getByte(nativeAddress);
    }

    static void putByteAt(final long nativeAddress, final byte value)
    {
        UnsafeApi.putByte(nativeAddress, value);
    }

    private UnsafeBuffer writableChunk(final long address)
    {
        final int index = (int)(address >>> CHUNK_SHIFT);
        final UnsafeBuffer chunk = chunks[index];
        return null != chunk ? chunk : touch(index);
    }

    private UnsafeBuffer touch(final int index)
    {
        final long base = (long)index << CHUNK_SHIFT;
        final int length = (int)Math.min(CHUNK_SIZE, sizeBytes - base);
        // Frame-aligned, so a frame's native address has its low bits free (PageTable keeps permissions there).
        final UnsafeBuffer chunk = new UnsafeBuffer(BufferUtil.allocateDirectAligned(length, FRAME_SIZE));
        chunks[index] = chunk;
        chunkAddresses[index] = chunk.addressOffset();
        touchedChunks++;
        return chunk;
    }

    private long getAcrossChunks(final long address, final int width)
    {
        long value = 0;
        for (int i = 0; i < width; i++)
        {
            value |= (getByte(address + i) & 0xFFL) << (i << 3);
        }
        return value;
    }

    private void putAcrossChunks(final long address, final int width, final long value)
    {
        for (int i = 0; i < width; i++)
        {
            putByte(address + i, (byte)(value >>> (i << 3)));
        }
    }

    private void checkBounds(final long address, final long length)
    {
        if (address < 0 || length < 0 || address > sizeBytes - length)
        {
            throw new IndexOutOfBoundsException(
                "address=" + address + " length=" + length + " sizeBytes=" + sizeBytes);
        }
    }

    private void checkFrameRange(final int firstFrame, final int frameCount)
    {
        if (firstFrame < 0 || frameCount <= 0 || firstFrame > totalFrames - frameCount)
        {
            throw new IndexOutOfBoundsException(
                "firstFrame=" + firstFrame + " frameCount=" + frameCount + " totalFrames=" + totalFrames);
        }
    }

    private static void checkOwner(final int owner)
    {
        if (owner < 0)
        {
            throw new IllegalArgumentException("owner=" + owner + " must not be negative");
        }
    }

    private static void checkArrayRange(final byte[] array, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || offset > array.length - length)
        {
            throw new IndexOutOfBoundsException(
                "offset=" + offset + " length=" + length + " array.length=" + array.length);
        }
    }
}
