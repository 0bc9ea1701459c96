package org.hicsim.host;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.fault.FaultPlan;
import org.hicsim.core0.fault.FaultPoint;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.host.sample.EchoService;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host's fault point: {@link FaultPoint#EXPORT_CORRUPT} flips one bit of what a service exports, and nothing
 * when the run did not switch it on.
 */
class HostFaultPointsTest
{
    private static final MigrationContext MIGRATION = new MigrationContext(1, 0, 1);

    private final List<String> trace = new ArrayList<>();

    private byte[] exported(final FaultPlan plan)
    {
        final Kernel kernel = new Kernel(
            KernelConfig.withSeed(5).withMemoryBytes(HostFixture.KERNEL_MEMORY_BYTES).withFaults(plan), trace::add);
        final ServiceInstance echo = new ServiceHost(kernel).load(
            HostFixture.echo().migration(1, "1.0").verifiedFor(kernel), "echo", Grants.none());
        for (int i = 0; i < 3; i++)
        {
            echo.handle(new Message().operation(EchoService.ECHO), new Message());
        }
        final StateSnapshot snapshot = echo.exportState(MIGRATION);
        final byte[] global = new byte[snapshot.globalLength()];
        snapshot.copyGlobal(global, 0);
        return global;
    }

    @Test
    void shouldFlipOneBitOfTheExportedStateWhenSwitchedOn()
    {
        final byte[] intact = exported(FaultPlan.none());
        final byte[] corrupted = exported(FaultPlan.none().with(FaultPoint.EXPORT_CORRUPT, 1.0));

        int flippedBits = 0;
        for (int i = 0; i < intact.length; i++)
        {
            flippedBits += Integer.bitCount((intact[i] ^ corrupted[i]) & 0xFF);
        }
        assertEquals(1, flippedBits);
        assertTrue(trace.contains("t=0 fault.fire point=export.corrupt n=1"), trace::toString);
    }

    @Test
    void shouldExportTheSameStateTwiceWhenOff()
    {
        assertArrayEquals(exported(FaultPlan.none()), exported(FaultPlan.none()));
        assertTrue(trace.stream().noneMatch(line -> line.contains("fault.")), trace::toString);
    }
}
