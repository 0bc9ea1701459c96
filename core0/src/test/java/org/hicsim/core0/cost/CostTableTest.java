package org.hicsim.core0.cost;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostTableTest
{
    @Test
    void shouldStartFromEveryEntrysDefault()
    {
        for (final Cost cost : Cost.values())
        {
            assertEquals(cost.defaultValue(), CostTable.defaults().value(cost), cost.key());
        }
    }

    @Test
    void shouldReplaceOnlyTheEntriesOverridden()
    {
        final CostTable table = CostTable.defaults().withOverrides(Map.of("ipc.latency", 5_000L));

        assertEquals(5_000, table.ipcLatencyNs());
        assertEquals(CostTable.defaults().requestCpuNs(), table.requestCpuNs());
    }

    @Test
    void shouldRefuseAnUnknownKeyNamingIt()
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> CostTable.defaults().withOverrides(Map.of("ipc.latncy", 1L)));

        assertTrue(refused.getMessage().contains("ipc.latncy"), refused.getMessage());
        assertTrue(refused.getMessage().contains("ipc.latency"), refused.getMessage());
    }

    @Test
    void shouldRefuseANegativeCostAndAZeroBandwidth()
    {
        assertThrows(IllegalArgumentException.class, () -> CostTable.defaults().with(Cost.REQUEST_CPU, -1));
        assertThrows(IllegalArgumentException.class, () -> CostTable.defaults().with(Cost.STORE_BANDWIDTH, 0));
    }

    @Test
    void shouldChargePerKibRoundedUp()
    {
        final CostTable table = CostTable.defaults().with(Cost.COPY_PER_KIB, 100);

        assertEquals(100, table.copyNs(1024));
        assertEquals(1, table.copyNs(1));
        assertEquals(0, table.copyNs(0));
    }

    @Test
    void shouldChargeSealingPerKibRoundedUp()
    {
        final CostTable table = CostTable.defaults().with(Cost.AEAD_PER_KIB, 300);

        assertEquals(300, table.aeadNs(1024));
        assertEquals(1, table.aeadNs(1));
        assertEquals(2 * table.aeadNs(1024), table.aeadNs(2048));
    }

    @Test
    void shouldTakeLongerToStoreMoreAndLongerOnASlowerStore()
    {
        final CostTable table = CostTable.defaults();
        final CostTable slower = table.with(Cost.STORE_BANDWIDTH, table.value(Cost.STORE_BANDWIDTH) / 2);

        assertEquals(table.value(Cost.STORE_LATENCY) + 5_000_000, table.storeTransferNs(1_000_000));
        assertTrue(slower.storeTransferNs(1_000_000) > table.storeTransferNs(1_000_000));
    }
}
