package org.hicsim.services.faulty;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;

/**
 * A fault that strikes only once armed, as real bugs wait for their moment: once as many requests as
 * {@value #AFTER_REQUESTS_KEY} says have been served, and as much virtual time as {@value #AFTER_NS_KEY} says has
 * passed since the instance started (both default to 0: armed from the start). A build configured so passes an
 * update's checks and fails later. Both, and the fault's own {@link #parameter}, are configuration: read at
 * {@code init} and changed at run time by {@code configure}, and kept in the fault's block of sandbox memory.
 * <p>
 * A configuration key is a public {@code *_KEY} constant, its default the {@code *_DEFAULT} constant beside it;
 * the catalogue manifest of each fault states them all, with those values.
 */
public abstract class DelayedFaultNetstack extends FaultyNetstack
{
    public static final String AFTER_REQUESTS_KEY = "fault.after_requests";
    public static final long AFTER_REQUESTS_DEFAULT = 0;
    public static final String AFTER_NS_KEY = "fault.after_ns";
    public static final long AFTER_NS_DEFAULT = 0;

    /**
     * Reads when the fault strikes and its parameter from the instance's configuration, then starts netstack.
     *
     * @throws IllegalArgumentException when a value is malformed or out of range.
     */
    @Override
    public final void init(final ServiceContext context)
    {
        super.init(context);
        store(settings(context.configuration()));
    }

    /**
     * Takes new fault settings when netstack takes the configuration too; a malformed or out-of-range one
     * changes nothing.
     */
    @Override
    public final int configure(final Configuration configuration)
    {
        final long[] settings;
        try
        {
            settings = settings(configuration);
        }
        catch (final IllegalArgumentException malformed)
        {
            return Status.INVALID_ARGUMENT;
        }
        final int status = super.configure(configuration);
        if (status == Status.OK)
        {
            store(settings);
        }
        return status;
    }

    /** Serves the request as netstack does, or as the fault does if it is armed when the request comes; counts it. */
    @Override
    public final void handle(final Message request, final Message reply)
    {
        if (isArmed())
        {
            handleArmed(request, reply);
        }
        else
        {
            super.handle(request, reply);
        }
        storeLong(FaultStateDescriptor.REQUESTS_OFFSET, loadLong(FaultStateDescriptor.REQUESTS_OFFSET) + 1);
    }

    /** How an armed fault serves a request; netstack's way unless the fault strikes here. */
    protected void handleArmed(final Message request, final Message reply)
    {
        super.handle(request, reply);
    }

    /**
     * Whether the fault strikes now: at least {@value #AFTER_REQUESTS_KEY} requests served, and at least
     * {@value #AFTER_NS_KEY} since the start.
     */
    protected final boolean isArmed()
    {
        return loadLong(FaultStateDescriptor.REQUESTS_OFFSET) >= loadLong(FaultStateDescriptor.AFTER_REQUESTS_OFFSET)
            && context().nowNs() - loadLong(FaultStateDescriptor.STARTED_AT_OFFSET)
            >= loadLong(FaultStateDescriptor.AFTER_NS_OFFSET);
    }

    /** The fault's own parameter, as {@link #parameter(Configuration)} encoded it. */
    protected final long parameter()
    {
        return loadLong(FaultStateDescriptor.PARAMETER_OFFSET);
    }

    /** Requests served before the one being served. */
    protected final long requests()
    {
        return loadLong(FaultStateDescriptor.REQUESTS_OFFSET);
    }

    /**
     * The fault's own parameter read from {@code configuration}, encoded as the fault keeps it; 0 for a fault
     * that has none.
     *
     * @throws IllegalArgumentException when the value is malformed or out of range.
     */
    protected long parameter(final Configuration configuration)
    {
        return 0;
    }

    /** The default of {@value #AFTER_REQUESTS_KEY}; a fault that waits for requests by nature says how many. */
    protected long afterRequestsDefault()
    {
        return AFTER_REQUESTS_DEFAULT;
    }

    /**
     * @throws IllegalArgumentException when the value is not an integer from {@code min} to {@code max}.
     */
    protected static long integerIn(
        final Configuration configuration, final String key, final long defaultValue, final long min, final long max)
    {
        final long value = configuration.integer(key, defaultValue);
        if (value < min || value > max)
        {
            throw new IllegalArgumentException("key=" + key + " value=" + value + " outside " + min + ".." + max);
        }
        return value;
    }

    /**
     * After requests, after ns and the parameter {@code configuration} gives, all read before any is stored.
     *
     * @throws IllegalArgumentException when a value is malformed or out of range.
     */
    private long[] settings(final Configuration configuration)
    {
        return new long[] {
            integerIn(configuration, AFTER_REQUESTS_KEY, afterRequestsDefault(), 0, Long.MAX_VALUE),
            integerIn(configuration, AFTER_NS_KEY, AFTER_NS_DEFAULT, 0, Long.MAX_VALUE),
            parameter(configuration)
        };
    }

    private void store(final long[] settings)
    {
        storeLong(FaultStateDescriptor.AFTER_REQUESTS_OFFSET, settings[0]);
        storeLong(FaultStateDescriptor.AFTER_NS_OFFSET, settings[1]);
        storeLong(FaultStateDescriptor.PARAMETER_OFFSET, settings[2]);
    }

    private long loadLong(final int offset)
    {
        return context().loadLong(faultState() + offset);
    }

    private void storeLong(final int offset, final long value)
    {
        context().storeLong(faultState() + offset, value);
    }
}
