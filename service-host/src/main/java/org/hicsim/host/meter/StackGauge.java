package org.hicsim.host.meter;

/**
 * The modelled stack of every metered call in progress on the simulation's one thread, shared by all sandboxes of
 * one host, so a chain of nested service calls is bounded as a whole. Each metered frame adds its modelled size
 * (see {@link Meter#enter(int)}); the bound is set well below what the JVM's own thread stack holds at the
 * smallest {@code -Xss} the project supports, so a module meets this bound, always at the same depth, before the
 * JVM's would be met.
 */
public final class StackGauge
{
    /**
     * Modelled bytes of metered frames in progress at most. A frame is modelled larger than the JVM's interpreter
     * makes it, with room for the JDK frames between two metered ones, so this many bytes of model take less than
     * half of a 512 KiB thread stack.
     */
    public static final int BYTES_MAX = 192 * 1024;

    private final int bytesMax;
    int bytes;

    public StackGauge()
    {
        this(BYTES_MAX);
    }

    /**
     * @param bytesMax positive.
     */
    public StackGauge(final int bytesMax)
    {
        if (bytesMax <= 0)
        {
            throw new IllegalArgumentException("bytesMax=" + bytesMax + " must be positive");
        }
        this.bytesMax = bytesMax;
    }

    public int bytesMax()
    {
        return bytesMax;
    }

    /** Modelled bytes of the metered frames in progress. */
    public int bytes()
    {
        return bytes;
    }

    /**
     * Puts the gauge back where a call boundary found it: frames a stop or an exception unwound are gone.
     */
    public void reset(final int bytes)
    {
        this.bytes = bytes;
    }
}
