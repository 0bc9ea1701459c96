package org.hicsim.services.faulty;

import java.util.Arrays;

import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.netstack.MemoryMapDescriptor;

/**
 * Fault {@value #KIND}: every request writes {@value #BYTES_PER_REQUEST} bytes of sandbox memory that nothing
 * ever frees, growing down from the fault's block towards the end of netstack's structures. The probe counts
 * them in {@link HealthReport#memoryInUseBytes()} and reports {@link Health#DEGRADED} once three quarters of the
 * room is gone; when a request finds no room left, it is refused {@link Status#NO_CAPACITY} and the probe says
 * {@link Health#UNHEALTHY}.
 */
public final class MemoryLeakNetstack extends FaultyNetstack
{
    public static final String KIND = "memory-leak";
    public static final int BYTES_PER_REQUEST = 4096;

    /** What leaked memory holds: not zero, so its pages are really written. */
    private static final byte LEAKED_BYTE = (byte)0xDB;

    private final byte[] leak = filled();

    @Override
    public void handle(final Message request, final Message reply)
    {
        final long leaked = leaked();
        if (leaked + BYTES_PER_REQUEST > room())
        {
            reply.clear().operation(request.operation()).connectionId(request.connectionId())
                .status(Status.NO_CAPACITY);
            return;
        }
        context().storeBytes(faultState() - leaked - BYTES_PER_REQUEST, leak, 0, BYTES_PER_REQUEST);
        context().storeLong(faultState() + FaultStateDescriptor.LEAKED_OFFSET, leaked + BYTES_PER_REQUEST);
        super.handle(request, reply);
    }

    @Override
    public void probe(final HealthReport report)
    {
        super.probe(report);
        final long leaked = leaked();
        final Health leakHealth = leaked + BYTES_PER_REQUEST > room() ? Health.UNHEALTHY
            : leaked * 4 >= room() * 3 ? Health.DEGRADED : Health.HEALTHY;
        report.memoryInUseBytes(report.memoryInUseBytes() + leaked)
            .health(leakHealth.compareTo(report.health()) > 0 ? leakHealth : report.health());
    }

    private long leaked()
    {
        return context().loadLong(faultState() + FaultStateDescriptor.LEAKED_OFFSET);
    }

    /** The bytes between the end of netstack's structures and the fault's block. */
    private long room()
    {
        return faultState() - (context().memoryBase() + MemoryMapDescriptor.REQUIRED_LENGTH);
    }

    private static byte[] filled()
    {
        final byte[] bytes = new byte[BYTES_PER_REQUEST];
        Arrays.fill(bytes, LEAKED_BYTE);
        return bytes;
    }
}
