package org.hicsim.services.netstack;

import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.services.netstack.v1_2_0.Netstack;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NetstackProbeTest
{
    private final NetstackHarness harness = new NetstackHarness(5);
    private final NetstackClient netstack = harness.start("netstack", new Netstack());
    private final HealthReport report = new HealthReport();

    private HealthReport probe()
    {
        netstack.service.probe(report.clear());
        return report;
    }

    private void openUdp(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            netstack.openUdp(1 + i);
        }
    }

    @Test
    void shouldBeHealthyWithNoConnections()
    {
        assertEquals(Health.HEALTHY, probe().health());
        assertEquals(0, report.connections());
        assertEquals(NetstackHarness.DEFAULT_MAP.fixedStructuresLength(), report.memoryInUseBytes());
    }

    @Test
    void shouldCountConnectionsAndTheirBuffers()
    {
        openUdp(3);

        assertEquals(3, probe().connections());
        assertEquals(NetstackHarness.DEFAULT_MAP.fixedStructuresLength()
            + 3L * NetstackHarness.DEFAULT_MAP.bufferBytes(), report.memoryInUseBytes());
    }

    @Test
    void shouldStayHealthyAtEightyPercentFull()
    {
        openUdp(MemoryMapDescriptor.CONNECTIONS_DEFAULT * AbstractNetstack.DEGRADED_PERCENT / 100);

        assertEquals(Health.HEALTHY, probe().health());
    }

    @Test
    void shouldBeDegradedAboveEightyPercentFull()
    {
        openUdp(MemoryMapDescriptor.CONNECTIONS_DEFAULT * AbstractNetstack.DEGRADED_PERCENT / 100 + 1);

        assertEquals(Health.DEGRADED, probe().health());
    }

    @Test
    void shouldBeUnhealthyWhenTheTableIsFull()
    {
        openUdp(MemoryMapDescriptor.CONNECTIONS_DEFAULT);

        assertEquals(Health.UNHEALTHY, probe().health());
    }

    @Test
    void shouldBeUnhealthyWhenItsHeaderIsOverwritten()
    {
        netstack.context.storeInt(netstack.context.memoryBase() + HeaderDescriptor.MAGIC_OFFSET, 0);

        assertEquals(Health.UNHEALTHY, probe().health());
    }
}
