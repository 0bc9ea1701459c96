package org.hicsim.services.eth_driver;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.SandboxTerminatedException;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.memory.shared.SharedRegions;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.SharedRegionDescriptor;
import org.hicsim.core0.spi.SharedRegionReader;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.ServiceKernel;
import org.hicsim.services.eth_driver.v1_2_0.EthDriver;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * eth_driver's shared statistics region (step 2.2 of the HIC document): the driver publishes its counters
 * through Core-0, and a reader that Core-0 granted maps the region read-only and reads them without a call.
 */
class EthSharedStatsTest
{
    private static final long READER_BYTES = 16 * 1024;
    private static final long STATS_ADDRESS = Sandbox.MEMORY_BASE + (1L << 24);
    private static final int DATA_LENGTH = 100;

    private final ServiceKernel services = new ServiceKernel();
    private final Kernel kernel = services.kernel;
    private final Message request = new Message();
    private final Message reply = new Message();
    private final int reader = kernel.sandboxes().create(SandboxSpec.privileged("netstack-reader", READER_BYTES, 10));
    private final SystemCalls readerCalls = kernel.systemCalls(reader);

    @Test
    void shouldPublishTheCountersTheDriverAnswersByCall()
    {
        final ServiceKernel.Instance driver = v120();
        transmit(driver, DATA_LENGTH, EthDriverProtocol.TX_FLAG_IPV4_CHECKSUM);
        transmit(driver, DATA_LENGTH, 0);
        request.clear().operation(EthDriverProtocol.SET_MTU).argument(0, EthDriverProtocol.MTU_MIN);
        driver.handle(request, reply);
        assertEquals(EthDriverProtocol.FRAME_TOO_LONG, transmit(driver, EthDriverProtocol.MTU_MIN + 1, 0));

        final long[] shared = readShared(mapStatsOf(driver));

        final long[] called = calledCounters(driver, EthStatsLayout.V2);
        for (int counter = 0; counter < EthStatsDescriptor.COUNTERS_MAX; counter++)
        {
            assertEquals(called[counter], shared[counter], "counter " + counter);
        }
        assertEquals(2, shared[EthStatsDescriptor.TX_FRAMES]);
        assertEquals(1, shared[EthStatsDescriptor.TX_ERRORS]);
        assertEquals(1, shared[EthStatsDescriptor.TX_CHECKSUM_OFFLOADED]);
        assertEquals(EthDriverProtocol.MTU_MIN, sharedInt(EthSharedStatsDescriptor.MTU_OFFSET));
        assertEquals(EthStatsLayout.V2.stateVersion(), sharedInt(EthSharedStatsDescriptor.LAYOUT_VERSION_OFFSET));
    }

    @Test
    void shouldSeeEachNewCountWithoutCallingTheDriver()
    {
        final ServiceKernel.Instance driver = v120();
        final SharedRegionReader stats = mapStatsOf(driver);
        assertEquals(0, readShared(stats)[EthStatsDescriptor.TX_BYTES]);

        services.advance(1_000);
        transmit(driver, DATA_LENGTH, 0);

        assertEquals(EthDriverProtocol.HEADER_LENGTH + DATA_LENGTH, readShared(stats)[EthStatsDescriptor.TX_BYTES]);
        stats.beginRead();
        assertEquals(services.nowNs(), stats.readLong(EthSharedStatsDescriptor.PUBLISHED_AT_NS_OFFSET));
    }

    @Test
    void shouldPublishTheOldLayoutsCountersWidenedForVersion110()
    {
        final ServiceKernel.Instance driver = services.start("eth_driver", "1.1.0",
            new org.hicsim.services.eth_driver.v1_1_0.EthDriver(), EthDriverTest.MEMORY_V1_1_0);
        transmit(driver, DATA_LENGTH, 0);

        final long[] shared = readShared(mapStatsOf(driver));

        assertEquals(1, shared[EthStatsDescriptor.TX_FRAMES]);
        assertEquals(0, shared[EthStatsDescriptor.TX_CHECKSUM_OFFLOADED]);
        assertEquals(EthStatsLayout.V1.stateVersion(), sharedInt(EthSharedStatsDescriptor.LAYOUT_VERSION_OFFSET));
    }

