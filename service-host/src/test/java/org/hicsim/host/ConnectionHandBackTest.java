package org.hicsim.host;

import org.junit.jupiter.api.Test;

import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.sample.Counter;
import org.hicsim.host.sample.RefusesConnections;
import org.hicsim.host.sample.RegionMover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection the target refuses leaves nothing in the target: the buffer region it came with goes back to the
 * sender, which maps it where it was and serves the connection on.
 */
class ConnectionHandBackTest
{
    private static final long CONNECTION_ID = 7;
    private static final long MARKER = 0x5EED_CAFEL;

    private final HostFixture fixture = new HostFixture();
    private final ServiceInstance sender =
        fixture.load(TestModule.of("mover", RegionMover.class).with(Counter.class), "mover");
    private final ServiceInstance refuser = fixture.load(TestModule.of("refuser", RefusesConnections.class), "refuser");

    @Test
    void shouldHandTheBufferBackToTheSenderWhenTheTargetRefuses()
    {
        call(sender, RegionMover.WRITE, MARKER);

        assertEquals(Status.NO_CAPACITY, sender.migrateConnection(CONNECTION_ID, refuser.connectionTarget()));

        assertEquals(MARKER, call(sender, RegionMover.READ, 0), "the same page, mapped where it was");
        assertEquals(1, call(sender, RegionMover.ACTIVATIONS, 0), "the connection came back through activate");
        assertEquals(0, regionCapabilities(refuser));
        assertEquals(0, regionCapabilities(sender));
        assertEquals(1, fixture.traceLines("service.handback"));
        fixture.assertAuditIntact();
    }

    @Test
    void shouldNotFillTheTargetsCapabilitySpaceWithRefusedConnections()
    {
        final int refusals = 4 * SandboxSpec.DEFAULT_CAPABILITY_SLOTS;
        final int heldBefore = fixture.kernel.capabilities().capabilities(refuser.sandboxId()).size();

        for (int i = 0; i < refusals; i++)
        {
            assertEquals(Status.NO_CAPACITY, sender.migrateConnection(i, refuser.connectionTarget()),
                "refusal " + i + " must be the target's, not a full space's");
        }

        assertEquals(heldBefore, fixture.kernel.capabilities().capabilities(refuser.sandboxId()).size());
        assertEquals(refusals, call(sender, RegionMover.ACTIVATIONS, 0));
        assertTrue(sender.isAlive());
    }

    private long regionCapabilities(final ServiceInstance instance)
    {
        return fixture.kernel.capabilities().capabilities(instance.sandboxId()).stream()
            .filter(capability -> capability.kind() == ObjectKind.MEMORY_REGION).count();
    }

    private static long call(final ServiceInstance instance, final int operation, final long argument)
    {
        final Message reply = new Message();
        assertEquals(Status.OK, instance.handle(new Message().operation(operation).argument(0, argument), reply));
        assertEquals(Status.OK, reply.status());
        return reply.argument(0);
    }
}
