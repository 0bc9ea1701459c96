package org.hicsim.services.eth_driver;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.ServiceKernel;
import org.hicsim.services.common.LittleEndian;
import org.hicsim.services.common.SnapshotCheckpoint;
import org.hicsim.services.common.SnapshotDescriptor;
import org.hicsim.services.eth_driver.v1_2_0.EthDriver;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EthStatsConversionPropertiesTest
{
    private static final MigrationContext TO_V1 = new MigrationContext(1, 1, EthStatsLayout.V1.stateVersion());
    private static final MigrationContext TO_V2 = new MigrationContext(1, 1, EthStatsLayout.V2.stateVersion());
    private static final long U32_MASK = 0xFFFF_FFFFL;

    private final Message request = new Message();
    private final Message reply = new Message();

    @Property(tries = 200)
    void shouldGiveVersion110TheLow32BitsOfEachCounterOnRollback(
        @ForAll @LongRange(min = 0) final long frames,
        @ForAll @LongRange(min = 0) final long bytes,
        @ForAll @LongRange(min = 0) final long dropped,
        @ForAll @LongRange(min = 0) final long errors,
        @ForAll @LongRange(min = 0) final long offloaded)
    {
        final ServiceKernel kernel = new ServiceKernel();
        final ServiceKernel.Instance newer = kernel.start("eth_driver", "1.2.0", new EthDriver(),
            EthDriverTest.MEMORY_V1_2_0);
        final ServiceKernel.Instance older = kernel.start("eth_driver", "1.1.0",
            new org.hicsim.services.eth_driver.v1_1_0.EthDriver(), EthDriverTest.MEMORY_V1_1_0);
        assertEquals(Status.OK, newer.service.importState(
            snapshot(EthStatsLayout.V2, new long[] {frames, bytes, dropped, errors, offloaded}), TO_V2));

        assertEquals(Status.OK, older.service.importState(newer.service.exportState(TO_V1), TO_V1));

        final long[] counters = counters(older, EthStatsLayout.V1);
        assertEquals(frames & U32_MASK, counters[EthStatsDescriptor.TX_FRAMES]);
        assertEquals(bytes & U32_MASK, counters[EthStatsDescriptor.TX_BYTES]);
        assertEquals(dropped & U32_MASK, counters[EthStatsDescriptor.TX_DROPPED]);
        assertEquals(errors & U32_MASK, counters[EthStatsDescriptor.TX_ERRORS]);
    }

    @Property(tries = 200)
    void shouldWidenVersion110CountersWithoutLossOnUpgrade(
        @ForAll @LongRange(min = 0, max = U32_MASK) final long frames,
        @ForAll @LongRange(min = 0, max = U32_MASK) final long bytes,
        @ForAll @LongRange(min = 0, max = U32_MASK) final long dropped,
        @ForAll @LongRange(min = 0, max = U32_MASK) final long errors)
    {
        final ServiceKernel kernel = new ServiceKernel();
        final ServiceKernel.Instance newer = kernel.start("eth_driver", "1.2.0", new EthDriver(),
            EthDriverTest.MEMORY_V1_2_0);

        assertEquals(Status.OK, newer.service.importState(
            snapshot(EthStatsLayout.V1, new long[] {frames, bytes, dropped, errors, 0}), TO_V1));

        final long[] counters = counters(newer, EthStatsLayout.V2);
        assertEquals(frames, counters[EthStatsDescriptor.TX_FRAMES]);
        assertEquals(bytes, counters[EthStatsDescriptor.TX_BYTES]);
        assertEquals(dropped, counters[EthStatsDescriptor.TX_DROPPED]);
        assertEquals(errors, counters[EthStatsDescriptor.TX_ERRORS]);
        assertEquals(0, counters[EthStatsDescriptor.TX_CHECKSUM_OFFLOADED]);
    }

    /** A snapshot as a driver of {@code layout}'s version would export it, with the default MTU. */
    private static StateSnapshot snapshot(final EthStatsLayout layout, final long[] counters)
    {
        final byte[] global = new byte[SnapshotDescriptor.HEADER_LENGTH + EthDriverSnapshotDescriptor.length(layout)];
        LittleEndian.putInt(global, SnapshotDescriptor.BODY_OFFSET + EthDriverSnapshotDescriptor.MTU_OFFSET,
            EthDriverProtocol.MTU_DEFAULT);
        layout.encode(counters, global, SnapshotDescriptor.BODY_OFFSET + EthDriverSnapshotDescriptor.STATS_OFFSET);
        return new SnapshotCheckpoint().seal(
            layout.stateVersion(), global, EthDriverSnapshotDescriptor.length(layout), List.of());
    }

    private long[] counters(final ServiceKernel.Instance driver, final EthStatsLayout layout)
    {
        request.clear().operation(EthDriverProtocol.RECEIVE_STATS);
        driver.handle(request, reply);
        final byte[] stats = new byte[reply.payloadLength()];
        reply.copyPayload(stats, 0);
        final long[] counters = new long[EthStatsDescriptor.COUNTERS_MAX];
        layout.decode(stats, 0, counters);
        return counters;
    }
}
