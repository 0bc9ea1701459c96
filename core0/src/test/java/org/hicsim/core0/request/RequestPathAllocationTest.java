package org.hicsim.core0.request;

import java.lang.management.ManagementFactory;

import org.hicsim.core0.ipc.Rendezvous;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Message;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client request end to end (capability check, the two rings, the server's turn, the metrics, the reply) must
 * not allocate once the request path's tables have grown to the load: it runs for every request of a workload.
 */
class RequestPathAllocationTest
{
    private static final int BATCH = 256;
    private static final int ROUNDS = 200;

    @Test
    void shouldNotAllocatePerRequestOnceWarm()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final RequestFixture fixture = new RequestFixture(1, TraceSink.NONE);
        final int server = fixture.sandbox("echo", 100);
        fixture.serve(server, "echo", "1.0.0", (caller, in, out) ->
        {
            out.argument(0, in.argument(0) + 1);
            return Rendezvous.SERVED;
        });
        final int clientSandbox = fixture.sandbox("client", 100);
        final long service = fixture.callCapability(clientSandbox, "echo");
        final long[] sum = new long[1];
        final RequestPath.Client client = fixture.kernel.requests().client(clientSandbox,
            (tag, reply, latencyNs) -> sum[0] += reply.argument(0));
        final Message request = new Message().operation(1).argument(0, 41);

        exercise(fixture, client, service, request);
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        exercise(fixture, client, service, request);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        final long requests = (long)BATCH * ROUNDS;
        assertTrue(allocated < requests, "bytes allocated by " + requests + " requests: " + allocated
            + " (sum=" + sum[0] + ")");
    }

    private static void exercise(
        final RequestFixture fixture, final RequestPath.Client client, final long service, final Message request)
    {
        for (int round = 0; round < ROUNDS; round++)
        {
            for (int i = 0; i < BATCH; i++)
            {
                fixture.kernel.requests().call(client, service, Message.NO_CONNECTION, request, i);
            }
            fixture.kernel.simulation().runUntilIdle(Long.MAX_VALUE);
        }
    }
}
