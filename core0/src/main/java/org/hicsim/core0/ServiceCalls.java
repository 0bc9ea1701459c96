package org.hicsim.core0;

import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.ipc.Endpoint;
import org.hicsim.core0.ipc.EndpointTable;
import org.hicsim.core0.ipc.Rendezvous;
import org.hicsim.core0.registry.ServiceRegistry;
import org.hicsim.core0.sandbox.Sandbox;
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
    private int depth;

    ServiceCalls(final CapabilitySystem capabilities, final ServiceRegistry registry, final EndpointTable endpoints)
    {
        this.capabilities = capabilities;
        this.registry = registry;
        this.endpoints = endpoints;
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
        final Rendezvous rendezvous = endpoint.rendezvous();
        if (rendezvous == null)
        {
            return SystemCalls.IPC_NO_SERVER;
        }
        if (depth == Rendezvous.DEPTH_MAX)
        {
            return SystemCalls.IPC_CALL_DEPTH_EXCEEDED;
        }
        int served;
        depth++;
        try
        {
            served = rendezvous.call(depth - 1, callerId, request, reply);
        }
        catch (final SandboxTerminatedException calleeDied)
        {
            served = SystemCalls.IPC_SERVER_FAILED;
        }
        finally
        {
            depth--;
        }
        if (!caller.isAlive())
        {
            throw new SandboxTerminatedException(callerId, "died while its call was served");
        }
        return served == Rendezvous.SERVED ? SystemCalls.OK : SystemCalls.IPC_SERVER_FAILED;
    }
}
