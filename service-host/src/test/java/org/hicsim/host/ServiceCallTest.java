package org.hicsim.host;

import org.junit.jupiter.api.Test;

import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.sample.EchoService;
import org.hicsim.host.sample.ForwardingService;
import org.hicsim.host.sample.PageFaults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Services calling services through the endpoints the host serves: a callee's crash is its own, and its caller
 * is told the call failed.
 */
class ServiceCallTest
{
    private static final long VALUE = 21;

    private final HostFixture fixture = new HostFixture();

    @Test
    void shouldServeCallsOfAnotherServiceThroughTheInstancesEndpoint()
    {
        fixture.load(HostFixture.echo(), "echo");
        final ServiceInstance forwarder = loadForwarder();
        final Message reply = new Message();

        assertEquals(Status.OK, forwarder.handle(new Message().operation(EchoService.ECHO).argument(0, VALUE), reply));

        assertEquals(Status.OK, reply.status());
        assertEquals(VALUE * 2, reply.argument(0));
    }

    @Test
    void shouldTellCallerTheCallFailedWhenCalleeCrashesWhileServingIt()
    {
        final ServiceInstance callee =
            fixture.load(TestModule.of(ForwardingService.DEPENDENCY, PageFaults.class), "echo");
        final ServiceInstance forwarder = loadForwarder();
        final Message reply = new Message();

        assertEquals(Status.OK, forwarder.handle(new Message(), reply));

        assertEquals(Status.CALL_FAILED, reply.status());
        assertEquals(SystemCalls.IPC_SERVER_FAILED, reply.argument(0));
        assertFalse(callee.isAlive());
        assertTrue(forwarder.isAlive());
        fixture.assertAuditIntact();
    }

    @Test
    void shouldFindNoEndpointOnceTheCalleeIsDead()
    {
        final ServiceInstance callee = fixture.load(HostFixture.echo(), "echo");
        final ServiceInstance forwarder = loadForwarder();
        fixture.kernel.sandboxes().kill(callee.sandboxId(), "test");
        final Message reply = new Message();

        forwarder.handle(new Message().operation(EchoService.ECHO), reply);

        assertEquals(SystemCalls.IPC_NO_ENDPOINT, reply.argument(0));
    }

    private ServiceInstance loadForwarder()
    {
        return fixture.load(TestModule.of("forwarder", ForwardingService.class)
            .dependency(ForwardingService.DEPENDENCY, ">=1.0.0"), "forwarder");
    }
}
