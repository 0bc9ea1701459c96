package org.hicsim.services.counter;

import java.nio.charset.StandardCharsets;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.AgreedProtocol;
import org.hicsim.host.MigrationHandshake;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.BundleHost;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue's counter, 1.0.0 to 2.0.0 and back, loaded from its signed bundles: the counts carried over in
 * state version 1, 2.0.0's added field starting at zero, and the snapshot 2.0.0 exports for a rollback the one it
 * imported.
 */
class CounterLiveUpdateTest
{
    private final BundleHost host = new BundleHost();

    @Test
    void shouldCarryTheCountsFromOneToTwoAndExportTheSameStateBackForARollback()
    {
        final ServiceInstance old = host.load("counter-1.0.0");
        add(old, "visits", 5);
        add(old, "visits", 2);
        add(old, "errors", -3);
        final ServiceInstance next = host.load("counter-2.0.0");
        final MigrationContext context = assertInstanceOf(AgreedProtocol.class,
            MigrationHandshake.negotiate(old.manifest(), next.manifest())).context();
        assertEquals(1, context.snapshotStateVersion());

        assertTrue(old.prepareMigration(Quiescence.REQUEST_FREE));
        final StateSnapshot exported = old.exportState(context);
        assertEquals(Status.OK, next.importState(exported, context));

        assertEquals(exported, next.exportState(context));
        assertEquals(Status.MIGRATED, request(old, CounterProtocol.ADD, "visits", 1).status());
        assertEquals(7, request(next, CounterProtocol.GET, "visits", 0).argument(0));
        assertEquals(8, add(next, "visits", 1));
        assertEquals(-3, request(next, CounterProtocol.GET, "errors", 0).argument(0));
    }

    @Test
    void shouldRefuseAStateVersionAboveItsOwn()
    {
        final ServiceInstance one = host.load("counter-1.0.0");

        assertEquals(Status.STATE_VERSION_UNSUPPORTED,
            one.importState(StateSnapshot.builder(2).build(), new MigrationContext(1, 0, 2)));
    }

    @Test
    void shouldRefuseASnapshotOfPartSlots()
    {
        final ServiceInstance two = host.load("counter-2.0.0");
        final byte[] torn = new byte[CounterTableDescriptor.SLOT_V1_LENGTH + 1];

        assertEquals(Status.STATE_CORRUPT, two.importState(StateSnapshot.builder(1).global(torn, 0, torn.length)
            .build(), new MigrationContext(1, 0, 1)));
    }

    private static long add(final ServiceInstance instance, final String name, final long delta)
    {
        final Message reply = request(instance, CounterProtocol.ADD, name, delta);
        assertEquals(Status.OK, reply.status());
        return reply.argument(0);
    }

    private static Message request(final ServiceInstance instance, final int operation, final String name,
        final long argument)
    {
        final byte[] payload = name.getBytes(StandardCharsets.US_ASCII);
        final Message reply = new Message();
        assertEquals(Status.OK, instance.handle(new Message().operation(operation).argument(0, argument)
            .payload(payload, 0, payload.length), reply));
        return reply;
    }
}
