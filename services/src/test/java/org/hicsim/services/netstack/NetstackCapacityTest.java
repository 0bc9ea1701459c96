package org.hicsim.services.netstack;

import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * netstack's capacity is configuration: as many connections as configured (slot ids wider than 16 bits), each
 * with buffers of the configured length, in a sandbox sized for them whose untouched memory costs nothing. A run
 * with 1,000,000 connections is {@code NetstackMillionConnectionsBenchmark} in {@code bench/}; this test opens
 * 100,000, enough to need 17-bit slots, in a few seconds.
 */
class NetstackCapacityTest
{
    private static final int CONNECTIONS = 100_000;
    private static final int SMALL_BUFFER_BYTES = MemoryMapDescriptor.BUFFER_BYTES_MIN;
    private static final Configuration HUNDRED_THOUSAND = Configuration.builder(0)
        .put(MemoryMap.CONNECTIONS_KEY, Integer.toString(CONNECTIONS))
        .put(MemoryMap.BUFFER_BYTES_KEY, Integer.toString(SMALL_BUFFER_BYTES))
        .build();
    private static final MigrationContext TO_VERSION_1 = new MigrationContext(1, 3, 1);

    private final NetstackHarness harness = new NetstackHarness(KernelConfig.withSeed(29).withMemoryBytes(2L << 30));

    private static final int PORTS = 60_000;

    /** UDP, so that an open sends no frame: source port and address spread the 5-tuples over 100,000. */
    private static Message openUdp(final NetstackClient netstack, final int i)
    {
        return netstack.open(NetstackHarness.ip(10, 1, i / PORTS, 1), NetstackHarness.ip(192, 0, 2, 53),
            1 + i % PORTS, 53, NetstackProtocol.PROTOCOL_UDP, ConnectionClass.LOW, 0, 0);
    }

    @Test
    void shouldOpenAHundredThousandConnectionsTouchingOnlyTheMemoryTheyUse()
    {
        final NetstackClient netstack = harness.startConfigured(
            "netstack", NetstackHarness.netstack130(), HUNDRED_THOUSAND);
        final MemoryMap map = netstack.map();
        int widestSlot = 0;

        for (int i = 0; i < CONNECTIONS; i++)
        {
            final Message reply = openUdp(netstack, i);
            assertEquals(Status.OK, reply.status(), "open " + i);
            widestSlot = Math.max(widestSlot, ConnectionIdDescriptor.slot(reply.connectionId()));
        }

        assertEquals(CONNECTIONS - 1, widestSlot);
        assertEquals(Status.NO_CAPACITY, openUdp(netstack, CONNECTIONS).status());
        assertEquals(CONNECTIONS, netstack.stats(Message.NO_CONNECTION).argument(0));
        final long touchedBytes = (long)harness.kernel.memory().touchedChunks() * PhysicalMemory.CHUNK_SIZE;
        assertTrue(touchedBytes < map.requiredLength() / 4, "touched " + touchedBytes + " of "
            + map.requiredLength());
    }

    @Test
    void shouldMoveAConnectionWhoseSlotNeedsMoreThanSixteenBits()
    {
        final NetstackClient old = harness.startConfigured("old", NetstackHarness.netstack120(), HUNDRED_THOUSAND);
        long last = 0;
        for (int i = 0; i <= 1 << 16; i++)
        {
            last = openUdp(old, i).connectionId();
        }
        assertEquals(1 << 16, ConnectionIdDescriptor.slot(last));
        assertEquals(Status.OK, old.send(last, new byte[] { 1, 2, 3 }).status());
        final NetstackClient next = harness.startConfigured("next", NetstackHarness.netstack130(), HUNDRED_THOUSAND);

        assertEquals(Status.OK, next.service.importState(old.service.exportState(TO_VERSION_1), TO_VERSION_1));
        assertEquals(Status.OK, old.service.migrateConnection(last, next.asTarget()));

        assertEquals(3, next.stats(last).argument(2));
        assertEquals(Status.MIGRATED, old.stats(last).status());
    }

    @Test
    void shouldRefuseASnapshotWithConnectionsBeyondItsCapacity()
    {
        final NetstackClient old = harness.startConfigured("old", NetstackHarness.netstack120(), HUNDRED_THOUSAND);
        for (int i = 0; i <= MemoryMapDescriptor.CONNECTIONS_DEFAULT; i++)
        {
            openUdp(old, i);
        }
        final NetstackClient small = harness.startConfigured("small", NetstackHarness.netstack130(),
            Configuration.builder(0).put(MemoryMap.BUFFER_BYTES_KEY, Integer.toString(SMALL_BUFFER_BYTES)).build());

        assertEquals(Status.NO_CAPACITY, small.service.importState(old.service.exportState(TO_VERSION_1), TO_VERSION_1));
    }

