package org.hicsim.host;

import org.junit.jupiter.api.Test;

import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.sample.EchoService;
import org.hicsim.host.sample.ThrowsInActivate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionMigrationTest
{
    private static final long CONNECTION_ID = 7;

    private final HostFixture fixture = new HostFixture();
    private final ServiceInstance oldInstance =
        fixture.load(HostFixture.echo().migration(1, "1.3").version("1.0.0"), "echo-v1.0.0");
    private final ServiceInstance newInstance =
        fixture.load(HostFixture.echo().migration(2, "1.3").version("1.1.0"), "echo-v1.1.0");

    @Test
    void shouldDeliverConnectionToTheTargetInstance()
    {
        assertEquals(Status.OK, oldInstance.migrateConnection(CONNECTION_ID, newInstance.connectionTarget()));

        final Message reply = new Message();
        newInstance.handle(new Message().operation(EchoService.CONNECTIONS), reply);
        assertEquals(1, reply.argument(0));
        assertEquals(CONNECTION_ID, reply.argument(1));
    }

    @Test
    void shouldNameTheTargetsSandbox()
    {
        assertEquals(newInstance.sandboxId(), newInstance.connectionTarget().sandboxId());
    }

    @Test
    void shouldTellSenderDeadWhenTargetCrashesOnActivation()
    {
        final ServiceInstance fragile = fixture.load(TestModule.of("fragile", ThrowsInActivate.class), "fragile");

        assertEquals(ServiceInstance.DEAD, oldInstance.migrateConnection(CONNECTION_ID, fragile.connectionTarget()));

        assertFalse(fragile.isAlive());
        assertTrue(oldInstance.isAlive());
        HostFixture.assertServes(oldInstance, 5);
    }

    @Test
    void shouldRefuseStateLongerThanAConnectionRecord()
    {
        final ConnectionTarget target = newInstance.connectionTarget();
        final int tooLong = ConnectionState.LENGTH_MAX + 1;

        assertEquals(Status.INVALID_ARGUMENT, target.deliver(CONNECTION_ID, new byte[tooLong], tooLong, 0));
        assertEquals(Status.INVALID_ARGUMENT, target.deliver(CONNECTION_ID, null, 0, 0));
        assertTrue(newInstance.isAlive());
    }

    @Test
    void shouldCarryStateFromOldInstanceToNewInTheLowerStateVersion()
    {
        HostFixture.assertServes(oldInstance, 1);
        HostFixture.assertServes(oldInstance, 2);
        final AgreedProtocol agreed =
            (AgreedProtocol)MigrationHandshake.negotiate(oldInstance.manifest(), newInstance.manifest());

        final StateSnapshot snapshot = oldInstance.exportState(agreed.context());

        assertNotNull(snapshot);
        assertEquals(oldInstance.stateVersion(), snapshot.stateVersion());
        assertEquals(Status.OK, newInstance.importState(snapshot, agreed.context()));
        final Message reply = new Message();
        newInstance.handle(new Message().operation(EchoService.ECHO), reply);
        assertEquals(3, reply.argument(1));
    }
}