    @Test
    void shouldPublishTheImportedCountersOfANewInstance()
    {
        final ServiceKernel.Instance old = v120();
        transmit(old, DATA_LENGTH, 0);
        final MigrationContext migration = new MigrationContext(1, 2, EthStatsLayout.V2.stateVersion());
        final StateSnapshot snapshot = old.service.exportState(migration);
        final ServiceKernel.Instance fresh = services.start("eth_driver", "1.2.0-new", new EthDriver(),
            EthDriverTest.MEMORY_V1_2_0);

        assertEquals(Status.OK, fresh.service.importState(snapshot, migration));

        assertEquals(1, readShared(mapStatsOf(fresh))[EthStatsDescriptor.TX_FRAMES]);
    }

    @Test
    void shouldKillAReaderThatStoresIntoTheStatistics()
    {
        mapStatsOf(v120());

        assertThrows(SandboxTerminatedException.class,
            () -> readerCalls.storeLong(STATS_ADDRESS + SharedRegionDescriptor.HEADER_LENGTH, 0));
        assertFalse(kernel.sandboxes().get(reader).isAlive());
    }

    @Test
    void shouldKeepTheLastStatisticsReadableAfterTheDriverDies()
    {
        final ServiceKernel.Instance driver = v120();
        transmit(driver, DATA_LENGTH, 0);
        final SharedRegionReader stats = mapStatsOf(driver);

        kernel.sandboxes().kill(driver.sandboxId, "crash");

        assertEquals(1, readShared(stats)[EthStatsDescriptor.TX_FRAMES]);
    }

    private ServiceKernel.Instance v120()
    {
        return services.start("eth_driver", "1.2.0", new EthDriver(), EthDriverTest.MEMORY_V1_2_0);
    }

    /** Core-0's side: grant the reader the driver's region; the reader's side: map it. */
    private SharedRegionReader mapStatsOf(final ServiceKernel.Instance driver)
    {
        final int[] regions = kernel.sharedRegions().regionsWrittenBy(driver.sandboxId);
        assertEquals(1, regions.length, "one statistics region per driver");
        final long handle = kernel.sharedRegions().grantReader(regions[0], reader);
        assertTrue(handle > 0);
        assertEquals(SharedRegions.READER_RIGHTS, kernel.capabilities().find(reader, handle).rights());
        assertEquals(Status.OK, readerCalls.mapSharedRegion(handle, STATS_ADDRESS));
        return new SharedRegionReader(readerCalls, STATS_ADDRESS);
    }

    private long[] readShared(final SharedRegionReader stats)
    {
        final long[] counters = new long[EthStatsDescriptor.COUNTERS_MAX];
        final long version = stats.read(from ->
        {
            for (int counter = 0; counter < counters.length; counter++)
            {
                counters[counter] = from.readLong(EthSharedStatsDescriptor.counterOffset(counter));
            }
        });
        assertTrue(version > 0, "a whole version was read");
        return counters;
    }

    private int sharedInt(final int offset)
    {
        final SharedRegionReader stats = new SharedRegionReader(readerCalls, STATS_ADDRESS);
        stats.beginRead();
        return stats.readInt(offset);
    }

    private long[] calledCounters(final ServiceKernel.Instance driver, final EthStatsLayout layout)
    {
        return EthDriverTest.counters(driver, request, reply, layout);
    }

    private int transmit(final ServiceKernel.Instance driver, final int dataLength, final long flags)
    {
        return EthDriverTest.transmit(driver, request, reply, dataLength, flags);
    }
}
