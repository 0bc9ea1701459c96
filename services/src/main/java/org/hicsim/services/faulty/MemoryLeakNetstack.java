package org.hicsim.services.faulty;

import java.util.Arrays;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;

/**
 * Fault {@value #KIND}: once armed, every request writes {@value #BYTES_PER_REQUEST_KEY} (by default
 * {@value #BYTES_PER_REQUEST_DEFAULT}) bytes of sandbox memory that nothing ever frees, growing down from the
 * fault's block towards the end of netstack's structures: plain stores through the sandbox's page table into pages
 * it never touched before, so Core-0 counts each new page in the sandbox's memory in use, which is what the
 * Monitor's leak rule reads (not this probe). The probe counts them in
 * {@link HealthReport#memoryInUseBytes()} and reports {@link Health#DEGRADED} once three quarters of the room is
 * gone; when a request finds no room left, it is refused {@link Status#NO_CAPACITY} and the probe says
 * {@link Health#UNHEALTHY}.
 */
public final class MemoryLeakNetstack extends DelayedFaultNetstack
{
    public static final String KIND = "memory-leak";
    public static final String BYTES_PER_REQUEST_KEY = "fault.bytes_per_request";
    public static final long BYTES_PER_REQUEST_DEFAULT = 4096;
    /** The most one request may leak: a configuration asking more is refused. */
    public static final long BYTES_PER_REQUEST_MAX = 1 << 20;

    /** What leaked memory holds: not zero, so its pages are really written. */
    private static final byte LEAKED_BYTE = (byte)0xDB;
    private static final int CHUNK_LENGTH = 4096;

    private final byte[] leak = filled();

    @Override
    protected void handleArmed(final Message request, final Message reply)
    {
        final long leaked = leaked();
        final long bytes = parameter();
        if (leaked + bytes > room())
        {
            reply.clear().operation(request.operation()).connectionId(request.connectionId())
                .status(Status.NO_CAPACITY);
            return;
        }
        final long end = faultState() - leaked;
        for (long written = 0; written < bytes; written += CHUNK_LENGTH)
        {
            final int length = (int)Math.min(CHUNK_LENGTH, bytes - written);
            context().storeBytes(end - written - length, leak, 0, length);
        }
        context().storeLong(faultState() + FaultStateDescriptor.LEAKED_OFFSET, leaked + bytes);
        super.handleArmed(request, reply);
    }

    @Override
    public void probe(final HealthReport report)
    {
        super.probe(report);
        final long leaked = leaked();
        final Health leakHealth = leaked + parameter() > room() ? Health.UNHEALTHY
            : leaked * 4 >= room() * 3 ? Health.DEGRADED : Health.HEALTHY;
        report.memoryInUseBytes(report.memoryInUseBytes() + leaked)
            .health(leakHealth.compareTo(report.health()) > 0 ? leakHealth : report.health());
    }

    /**
     * @throws IllegalArgumentException when the size is not an integer from 1 to {@value #BYTES_PER_REQUEST_MAX}.
     */
    @Override
    protected long parameter(final Configuration configuration)
    {
        return integerIn(configuration, BYTES_PER_REQUEST_KEY, BYTES_PER_REQUEST_DEFAULT, 1, BYTES_PER_REQUEST_MAX);
    }

    private long leaked()
    {
        return context().loadLong(faultState() + FaultStateDescriptor.LEAKED_OFFSET);
    }

    /** The bytes between the end of netstack's structures and the fault's block. */
    private long room()
    {
        return faultState() - netstackEnd();
    }

    private static byte[] filled()
    {
        final byte[] bytes = new byte[CHUNK_LENGTH];
        Arrays.fill(bytes, LEAKED_BYTE);
        return bytes;
    }
}
