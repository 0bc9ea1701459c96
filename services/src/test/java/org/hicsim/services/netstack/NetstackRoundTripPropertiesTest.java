package org.hicsim.services.netstack;

import java.util.Map;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Status;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Whatever the workload, 1.2.0 state taken up to 1.3.0 and back down arrives byte for byte.
 */
class NetstackRoundTripPropertiesTest
{
    private static final MigrationContext TO_VERSION_1 = new MigrationContext(1, 3, 1);

    @Property(tries = 20)
    void everyRecordSurvivesUpAndDownUnchanged(
        @ForAll final long seed, @ForAll @IntRange(min = 1, max = 200) final int count)
    {
        final NetstackHarness harness = new NetstackHarness(seed);
        final NetstackClient old = harness.start("old", NetstackHarness.netstack120());
        final RandomConnections connections = RandomConnections.open(harness, old, new SplittableRandom(seed), count);
        final Map<Long, byte[]> records = connections.records(old);
        final NetstackClient next = harness.start("next", NetstackHarness.netstack130());
        final NetstackClient back = harness.start("back", NetstackHarness.netstack120());

        move(old, next, connections);
        move(next, back, connections);

        for (final long connectionId : connections.ids)
        {
            assertArrayEquals(records.get(connectionId), back.record(connectionId), "id=" + connectionId);
        }
    }

    private static void move(final NetstackClient from, final NetstackClient to, final RandomConnections connections)
    {
        assertEquals(Status.OK, to.service.importState(from.service.exportState(TO_VERSION_1), TO_VERSION_1));
        for (final long connectionId : connections.ids)
        {
            assertEquals(Status.OK, from.service.migrateConnection(connectionId, to.asTarget()));
        }
    }
}
