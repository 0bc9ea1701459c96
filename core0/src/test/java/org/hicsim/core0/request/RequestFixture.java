package org.hicsim.core0.request;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.ipc.EndpointServer;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.ipc.Rendezvous;
import org.hicsim.core0.registry.ServiceInterface;
import org.hicsim.core0.registry.ServiceName;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Message;

/**
 * A kernel with servers on registered endpoints and clients holding call capabilities to them: what the request
 * path's tests drive. Servers are plain {@link EndpointServer}s that spend CPU through their sandbox's system
 * calls, as a service would.
 */
public final class RequestFixture
{
    /** Ring bytes of a server's endpoint. */
    public static final int ENDPOINT_CAPACITY = 64 * 1024;
    public static final long SANDBOX_BYTES = 64 * 1024;

    public final Kernel kernel;
    public final List<long[]> replies = new ArrayList<>();

    public RequestFixture(final long seed, final TraceSink trace)
    {
        this(KernelConfig.withSeed(seed), trace);
    }

    public RequestFixture(final KernelConfig config, final TraceSink trace)
    {
        kernel = new Kernel(config, trace);
    }

    public CostTable costs()
    {
        return kernel.costs();
    }

    public int sandbox(final String name, final int cpuQuotaPercent)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, SANDBOX_BYTES, cpuQuotaPercent));
        kernel.sandboxes().start(id);
        return id;
    }

    /**
     * An ACTIVE endpoint owned by {@code owner}, registered as {@code cap://SERVICE/vVERSION/api} and served by
     * {@code server}.
     *
     * @return the endpoint id.
     */
    public int serve(final int owner, final String service, final String version, final EndpointServer server)
    {
        final int endpoint = kernel.endpoints().create(service + "-" + version, owner, EndpointType.GENERIC,
            ENDPOINT_CAPACITY, kernel.costs().ipcLatencyNs());
        kernel.endpoints().moveTo(endpoint, EndpointState.ACTIVE);
        kernel.registry().register(ServiceName.parse("cap://" + service + "/v" + version + "/api"), endpoint);
        kernel.serve(endpoint, server);
        return endpoint;
    }

    /** A server that computes {@code workNs} per request and answers with its sandbox id in argument 0. */
    public EndpointServer working(final int serverId, final long workNs)
    {
        return (caller, in, out) ->
        {
            kernel.systemCalls(serverId).compute(workNs);
            out.operation(in.operation()).connectionId(in.connectionId()).argument(0, serverId)
                .argument(1, in.argument(1));
            return Rendezvous.SERVED;
        };
    }

    public long callCapability(final int client, final String service)
    {
        return kernel.capabilities().issue(CapabilitySystem.CORE0, client, ObjectKind.SERVICE_ENDPOINT,
            serviceIdOf(service), Rights.CALL, 0);
    }

    public long dispatchCapability(final int holder, final String service)
    {
        return kernel.capabilities().issue(CapabilitySystem.CORE0, holder, ObjectKind.DISPATCH_TABLE,
            serviceIdOf(service), Rights.WRITE, 0);
    }

    /** A client whose replies are recorded as {tag, status, latencyNs, connectionId, argument 0, time}. */
    public RequestPath.Client recordingClient(final int sandboxId)
    {
        return kernel.requests().client(sandboxId, (tag, reply, latencyNs) -> replies.add(new long[] {
            tag, reply.status(), latencyNs, reply.connectionId(), reply.argument(0), kernel.simulation().nowNs()}));
    }

    public int serviceIdOf(final String service)
    {
        return kernel.registry().serviceId(ServiceInterface.parse(service + "/api"));
    }

    public void runFor(final long ns)
    {
        kernel.simulation().runUntil(kernel.simulation().nowNs() + ns);
    }

    public static Message request(final int operation)
    {
        return new Message().operation(operation);
    }
}
