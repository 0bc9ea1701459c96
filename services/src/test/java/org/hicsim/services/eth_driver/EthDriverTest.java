package org.hicsim.services.eth_driver;

import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.ServiceKernel;
import org.hicsim.services.eth_driver.v1_2_0.EthDriver;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EthDriverTest
{
    static final long MEMORY_V1_1_0 = 512 * 1024;
    static final long MEMORY_V1_2_0 = 2 * 1024 * 1024;
    private static final int DATA_LENGTH = 100;

    /** The example IPv4 header of RFC 1071 practice (Wikipedia's "IPv4 header checksum"), checksum b861. */
    private static final byte[] IPV4_HEADER = {
        0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
        (byte)0xc0, (byte)0xa8, 0x00, 0x01, (byte)0xc0, (byte)0xa8, 0x00, (byte)0xc7};

    private final ServiceKernel kernel = new ServiceKernel();
    private final Message request = new Message();
    private final Message reply = new Message();

    private ServiceKernel.Instance v110()
    {
        return kernel.start("eth_driver", "1.1.0", new org.hicsim.services.eth_driver.v1_1_0.EthDriver(),
            MEMORY_V1_1_0);
    }

    private ServiceKernel.Instance v120()
    {
        return kernel.start("eth_driver", "1.2.0", new EthDriver(), MEMORY_V1_2_0);
    }

    private int transmit(final ServiceKernel.Instance driver, final int dataLength, final long flags)
    {
        return transmit(driver, request, reply, dataLength, flags);
    }

    /**
     * Sends one IPv4 frame of {@code dataLength} bytes after the Ethernet header.
     *
     * @return the reply's status.
     */
    static int transmit(
        final ServiceKernel.Instance driver, final Message request, final Message reply, final int dataLength,
        final long flags)
    {
        final byte[] frame = new byte[EthDriverProtocol.HEADER_LENGTH + dataLength];
        frame[EthDriverProtocol.ETHER_TYPE_OFFSET] = (byte)(EthDriverProtocol.ETHER_TYPE_IPV4 >>> 8);
        System.arraycopy(IPV4_HEADER, 0, frame, EthDriverProtocol.HEADER_LENGTH, Math.min(dataLength,
            IPV4_HEADER.length));
        request.clear().operation(EthDriverProtocol.TRANSMIT).argument(0, flags).payload(frame, 0, frame.length);
        assertEquals(Status.OK, driver.handle(request, reply));
        return reply.status();
    }

    private long counter(final ServiceKernel.Instance driver, final EthStatsLayout layout, final int counter)
    {
        return counters(driver, request, reply, layout)[counter];
    }

    /** Every counter, as {@link EthDriverProtocol#RECEIVE_STATS} answers them in {@code layout}. */
    static long[] counters(
        final ServiceKernel.Instance driver, final Message request, final Message reply, final EthStatsLayout layout)
    {
        request.clear().operation(EthDriverProtocol.RECEIVE_STATS);
        driver.handle(request, reply);
        final byte[] stats = new byte[reply.payloadLength()];
        reply.copyPayload(stats, 0);
        final long[] values = new long[EthStatsDescriptor.COUNTERS_MAX];
        layout.decode(stats, 0, values);
        return values;
    }

    private static long wireNs(final int frameLength)
    {
        return (Math.max(frameLength, NicDriver.FRAME_LENGTH_MIN) + NicDriver.WIRE_OVERHEAD_BYTES)
            * NicDriver.LINK_NS_PER_BYTE;
    }

    @Test
    void shouldReplyBytesSentAndWhenTheLastBitLeavesTheWire()
    {
        final ServiceKernel.Instance driver = v120();
        kernel.advance(1_000);

        assertEquals(Status.OK, transmit(driver, DATA_LENGTH, 0));

        final int frameLength = EthDriverProtocol.HEADER_LENGTH + DATA_LENGTH;
        assertEquals(frameLength, reply.argument(0));
        assertEquals(kernel.nowNs() + wireNs(frameLength), reply.argument(1));
    }

    @Test
    void shouldQueueFramesBehindEachOtherOnTheLink()
    {
        final ServiceKernel.Instance driver = v120();
        transmit(driver, DATA_LENGTH, 0);
        final long firstDone = reply.argument(1);

        transmit(driver, DATA_LENGTH, 0);

        assertEquals(firstDone + wireNs(EthDriverProtocol.HEADER_LENGTH + DATA_LENGTH), reply.argument(1));
    }

    @Test
    void shouldRefuseAFrameWhoseDataExceedsTheMtuAndCountIt()
    {
        final ServiceKernel.Instance driver = v120();
        request.clear().operation(EthDriverProtocol.SET_MTU).argument(0, EthDriverProtocol.MTU_MIN);
        driver.handle(request, reply);
        assertEquals(EthDriverProtocol.MTU_DEFAULT, reply.argument(0));

        assertEquals(EthDriverProtocol.FRAME_TOO_LONG, transmit(driver, EthDriverProtocol.MTU_MIN + 1, 0));
        assertEquals(Status.OK, transmit(driver, EthDriverProtocol.MTU_MIN, 0));
        assertEquals(1, counter(driver, EthStatsLayout.V2, EthStatsDescriptor.TX_ERRORS));
        assertEquals(1, counter(driver, EthStatsLayout.V2, EthStatsDescriptor.TX_FRAMES));
    }

    @Test
    void shouldRefuseAnMtuOutsideWhatIpv4AndEthernetAllow()
    {
        final ServiceKernel.Instance driver = v110();
        request.clear().operation(EthDriverProtocol.SET_MTU).argument(0, EthDriverProtocol.MTU_MAX + 1);

        driver.handle(request, reply);

        assertEquals(Status.INVALID_ARGUMENT, reply.status());
    }

    @Test
    void shouldRefuseAFrameShorterThanItsHeader()
    {
        final ServiceKernel.Instance driver = v110();
        request.clear().operation(EthDriverProtocol.TRANSMIT).payload(new byte[1], 0, 1);

        driver.handle(request, reply);

        assertEquals(Status.INVALID_ARGUMENT, reply.status());
        assertEquals(1, counter(driver, EthStatsLayout.V1, EthStatsDescriptor.TX_ERRORS));
    }

    @Test
    void shouldDropTheFrameThatFindsTheRingFull()
    {
        final ServiceKernel.Instance driver = v110();
        for (int i = 0; i < org.hicsim.services.eth_driver.v1_1_0.EthDriver.RING_SLOTS; i++)
        {
            assertEquals(Status.OK, transmit(driver, DATA_LENGTH, 0));
        }

        assertEquals(EthDriverProtocol.RING_FULL, transmit(driver, DATA_LENGTH, 0));
        assertEquals(1, counter(driver, EthStatsLayout.V1, EthStatsDescriptor.TX_DROPPED));
    }

    @Test
    void shouldTakeFramesAgainOnceTheLinkHasSentThem()
    {
        final ServiceKernel.Instance driver = v110();
        long lastDone = 0;
        for (int i = 0; i < org.hicsim.services.eth_driver.v1_1_0.EthDriver.RING_SLOTS; i++)
        {
            transmit(driver, DATA_LENGTH, 0);
            lastDone = reply.argument(1);
        }

        kernel.advance(lastDone - kernel.nowNs());

        assertEquals(Status.OK, transmit(driver, DATA_LENGTH, 0));
    }

    @Test
    void shouldHoldFourTimesTheBurstInVersion120()
    {
        final ServiceKernel.Instance driver = v120();
        for (int i = 0; i < EthDriver.RING_SLOTS; i++)
        {
            assertEquals(Status.OK, transmit(driver, DATA_LENGTH, 0));
        }

        assertEquals(EthDriverProtocol.RING_FULL, transmit(driver, DATA_LENGTH, 0));
        assertEquals(4 * org.hicsim.services.eth_driver.v1_1_0.EthDriver.RING_SLOTS, EthDriver.RING_SLOTS);
    }

    @Test
    void shouldBeWorkFreeAtOnceButRequestFreeOnlyOnceTheRingHasDrained()
    {
        final ServiceKernel.Instance driver = v120();
        transmit(driver, DATA_LENGTH, 0);
        final long done = reply.argument(1);

        assertTrue(driver.service.prepareMigration(Quiescence.WORK_FREE));
        assertFalse(driver.service.prepareMigration(Quiescence.REQUEST_FREE));
        kernel.advance(done - kernel.nowNs());
        assertTrue(driver.service.prepareMigration(Quiescence.REQUEST_FREE));
    }

    @Test
    void shouldRefuseFramesWhileFrozenAndTakeThemAgainAfterAbort()
    {
        final ServiceKernel.Instance driver = v120();
        driver.service.prepareMigration(Quiescence.WORK_FREE);

        assertEquals(Status.BUSY, transmit(driver, DATA_LENGTH, 0));
        driver.service.abortMigration();
        assertEquals(Status.OK, transmit(driver, DATA_LENGTH, 0));
    }

    @Test
    void shouldSendEveryRequestToTheImporterOnceRetiredByComplete()
    {
        final ServiceKernel.Instance driver = v120();
        driver.service.prepareMigration(Quiescence.WORK_FREE);
        driver.service.completeMigration();
        request.clear().operation(EthDriverProtocol.RECEIVE_STATS);

        driver.handle(request, reply);

        assertEquals(Status.MIGRATED, reply.status());
    }

    @Test
    void shouldRefuseChecksumOffloadInVersion110()
    {
        assertEquals(EthDriverProtocol.OFFLOAD_UNSUPPORTED,
            transmit(v110(), DATA_LENGTH, EthDriverProtocol.TX_FLAG_IPV4_CHECKSUM));
    }

    @Test
    void shouldWriteTheIpv4HeaderChecksumIntoTheFrameInTheRing()
    {
        final ServiceKernel.Instance driver = v120();

        assertEquals(Status.OK, transmit(driver, DATA_LENGTH, EthDriverProtocol.TX_FLAG_IPV4_CHECKSUM));

        final byte[] header = new byte[IPV4_HEADER.length];
        driver.context.loadBytes(driver.context.memoryBase() + DriverStateDescriptor.RING_OFFSET
            + TxRingDescriptor.bufferOffset(EthDriver.RING_SLOTS, 0) + EthDriverProtocol.HEADER_LENGTH,
            header, 0, header.length);
        assertEquals((byte)0xb8, header[Ipv4HeaderChecksum.CHECKSUM_OFFSET]);
        assertEquals((byte)0x61, header[Ipv4HeaderChecksum.CHECKSUM_OFFSET + 1]);
        assertEquals(1, counter(driver, EthStatsLayout.V2, EthStatsDescriptor.TX_CHECKSUM_OFFLOADED));
    }

    @Test
    void shouldRefuseChecksumOffloadForAFrameWithoutAnIpv4Header()
    {
        assertEquals(Status.INVALID_ARGUMENT, transmit(v120(), 4, EthDriverProtocol.TX_FLAG_IPV4_CHECKSUM));
    }

    @Test
    void shouldReportDegradedOnceTheRingIsThreeQuartersFull()
    {
        final ServiceKernel.Instance driver = v110();
        final HealthReport report = new HealthReport();
        final int threeQuarters = org.hicsim.services.eth_driver.v1_1_0.EthDriver.RING_SLOTS * 3 / 4;
        for (int i = 0; i < threeQuarters - 1; i++)
        {
            transmit(driver, DATA_LENGTH, 0);
        }
        driver.service.probe(report);
        assertEquals(Health.HEALTHY, report.health());

        transmit(driver, DATA_LENGTH, 0);
        driver.service.probe(report);

        assertEquals(Health.DEGRADED, report.health());
        assertEquals(DriverStateDescriptor.length(org.hicsim.services.eth_driver.v1_1_0.EthDriver.RING_SLOTS),
            report.memoryInUseBytes());
    }

    @Test
    void shouldCarryMtuAndCountersToANewInstanceOfTheSameVersion()
    {
        final ServiceKernel.Instance old = v120();
        transmit(old, DATA_LENGTH, EthDriverProtocol.TX_FLAG_IPV4_CHECKSUM);
        request.clear().operation(EthDriverProtocol.SET_MTU).argument(0, 1400);
        old.handle(request, reply);
        final MigrationContext migration = new MigrationContext(1, 2, EthStatsLayout.V2.stateVersion());
        final StateSnapshot snapshot = old.service.exportState(migration);

        final ServiceKernel.Instance fresh = kernel.start("eth_driver", "1.2.0-new", new EthDriver(), MEMORY_V1_2_0);

        assertEquals(Status.OK, fresh.service.importState(snapshot, migration));
        assertEquals(1, counter(fresh, EthStatsLayout.V2, EthStatsDescriptor.TX_FRAMES));
        assertEquals(1, counter(fresh, EthStatsLayout.V2, EthStatsDescriptor.TX_CHECKSUM_OFFLOADED));
        assertEquals(1400, reply.argument(2));
    }

    @Test
    void shouldNotWriteAStateVersionNewerThanItsOwn()
    {
        assertNull(v110().service.exportState(new MigrationContext(1, 1, EthStatsLayout.V2.stateVersion())));
    }

    @Test
    void shouldRefuseToImportAStateVersionNewerThanItsOwn()
    {
        final MigrationContext toV2 = new MigrationContext(1, 1, EthStatsLayout.V2.stateVersion());
        final StateSnapshot v2 = v120().service.exportState(toV2);

        assertEquals(Status.STATE_VERSION_UNSUPPORTED, v110().service.importState(v2, toV2));
    }

    @Test
    void shouldRefuseASnapshotWithAChangedByte()
    {
        final MigrationContext migration = new MigrationContext(1, 1, EthStatsLayout.V1.stateVersion());
        final StateSnapshot snapshot = v110().service.exportState(migration);
        final byte[] global = new byte[snapshot.globalLength()];
        snapshot.copyGlobal(global, 0);
        global[global.length - 1] ^= 1;
        final StateSnapshot changed = StateSnapshot.builder(snapshot.stateVersion())
            .global(global, 0, global.length).build();
        final ServiceKernel.Instance fresh = kernel.start("eth_driver", "1.1.0-new",
            new org.hicsim.services.eth_driver.v1_1_0.EthDriver(), MEMORY_V1_1_0);

        assertEquals(Status.STATE_CORRUPT, fresh.service.importState(changed, migration));
        assertEquals(0, counter(fresh, EthStatsLayout.V1, EthStatsDescriptor.TX_ERRORS));
    }

    @Test
    void shouldAnswerUnknownOperation()
    {
        request.clear().operation(99);

        v110().handle(request, reply);

        assertEquals(Status.UNKNOWN_OPERATION, reply.status());
    }

    @Test
    void shouldReportTheVersionsStatsLayoutInTheStatsReply()
    {
        request.clear().operation(EthDriverProtocol.RECEIVE_STATS);
        v110().handle(request, reply);
        assertEquals(EthStatsLayout.V1.stateVersion(), reply.argument(0));
        assertEquals(EthStatsDescriptor.V1_LENGTH, reply.payloadLength());

        v120().handle(request, reply);
        assertEquals(EthStatsLayout.V2.stateVersion(), reply.argument(0));
        assertArrayEquals(new byte[EthStatsDescriptor.V2_LENGTH], payload());
    }

    private byte[] payload()
    {
        final byte[] bytes = new byte[reply.payloadLength()];
        reply.copyPayload(bytes, 0);
        return bytes;
    }
}
