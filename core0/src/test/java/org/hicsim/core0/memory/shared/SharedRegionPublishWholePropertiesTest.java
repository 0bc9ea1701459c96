package org.hicsim.core0.memory.shared;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.hicsim.core0.memory.FrameType;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.spi.SharedRegionDescriptor;

import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.hicsim.core0.memory.PageTable.PAGE_SIZE;
import static org.hicsim.core0.memory.PhysicalMemory.CORE0_OWNER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link SharedRegion#publishWhole} skips replicating the bytes it overwrites; what it leaves must be exactly what
 * {@code beginUpdate}, {@code stageBytes} at 0 and {@code publish} leave. Two regions of one size run the same
 * random program of whole publications (longer and shorter than the last), staged partial updates and aborted
 * ones, one publishing whole through {@code publishWhole} and the other through the three calls; after every
 * step their frames hold the same bytes, header and both copies.
 */
class SharedRegionPublishWholePropertiesTest
{
    private static final int SNAPSHOT_BYTES = PAGE_SIZE + 512;
    private static final int KINDS = 3;
    private static final int WHOLE = 0;
    private static final int STAGED = 1;

    @Property(tries = 300)
    void shouldLeaveTheBytesOfAStagedUpdateWhenPublishingWhole(
        @ForAll @Size(min = 1, max = 40) final List<@IntRange(min = 0, max = 1 << 20) Integer> steps)
    {
        final PhysicalMemory memory = new PhysicalMemory(PhysicalMemory.CHUNK_SIZE);
        final int frames = SharedRegionDescriptor.framesFor(SNAPSHOT_BYTES);
        final SharedRegion whole = region(memory, frames);
        final SharedRegion staged = region(memory, frames);
        final int capacity = whole.capacity();
        int step = 0;
        for (final int draw : steps)
        {
            final int length = (draw / KINDS) % (capacity + 1);
            final byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++)
            {
                bytes[i] = (byte)(draw + i * 31 + step);
            }
            switch (draw % KINDS)
            {
                case WHOLE ->
                {
                    whole.publishWhole(bytes, 0, length);
                    staged.beginUpdate();
                    staged.stageBytes(0, bytes, 0, length);
                    staged.publish();
                }
                case STAGED ->
                {
                    final int offset = length / SIZE_OF_LONG * SIZE_OF_LONG % (capacity - SIZE_OF_LONG);
                    for (final SharedRegion region : new SharedRegion[] {whole, staged})
                    {
                        region.beginUpdate();
                        region.stageLong(offset, draw);
                        region.publish();
                    }
                }
                default ->
                {
                    for (final SharedRegion region : new SharedRegion[] {whole, staged})
                    {
                        region.beginUpdate();
                        region.stageBytes(0, bytes, 0, length);
                        region.abortUpdate();
                    }
                }
            }
            assertEquals(staged.publishedVersion(), whole.publishedVersion());
            assertArrayEquals(bytesOf(memory, staged, frames), bytesOf(memory, whole, frames), "step=" + step);
            step++;
        }
    }

    private static SharedRegion region(final PhysicalMemory memory, final int frames)
    {
        return new SharedRegion(memory, memory.allocateContiguous(frames, CORE0_OWNER, FrameType.SHARED),
            SNAPSHOT_BYTES);
    }

    private static byte[] bytesOf(final PhysicalMemory memory, final SharedRegion region, final int frames)
    {
        final byte[] bytes = new byte[frames * PAGE_SIZE];
        memory.getBytes(PhysicalMemory.frameAddress(region.firstFrame()), bytes, 0, bytes.length);
        return bytes;
    }
}
