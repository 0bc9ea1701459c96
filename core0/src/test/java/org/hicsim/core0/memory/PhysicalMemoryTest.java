package org.hicsim.core0.memory;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.hicsim.core0.memory.PhysicalMemory.CHUNK_SIZE;
import static org.hicsim.core0.memory.PhysicalMemory.CORE0_OWNER;
import static org.hicsim.core0.memory.PhysicalMemory.FRAMES_PER_CHUNK;
import static org.hicsim.core0.memory.PhysicalMemory.FRAME_SIZE;
import static org.hicsim.core0.memory.PhysicalMemory.NOT_OWNED;
import static org.hicsim.core0.memory.PhysicalMemory.NO_CONTIGUOUS_RANGE;
import static org.hicsim.core0.memory.PhysicalMemory.NO_OWNER;
import static org.hicsim.core0.memory.PhysicalMemory.QUOTA_EXCEEDED;
import static org.hicsim.core0.memory.PhysicalMemory.frameAddress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PhysicalMemoryTest
{
    private static final int SANDBOX_A = 7;
    private static final int SANDBOX_B = 8;

    private final PhysicalMemory memory = new PhysicalMemory(4L * CHUNK_SIZE);

    @Test
    void shouldDefaultToOneGibibyteOfFourKibibyteFrames()
    {
        final PhysicalMemory defaultMemory = new PhysicalMemory();
        assertEquals(PhysicalMemory.DEFAULT_SIZE_BYTES, defaultMemory.sizeBytes());
        assertEquals(PhysicalMemory.DEFAULT_SIZE_BYTES / FRAME_SIZE, defaultMemory.totalFrames());
        assertEquals(defaultMemory.totalFrames(), defaultMemory.freeFrames());
    }

    @Test
    void shouldReadZerosFromUntouchedMemoryWithoutBackingIt()
    {
        assertEquals(0, memory.getLong(frameAddress(100)));
        final byte[] bytes = new byte[3 * FRAME_SIZE];
        memory.getBytes(CHUNK_SIZE - FRAME_SIZE, bytes, 0, bytes.length);
        assertArrayEquals(new byte[bytes.length], bytes);
        assertEquals(0, memory.touchedChunks());
    }

    @Test
    void shouldBackOnlyTheChunkThatIsWritten()
    {
        memory.putLong(2L * CHUNK_SIZE + 8, -2L);
        assertEquals(1, memory.touchedChunks());
        assertEquals(-2L, memory.getLong(2L * CHUNK_SIZE + 8));
    }

    @Test
    void shouldStoreValuesLittleEndian()
    {
        memory.putInt(0, 0x0A0B0C0D);
        assertEquals(0x0D, memory.getByte(0));
        assertEquals(0x0A, memory.getByte(3));
    }

    @Test
    void shouldReadAndWriteValuesThatStraddleTwoChunks()
    {
        final long address = CHUNK_SIZE - 3;
        memory.putLong(address, 0x1122334455667788L);
        memory.putInt(2L * CHUNK_SIZE - 1, 0xCAFEBABE);
        assertEquals(0x1122334455667788L, memory.getLong(address));
        assertEquals(0xCAFEBABE, memory.getInt(2L * CHUNK_SIZE - 1));
        assertEquals(0x88, memory.getByte(address) & 0xFF);
    }

    @Test
    void shouldCopyBytesAcrossChunkBoundaries()
    {
        final byte[] pattern = new byte[FRAME_SIZE + 17];
        for (int i = 0; i < pattern.length; i++)
        {
            pattern[i] = (byte)(i * 31);
        }
        memory.putBytes(CHUNK_SIZE - 100, pattern, 0, pattern.length);
        memory.copyMemory(CHUNK_SIZE - 100, 3L * CHUNK_SIZE - 50, pattern.length);
        final byte[] copied = new byte[pattern.length];
        memory.getBytes(3L * CHUNK_SIZE - 50, copied, 0, copied.length);
        assertArrayEquals(pattern, copied);
    }

    @Test
    void shouldRejectAccessOutsideMemory()
    {
        assertThrows(IndexOutOfBoundsException.class, () -> memory.getLong(memory.sizeBytes() - 7));
        assertThrows(IndexOutOfBoundsException.class, () -> memory.putByte(-1, (byte)1));
        assertThrows(IndexOutOfBoundsException.class, () -> memory.getBytes(0, new byte[4], 2, 3));
    }

    @Test
    void shouldAllocateLowestFreeRangeAndRecordOwnerAndType()
    {
        final int first = memory.allocateContiguous(3, SANDBOX_A, FrameType.PRIVILEGED);
        final int second = memory.allocateContiguous(2, SANDBOX_B, FrameType.APPLICATION);
        assertEquals(0, first);
        assertEquals(3, second);
        assertEquals(SANDBOX_A, memory.ownerOf(2));
        assertEquals(FrameType.APPLICATION, memory.frameType(4));
        assertEquals(NO_OWNER, memory.ownerOf(5));
        assertEquals(FrameType.FREE, memory.frameType(5));
        assertEquals(3, memory.framesOwnedBy(SANDBOX_A));
        assertEquals(memory.totalFrames() - 5, memory.freeFrames());
    }

    @Test
    void shouldAllocateAtRequestedAlignment()
    {
        memory.allocateContiguous(1, SANDBOX_A, FrameType.PRIVILEGED);
        assertEquals(16, memory.allocateContiguous(16, SANDBOX_A, FrameType.PRIVILEGED, 16));
    }

    @Test
    void shouldRefuseWhenNoContiguousRangeIsFree()
    {
        final int head = memory.allocateContiguous(1, SANDBOX_A, FrameType.PRIVILEGED);
        memory.allocateContiguous(memory.totalFrames() - 2, SANDBOX_B, FrameType.PRIVILEGED);
        memory.free(head, 1, SANDBOX_A);
        assertEquals(2, memory.freeFrames());
        assertEquals(NO_CONTIGUOUS_RANGE, memory.allocateContiguous(2, SANDBOX_B, FrameType.PRIVILEGED));
    }

    @Test
    void shouldRefuseAllocationBeyondQuota()
    {
        memory.setQuota(SANDBOX_A, 10);
        memory.allocateContiguous(8, SANDBOX_A, FrameType.PRIVILEGED);
        assertEquals(QUOTA_EXCEEDED, memory.allocateContiguous(3, SANDBOX_A, FrameType.PRIVILEGED));
        assertEquals(8, memory.framesOwnedBy(SANDBOX_A));
    }

    @Test
    void shouldReportQuotaLevelsAtHicThresholds()
    {
        memory.setQuota(SANDBOX_A, 100);
        assertEquals(QuotaLevel.OK, memory.quotaLevel(SANDBOX_A));
        memory.allocateContiguous(QuotaLevel.WARNING_PERCENT, SANDBOX_A, FrameType.PRIVILEGED);
        assertEquals(QuotaLevel.WARNING, memory.quotaLevel(SANDBOX_A));
        memory.allocateContiguous(QuotaLevel.CRITICAL_PERCENT - QuotaLevel.WARNING_PERCENT, SANDBOX_A,
            FrameType.PRIVILEGED);
        assertEquals(QuotaLevel.CRITICAL, memory.quotaLevel(SANDBOX_A));
        memory.setQuota(SANDBOX_A, QuotaLevel.CRITICAL_PERCENT - 1);
        assertEquals(QuotaLevel.EXCEEDED, memory.quotaLevel(SANDBOX_A));
    }

    @Test
    void shouldTreatOwnerWithoutQuotaAsUnlimited()
    {
        memory.allocateContiguous(memory.totalFrames(), SANDBOX_A, FrameType.PRIVILEGED);
        assertEquals(QuotaLevel.OK, memory.quotaLevel(SANDBOX_A));
        assertEquals(PhysicalMemory.UNLIMITED, memory.quotaOf(SANDBOX_A));
    }

    @Test
    void shouldRefuseToFreeFramesOfAnotherOwner()
    {
        final int first = memory.allocateContiguous(4, SANDBOX_A, FrameType.PRIVILEGED);
        memory.putLong(frameAddress(first), 42);
        assertEquals(NOT_OWNED, memory.free(first, 4, SANDBOX_B));
        assertEquals(NOT_OWNED, memory.free(first, 5, SANDBOX_A));
        assertEquals(SANDBOX_A, memory.ownerOf(first));
        assertEquals(42, memory.getLong(frameAddress(first)));
    }

    @Test
    void shouldNeverShowOldOwnersBytesToNewOwner()
    {
        final int first = memory.allocateContiguous(2, SANDBOX_A, FrameType.PRIVILEGED);
        final byte[] secret = new byte[2 * FRAME_SIZE];
        java.util.Arrays.fill(secret, (byte)0x5A);
        memory.putBytes(frameAddress(first), secret, 0, secret.length);
        memory.free(first, 2, SANDBOX_A);

        final int reused = memory.allocateContiguous(2, SANDBOX_B, FrameType.PRIVILEGED);
        final byte[] seen = new byte[secret.length];
        memory.getBytes(frameAddress(reused), seen, 0, seen.length);
        assertEquals(first, reused);
        assertArrayEquals(new byte[seen.length], seen);
    }

    @Test
    void shouldReleaseAndZeroEverythingOfDeadOwner()
    {
        final int a1 = memory.allocateContiguous(2, SANDBOX_A, FrameType.PRIVILEGED);
        final int b = memory.allocateContiguous(1, SANDBOX_B, FrameType.PRIVILEGED);
        final int a2 = memory.allocateContiguous(3, SANDBOX_A, FrameType.PRIVILEGED);
        memory.putLong(frameAddress(a2), 99);
        memory.putLong(frameAddress(b), 77);

        assertEquals(5, memory.releaseAllOwnedBy(SANDBOX_A));
        assertEquals(0, memory.framesOwnedBy(SANDBOX_A));
        assertEquals(NO_OWNER, memory.ownerOf(a1));
        assertEquals(0, memory.getLong(frameAddress(a2)));
        assertEquals(77, memory.getLong(frameAddress(b)));
        assertEquals(memory.totalFrames() - 1, memory.freeFrames());
    }

    @Test
    void shouldTransferFramesWithTheirBytes()
    {
        final int first = memory.allocateContiguous(2, SANDBOX_A, FrameType.PRIVILEGED);
        memory.putLong(frameAddress(first), 5);
        assertEquals(2, memory.transfer(first, 2, SANDBOX_A, SANDBOX_B));
        assertEquals(SANDBOX_B, memory.ownerOf(first + 1));
        assertEquals(0, memory.framesOwnedBy(SANDBOX_A));
        assertEquals(2, memory.framesOwnedBy(SANDBOX_B));
        assertEquals(5, memory.getLong(frameAddress(first)));
    }

    @Test
    void shouldRefuseTransferBeyondReceiversQuota()
    {
        final int first = memory.allocateContiguous(2, SANDBOX_A, FrameType.PRIVILEGED);
        memory.setQuota(SANDBOX_B, 1);
        assertEquals(QUOTA_EXCEEDED, memory.transfer(first, 2, SANDBOX_A, SANDBOX_B));
        assertEquals(NOT_OWNED, memory.transfer(first, 2, SANDBOX_B, SANDBOX_A));
        assertEquals(SANDBOX_A, memory.ownerOf(first));
    }

    @Test
    void shouldKeepSharedFramesWithCore0()
    {
        assertThrows(IllegalArgumentException.class,
            () -> memory.allocateContiguous(1, SANDBOX_A, FrameType.SHARED));
        final int shared = memory.allocateContiguous(1, CORE0_OWNER, FrameType.SHARED);
        assertThrows(IllegalArgumentException.class, () -> memory.transfer(shared, 1, CORE0_OWNER, SANDBOX_A));
    }

    @Test
    void shouldWrapFramesInsideOneChunkAsBuffer()
    {
        final int first = memory.allocateContiguous(16, SANDBOX_A, FrameType.PRIVILEGED, 16);
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        memory.wrapFrames(first, 16, view);
        view.putLong(FRAME_SIZE, 123, PhysicalMemory.BYTE_ORDER);
        assertEquals(16 * FRAME_SIZE, view.capacity());
        assertEquals(123, memory.getLong(frameAddress(first + 1)));
    }

    @Test
    void shouldRefuseToWrapRangeCrossingChunk()
    {
        assertThrows(IllegalArgumentException.class,
            () -> memory.wrapFrames(FRAMES_PER_CHUNK - 1, 2, new UnsafeBuffer(0, 0)));
    }

    @Test
    void shouldSupportSizeThatIsNotWholeChunks()
    {
        final PhysicalMemory small = new PhysicalMemory(CHUNK_SIZE + 3L * FRAME_SIZE);
        small.putLong(small.sizeBytes() - 8, 1);
        assertEquals(FRAMES_PER_CHUNK + 3, small.totalFrames());
        assertEquals(1, small.getLong(small.sizeBytes() - 8));
        assertEquals(0, small.allocateContiguous(small.totalFrames(), SANDBOX_A, FrameType.PRIVILEGED));
        assertEquals(NO_CONTIGUOUS_RANGE, small.allocateContiguous(1, SANDBOX_A, FrameType.PRIVILEGED));
    }
}