    @Test
    void shouldRefuseASnapshotWhoseBuffersAreAnotherLength()
    {
        final NetstackClient old = harness.start("old", NetstackHarness.netstack120());
        openUdp(old, 0);
        final NetstackClient next = harness.startConfigured("next", NetstackHarness.netstack130(),
            Configuration.builder(0).put(MemoryMap.BUFFER_BYTES_KEY, "16384").build());

        assertEquals(NetstackProtocol.BUFFER_LENGTH_MISMATCH,
            next.service.importState(old.service.exportState(TO_VERSION_1), TO_VERSION_1));
    }

    @Test
    void shouldHoldAsMuchUnreadDataAsItsConfiguredReceiveRing()
    {
        final int bufferBytes = 4 * MemoryMapDescriptor.BUFFER_BYTES_DEFAULT;
        final NetstackClient netstack = harness.startConfigured("netstack", NetstackHarness.netstack130(),
            Configuration.builder(0).put(MemoryMap.BUFFER_BYTES_KEY, Integer.toString(bufferBytes)).build());
        final long connectionId = openUdp(netstack, 0).connectionId();
        final byte[] kilobyte = new byte[1024];

        for (int i = 0; i < bufferBytes / 2 / kilobyte.length; i++)
        {
            assertEquals(Status.OK, netstack.deliver(connectionId, 0, 0, 0, 0, kilobyte).status(), "kilobyte " + i);
        }

        assertEquals(NetstackProtocol.WINDOW_FULL, netstack.deliver(connectionId, 0, 0, 0, 0, new byte[1]).status());
    }

    @Test
    void shouldRefuseACapacityItsSandboxCannotHoldOrThatIsMalformed()
    {
        final int sandboxId = harness.sandbox("netstack");
        final org.hicsim.core0.SystemCalls context = harness.kernel.systemCalls(sandboxId);

        context.configuration(Configuration.builder(0).put(MemoryMap.CONNECTIONS_KEY, "100000").build());
        assertThrows(IllegalStateException.class, () -> NetstackHarness.netstack130().init(context));
        context.configuration(Configuration.builder(0).put(MemoryMap.BUFFER_BYTES_KEY, "6000").build());
        assertThrows(IllegalArgumentException.class, () -> NetstackHarness.netstack130().init(context));
        context.configuration(Configuration.builder(0).put(MemoryMap.CONNECTIONS_KEY, "16777217").build());
        assertThrows(IllegalArgumentException.class, () -> NetstackHarness.netstack130().init(context));
    }

    @Test
    void shouldTakeAConfigurationAtRunTimeOnlyIfItKeepsTheCapacity()
    {
        final NetstackClient netstack = harness.start("netstack", NetstackHarness.netstack130());

        assertEquals(Status.OK, netstack.service.configure(Configuration.builder(1).put("zone", "a").build()));
        assertEquals(Status.OK, netstack.service.configure(Configuration.builder(2)
            .put(MemoryMap.CONNECTIONS_KEY, Integer.toString(MemoryMapDescriptor.CONNECTIONS_DEFAULT)).build()));
        assertEquals(Status.INVALID_ARGUMENT, netstack.service.configure(
            Configuration.builder(3).put(MemoryMap.CONNECTIONS_KEY, "8192").build()));
        assertEquals(Status.INVALID_ARGUMENT, netstack.service.configure(
            Configuration.builder(4).put(MemoryMap.BUFFER_BYTES_KEY, "lots").build()));
    }

    @Test
    void shouldLayTheDefaultCapacityOutInAsMuchMemoryAsNetstackAlwaysNeeded()
    {
        final MemoryMap map = MemoryMap.of(Configuration.EMPTY);

        assertEquals(MemoryMapDescriptor.CONNECTIONS_DEFAULT, map.connections());
        assertEquals(2 * MemoryMapDescriptor.CONNECTIONS_DEFAULT, map.indexCapacity());
        assertEquals(272L * MemoryMapDescriptor.PAGE_SIZE + 4096L * 8192, map.requiredLength());
        assertTrue(map.requiredLength() <= NetstackHarness.SANDBOX_BYTES);
    }
}
