package org.hicsim.core0.memory;

import static org.hicsim.core0.memory.PhysicalMemory.frameAddress;

/**
 * Run in a small child JVM by {@link LargeMachineTest}: builds a 64 GiB machine, allocates half of it, touches a
 * few frames far apart and reads them back. Exits 0 only if every value read back is the one written.
 */
public final class LargeMachineMain
{
    static final long SIZE_BYTES = 64L << 30;
    private static final int SANDBOX = 1;

    private LargeMachineMain()
    {
    }

    public static void main(final String[] args)
    {
        final PhysicalMemory memory = new PhysicalMemory(SIZE_BYTES);
        final int frameCount = memory.totalFrames() / 2;
        final int first = memory.allocateContiguous(frameCount, SANDBOX, FrameType.PRIVILEGED);
        final int[] touched = { first, first + frameCount / 3, first + frameCount - 1, memory.totalFrames() - 1 };
        for (final int frame : touched)
        {
            memory.putLong(frameAddress(frame), frame);
        }
        int failures = 0;
        for (final int frame : touched)
        {
            failures += memory.getLong(frameAddress(frame)) == frame ? 0 : 1;
        }
        failures += memory.framesOwnedBy(SANDBOX) == frameCount ? 0 : 1;
        failures += memory.touchedChunks() == touched.length ? 0 : 1;
        System.out.println("sizeBytes=" + memory.sizeBytes() + " touchedChunks=" + memory.touchedChunks() +
            " failures=" + failures);
        System.exit(failures == 0 ? 0 : 1);
    }
}
