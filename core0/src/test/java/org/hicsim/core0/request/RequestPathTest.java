package org.hicsim.core0.request;

import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.ipc.Rendezvous;
import org.hicsim.core0.metrics.InstanceMetrics;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestPathTest
{
    private static final long WORK_NS = 20 * Simulation.MICROS;
    private static final int OP = 7;

    private final RequestFixture fixture = new RequestFixture(3, TraceSink.NONE);
    private final CostTable costs = fixture.costs();
    /** An echo service that computes {@link #WORK_NS} per request, and a client recording its replies. */
    private final int server = fixture.sandbox("server", 100);
    private final int client = fixture.sandbox("client", 100);
    private final RequestPath.Client requests = fixture.recordingClient(client);
    private final int endpoint;

    RequestPathTest()
    {
        endpoint = fixture.serve(server, "echo", "1.0.0", fixture.working(server, WORK_NS));
    }

    /** Latency one request sees at an idle server: there and back, plus the server's whole work under its quota. */
    private long idleLatency(final Message request, final int replyPayload)
    {
        return 2 * costs.ipcLatencyNs() + costs.requestCpuNs()
            + costs.copyNs(RequestRecordDescriptor.recordLength(request.payloadLength())) + WORK_NS
            + costs.copyNs(RequestRecordDescriptor.recordLength(replyPayload));
    }

    @Test
    void shouldAnswerAfterBothLatenciesAndTheServersWork()
    {
        final Message request = RequestFixture.request(OP);

        assertEquals(SystemCalls.OK, fixture.kernel.requests().call(requests, fixture.callCapability(client, "echo"),
            Message.NO_CONNECTION, request, 11));
        fixture.runFor(Simulation.SECONDS);

        assertEquals(1, fixture.replies.size());
        final long[] reply = fixture.replies.get(0);
        assertEquals(11, reply[0]);
        assertEquals(Status.OK, reply[1]);
        assertEquals(server, reply[4]);
        assertEquals(idleLatency(request, 0), reply[2]);
        assertEquals(reply[2], reply[5]);
    }

    @Test
    void shouldCountTheServedRequestInTheServersMetrics()
    {

        fixture.kernel.requests().call(requests, fixture.callCapability(client, "echo"), Message.NO_CONNECTION,
            RequestFixture.request(OP), 1);
        fixture.runFor(Simulation.SECONDS);

        final InstanceMetrics metrics = fixture.kernel.sandboxes().get(server).metrics();
        assertEquals(1, metrics.requests());
        assertEquals(0, metrics.errors());
        assertTrue(metrics.cpuConsumedNs() >= WORK_NS + costs.requestCpuNs(), "cpu=" + metrics.cpuConsumedNs());
        assertEquals(fixture.replies.get(0)[2], metrics.latency().getMaxValue(),
            metrics.latency().getMaxValue() / 50.0);
    }

    @Test
    void shouldServeAndTimeARequestSentStraightToTheEndpointButLeaveItOutOfTheServersMetrics()
    {
        final long endpointHandle = fixture.kernel.capabilities().issue(CapabilitySystem.CORE0, client,
            ObjectKind.IPC_ENDPOINT, endpoint, Rights.WRITE, 0);
        final Message request = RequestFixture.request(OP);

        assertEquals(SystemCalls.OK, fixture.kernel.requests().callEndpoint(requests, endpointHandle,
            Message.NO_CONNECTION, request, 1));
        fixture.runFor(Simulation.SECONDS);

        assertEquals(1, fixture.replies.size());
        assertEquals(idleLatency(request, 0), fixture.replies.get(0)[2], "timed as a client's");
        final InstanceMetrics metrics = fixture.kernel.sandboxes().get(server).metrics();
        assertEquals(0, metrics.requests(), "a privileged caller's probe is no client's request");
        assertEquals(0, metrics.latency().getTotalCount());
        assertTrue(metrics.cpuConsumedNs() >= WORK_NS + costs.requestCpuNs(), "served under its quota");
    }

    @Test
    void shouldRefuseAClientWithoutACallCapabilityAtOnce()
    {

        final int result = fixture.kernel.requests().call(requests, 0x1234_5678L, Message.NO_CONNECTION,
            RequestFixture.request(OP), 1);
        fixture.runFor(Simulation.SECONDS);

        assertTrue(result < 0, "result=" + result);
        assertNotNull(CapError.fromCode(result));
        assertEquals(0, fixture.replies.size());
        assertEquals(0, fixture.kernel.sandboxes().get(server).metrics().requests());
    }

    @Test
    void shouldServeOneAtATimeSoASecondRequestWaitsForTheFirst()
    {
        final long service = fixture.callCapability(client, "echo");
        final Message request = RequestFixture.request(OP);

        fixture.kernel.requests().call(requests, service, Message.NO_CONNECTION, request, 1);
        fixture.kernel.requests().call(requests, service, Message.NO_CONNECTION, request, 2);
        fixture.runFor(Simulation.SECONDS);

        final long serviceNs = idleLatency(request, 0) - 2 * costs.ipcLatencyNs();
        assertEquals(idleLatency(request, 0), fixture.replies.get(0)[2]);
        assertEquals(idleLatency(request, 0) + serviceNs, fixture.replies.get(1)[2]);
    }

    @Test
    void shouldCarryANestedCallsTimeIntoTheOuterReply()
    {
        final int inner = fixture.sandbox("inner", 100);
        fixture.serve(inner, "inner", "1.0.0", fixture.working(inner, WORK_NS));
        final int outer = fixture.sandbox("outer", 100);
        final long innerService = fixture.callCapability(outer, "inner");
        final Message innerRequest = new Message();
        final Message innerReply = new Message();
        fixture.serve(outer, "outer", "1.0.0", (caller, in, out) ->
        {
            fixture.kernel.systemCalls(outer).call(innerService, innerRequest.clear().operation(OP), innerReply);
            out.argument(0, innerReply.argument(0));
            return Rendezvous.SERVED;
        });
        final Message request = RequestFixture.request(OP);

        fixture.kernel.requests().call(requests, fixture.callCapability(client, "outer"), Message.NO_CONNECTION,
            request, 1);
        fixture.runFor(Simulation.SECONDS);

        final long innerRoundTrip = idleLatency(innerRequest, 0);
        final long outerOwnWork = costs.requestCpuNs()
            + costs.copyNs(RequestRecordDescriptor.recordLength(0)) * 2;
        assertEquals(inner, fixture.replies.get(0)[4]);
        assertEquals(2 * costs.ipcLatencyNs() + outerOwnWork + innerRoundTrip, fixture.replies.get(0)[2]);
    }

    @Test
    void shouldAnswerEveryRequestQueuedAtAServerThatDiesAsFailed()
    {
        final long service = fixture.callCapability(client, "echo");
        for (int i = 0; i < 10; i++)
        {
            fixture.kernel.requests().call(requests, service, Message.NO_CONNECTION, RequestFixture.request(OP), i);
        }

        fixture.runFor(costs.ipcLatencyNs() + WORK_NS);
        fixture.kernel.sandboxes().kill(server, "test");
        fixture.runFor(Simulation.SECONDS);

        assertEquals(10, fixture.replies.size());
        assertEquals(0, fixture.kernel.requests().inFlight());
        final long failed = fixture.replies.stream().filter(reply -> reply[1] != Status.OK).count();
        assertTrue(failed >= 8, "failed=" + failed);
        fixture.replies.stream().filter(reply -> reply[1] != Status.OK)
            .forEach(reply -> assertEquals(SystemCalls.IPC_SERVER_FAILED, reply[1]));
    }

    @Test
    void shouldAnswerARequestForAServiceWithoutAnEndpointAsRefused()
    {
        final long service = fixture.callCapability(client, "echo");
        fixture.kernel.sandboxes().kill(server, "test");

        fixture.kernel.requests().call(requests, service, Message.NO_CONNECTION, RequestFixture.request(OP), 1);
        fixture.runFor(Simulation.SECONDS);

        assertEquals(1, fixture.replies.size());
        assertEquals(SystemCalls.IPC_NO_ENDPOINT, fixture.replies.get(0)[1]);
    }
}
