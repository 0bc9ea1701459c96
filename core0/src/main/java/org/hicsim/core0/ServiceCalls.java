package org.hicsim.core0;

import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.cpu.CpuQuota;
import org.hicsim.core0.cpu.CpuScheduler;
import org.hicsim.core0.ipc.Endpoint;
import org.hicsim.core0.ipc.EndpointTable;
import org.hicsim.core0.ipc.Rendezvous;
import org.hicsim.core0.request.RequestRecordDescriptor;
import org.hicsim.core0.registry.ServiceRegistry;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sim.Clock;
import org.hicsim.core0.spi.Message;

/**
 * Synchronous calls between services, one per kernel: a call through a service capability meets the server of
 * a replica of the service's default version at once and returns with its reply, as seL4's Call on an endpoint
 * does, with no buffering. The default is resolved at each call, so a registry switch redirects the very next
 * one, and the default version's replicas take the calls in turn.
 * <p>
 * A call made while serving another nests; the depth is the kernel's, across every sandbox, and is bounded by
 * {@link Rendezvous#DEPTH_MAX}, so a cycle (A calls B calls A ...) ends with {@link SystemCalls#IPC_CALL_DEPTH_EXCEEDED}
 * instead of exhausting the simulator's stack. A call takes no virtual time itself: the callee's work is charged
 * by its own {@code compute}.
 */
final class ServiceCalls
{
    private final CapabilitySystem capabilities;
    private final ServiceRegistry registry;
    private final EndpointTable endpoints;
    private final CpuScheduler cpu;
    private final CostTable costs;
    private final Clock clock;
    private int depth;

    ServiceCalls(
        final CapabilitySystem capabilities,
        final ServiceRegistry registry,
        final EndpointTable endpoints,
        final CpuScheduler cpu,
        final CostTable costs,
        final Clock clock)
    {
        this.clock = clock;
        this.capabilities = capabilities;
        this.registry = registry;
        this.endpoints = endpoints;
        this.cpu = cpu;
        this.costs = costs;
    }

    /**
     * @return {@link SystemCalls#OK} with the server's answer in {@code reply}; a {@link org.hicsim.core0.cap.CapError}
     * code without {@link Rights#CALL} on a {@link ObjectKind#SERVICE_ENDPOINT}; or {@link SystemCalls#IPC_NO_ENDPOINT},
     * {@link SystemCalls#IPC_NOT_ACCEPTING}, {@link SystemCalls#IPC_NO_SERVER},
     * {@link SystemCalls#IPC_CALL_DEPTH_EXCEEDED} or {@link SystemCalls#IPC_SERVER_FAILED}.
     * @throws SandboxTerminatedException if the caller died while its call was served (a nested call back into
     *                                    it faulted): its code must stop here.
     */
    int call(final Sandbox caller, final long serviceHandle, final Message request, final Message reply)
    {
        final int callerId = caller.id();
        final int serviceId = capabilities.check(callerId, serviceHandle, ObjectKind.SERVICE_ENDPOINT, Rights.CALL);
        if (serviceId < 0)
        {
            return serviceId;
        }
        final Endpoint endpoint = endpoints.get(registry.nextEndpoint(serviceId));
        if (endpoint == null)
        {
            return SystemCalls.IPC_NO_ENDPOINT;
        }
        if (!endpoint.state().acceptsMessages())
        {
            return SystemCalls.IPC_NOT_ACCEPTING;
        }
        final int unserved = unserved(endpoint);
        if (unserved != SystemCalls.OK)
        {
            return unserved;
        }
        final CpuQuota callerQuota = cpu.quota(callerId);
        final CpuQuota calleeQuota = cpu.quota(endpoint.ownerSandboxId());
        final long latencyNs = costs.ipcLatencyNs();
        final long sentAtNs = Math.max(clock.nowNs(), callerQuota == null ? 0 : callerQuota.busyUntilNs());
        if (calleeQuota != null)
        {
            calleeQuota.run(sentAtNs + latencyNs, costs.requestCpuNs() + costs.copyNs(recordLength(request)));
        }
        final int served = serve(endpoint, callerId, request, reply);
        if (calleeQuota != null)
        {
            calleeQuota.run(sentAtNs, costs.copyNs(recordLength(reply)));
            if (callerQuota != null)
            {
                callerQuota.blockUntil(calleeQuota.busyUntilNs() + latencyNs);
            }
        }
        if (!caller.isAlive())
        {
            throw new SandboxTerminatedException(callerId, "died while its call was served");
        }
        return served == Rendezvous.SERVED ? SystemCalls.OK : SystemCalls.IPC_SERVER_FAILED;
    }

    /**
     * Runs an endpoint's server on one request, one level deeper: the request path's way in for a delivered
     * request, and the inner part of {@link #call}.
     *
     * @return {@link Rendezvous#SERVED}, or {@link SystemCalls#IPC_SERVER_FAILED} when the server could not answer
     * or its sandbox died in the call, or {@link SystemCalls#IPC_CALL_DEPTH_EXCEEDED}.
     */
    int serve(final Endpoint endpoint, final int callerId, final Message request, final Message reply)
    {
        final int unserved = unserved(endpoint);
        if (unserved != SystemCalls.OK)
        {
            return unserved;
        }
        depth++;
        try
        {
            return endpoint.rendezvous().call(depth - 1, callerId, request, reply);
        }
        catch (final SandboxTerminatedException calleeDied)
        {
            return SystemCalls.IPC_SERVER_FAILED;
        }
        finally
        {
            depth--;
        }
    }

    /**
     * @return {@link SystemCalls#OK} if a call can be served now, or why not: no server on the endpoint, or the
     * calls in flight are as deep as they may go.
     */
    private int unserved(final Endpoint endpoint)
    {
        if (endpoint.rendezvous() == null)
        {
            return SystemCalls.IPC_NO_SERVER;
        }
        return depth == Rendezvous.DEPTH_MAX ? SystemCalls.IPC_CALL_DEPTH_EXCEEDED : SystemCalls.OK;
    }

    private static long recordLength(final Message message)
    {
        return RequestRecordDescriptor.recordLength(message.payloadLength());
    }
}
