package org.hicsim.services.counter;

import org.hicsim.core0.spi.Status;

/**
 * The counter's requests, those of {@code docs/writing-a-service.md}: every request names a counter by its
 * payload (1 to {@value #NAME_LENGTH_MAX} ASCII bytes).
 * <ul>
 *     <li>{@link #ADD}: adds argument 0 to the counter, creating it at 0 first; the reply's argument 0 is the new
 *     value;</li>
 *     <li>{@link #GET}: the reply's argument 0 is the counter's value, or the status is {@link #NO_SUCH_COUNTER}.</li>
 * </ul>
 */
public final class CounterProtocol
{
    public static final int ADD = 1;
    public static final int GET = 2;
    /** GET named a counter that was never added to. */
    public static final int NO_SUCH_COUNTER = Status.SERVICE_BASE;
    public static final int NAME_LENGTH_MAX = 32;

    private CounterProtocol()
    {
    }
}
