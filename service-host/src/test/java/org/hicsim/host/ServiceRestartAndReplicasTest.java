package org.hicsim.host;

import org.junit.jupiter.api.Test;

import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.registry.ServiceName;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.sample.EchoService;
import org.hicsim.host.sample.ForwardingService;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crashed version can be loaded again and its clients reach it through the capabilities they had; a version
 * can run as several replicas, which take its clients' calls in turn.
 */
class ServiceRestartAndReplicasTest
{
    private static final long VALUE = 21;

    private final HostFixture fixture = new HostFixture();

    @Test
    void shouldRestartACrashedVersionForTheClientsItHad()
    {
        final ServiceInstance crashed = fixture.load(HostFixture.echo(), "echo");
        final ServiceInstance forwarder = loadForwarder();
        fixture.kernel.sandboxes().kill(crashed.sandboxId(), "test crash");
        assertEquals(SystemCalls.IPC_NO_ENDPOINT, forward(forwarder).argument(0));

        final ServiceInstance restarted = fixture.load(HostFixture.echo(), "echo");

        assertTrue(restarted.isAlive());
        assertEquals(crashed.serviceId(), restarted.serviceId());
        final Message reply = forward(forwarder);
        assertEquals(Status.OK, reply.status());
        assertEquals(VALUE * 2, reply.argument(0));
        fixture.assertAuditIntact();
    }

    @Test
    void shouldFreeTheNameOfAVersionWhoseLastInstanceIsGone()
    {
        final ServiceInstance echo = fixture.load(HostFixture.echo(), "echo");
        final ServiceName name = ServiceName.of("echo", echo.version(), ServiceHost.INTERFACE);

        assertEquals(Status.OK, echo.shutdown());

        assertArrayEquals(new int[0], fixture.kernel.registry().replicas(name));
        assertNull(fixture.kernel.registry().nameOf(echo.endpointId()));
        assertEquals(1, fixture.traceLines("registry.depart"));
    }

    @Test
    void shouldShareAVersionsCallsAmongItsReplicasInTurn()
    {
        final ServiceInstance first = fixture.load(HostFixture.echo(), "echo-a");
        final ServiceInstance second = fixture.load(HostFixture.echo(), "echo-b");
        final ServiceInstance forwarder = loadForwarder();

        final long[] servedSoFar = new long[4];
        for (int call = 0; call < servedSoFar.length; call++)
        {
            servedSoFar[call] = forward(forwarder).argument(1);
        }

        assertArrayEquals(new long[] {1, 1, 2, 2}, servedSoFar, "each replica counts its own requests");
        assertEquals(2, requestsServed(first));
        assertEquals(2, requestsServed(second));
    }

    @Test
    void shouldServeFromTheOtherReplicaWhenOneCrashes()
    {
        final ServiceInstance first = fixture.load(HostFixture.echo(), "echo-a");
        final ServiceInstance second = fixture.load(HostFixture.echo(), "echo-b");
        final ServiceInstance forwarder = loadForwarder();
        fixture.kernel.sandboxes().kill(first.sandboxId(), "test crash");

        for (int call = 1; call <= 3; call++)
        {
            final Message reply = forward(forwarder);
            assertEquals(Status.OK, reply.status());
            assertEquals(call, reply.argument(1));
        }
        assertEquals(3, requestsServed(second));
    }

    private ServiceInstance loadForwarder()
    {
        return fixture.load(TestModule.of("forwarder", ForwardingService.class)
            .dependency(ForwardingService.DEPENDENCY, ">=1.0.0"), "forwarder");
    }

    private static Message forward(final ServiceInstance forwarder)
    {
        final Message reply = new Message();
        assertEquals(Status.OK, forwarder.handle(new Message().operation(EchoService.ECHO).argument(0, VALUE), reply));
        return reply;
    }

    /** The requests an echo instance counted, read by asking it once more directly (which counts too). */
    private static long requestsServed(final ServiceInstance echo)
    {
        final Message reply = new Message();
        assertEquals(Status.OK, echo.handle(new Message().operation(EchoService.ECHO), reply));
        return reply.argument(1) - 1;
    }
}
