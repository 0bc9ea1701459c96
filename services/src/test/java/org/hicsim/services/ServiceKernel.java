package org.hicsim.services;

import java.util.function.Supplier;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.ipc.Rendezvous;
import org.hicsim.core0.registry.ServiceName;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Service;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.Status;

/**
 * A real Core-0 kernel with services running in its sandboxes, as the loader would run them but without bundles:
 * each service gets its sandbox's system calls as its context and runs behind a minimal crash guard, which turns
 * an exception out of the service into the death of its sandbox alone, as the host does.
 */
public final class ServiceKernel
{
    /** One simulated core's share each service gets. */
    public static final int CPU_PERCENT = 20;
    private static final int ENDPOINT_CAPACITY = 4096;

    public final Kernel kernel = new Kernel(KernelConfig.withSeed(1), TraceSink.NONE);

    /**
     * Creates and starts a sandbox named {@code module-version} of {@code memoryBytes} and initializes
     * {@code service} in it.
     */
    public Instance start(final String module, final String version, final Service service, final long memoryBytes)
    {
        final int sandboxId = kernel.sandboxes().create(
            SandboxSpec.privileged(module + "-" + version, memoryBytes, CPU_PERCENT));
        if (sandboxId < 0 || !kernel.sandboxes().start(sandboxId))
        {
            throw new IllegalStateException("sandbox for " + module + "-" + version + " not started: " + sandboxId);
        }
        final Instance instance = new Instance(sandboxId, service, kernel.systemCalls(sandboxId));
        instance.run(() -> service.init(instance.context));
        return instance;
    }

    /**
     * Registers {@code instance} as {@code cap://module/vversion/api}, served through Core-0's rendezvous.
     */
    public void publish(final Instance instance, final String module, final String version)
    {
        final int endpoint = kernel.endpoints().create(
            module + "-" + version, instance.sandboxId, EndpointType.GENERIC, ENDPOINT_CAPACITY, 0);
        kernel.endpoints().moveTo(endpoint, EndpointState.ACTIVE);
        kernel.registry().register(serviceName(module, version), endpoint);
        kernel.serve(endpoint, (caller, request, reply) ->
            instance.run(() -> instance.service.handle(request, reply)) ? Rendezvous.SERVED : Status.CALL_FAILED);
    }

    /**
     * Grants {@code client} a call capability to {@code module}, named as the loader names a dependency's.
     */
    public void grant(final Instance client, final String module, final String version)
    {
        final int serviceId = kernel.registry().serviceId(serviceName(module, version).serviceInterface());
        final long handle = kernel.capabilities().issue(
            CapabilitySystem.CORE0, client.sandboxId, ObjectKind.SERVICE_ENDPOINT, serviceId, Rights.CALL, 0);
        kernel.nameCapability(client.sandboxId, module, handle);
    }

    /** Lets virtual time pass. */
    public void advance(final long ns)
    {
        kernel.simulation().runUntil(kernel.simulation().nowNs() + ns);
    }

    public long nowNs()
    {
        return kernel.simulation().nowNs();
    }

    public boolean isAlive(final Instance instance)
    {
        return kernel.sandboxes().live(instance.sandboxId) != null;
    }

    private static ServiceName serviceName(final String module, final String version)
    {
        return ServiceName.parse("cap://" + module + "/v" + version + "/api");
    }

    /**
     * A service in its sandbox, reached only through the crash guard.
     */
    public final class Instance
    {
        public final int sandboxId;
        public final Service service;
        public final ServiceContext context;
        private RuntimeException crash;

        private Instance(final int sandboxId, final Service service, final ServiceContext context)
        {
            this.sandboxId = sandboxId;
            this.service = service;
            this.context = context;
        }

        /**
         * Runs {@code action} on the service unless it has crashed; an exception out of it kills the sandbox.
         *
         * @return whether the action ran to its end.
         */
        public boolean run(final Runnable action)
        {
            return call(() ->
            {
                action.run();
                return Boolean.TRUE;
            }) != null;
        }

        /**
         * @return what {@code action} returned, or null if the service has crashed or crashes now.
         */
        public <T> T call(final Supplier<T> action)
        {
            if (crash != null)
            {
                return null;
            }
            try
            {
                return action.get();
            }
            catch (final RuntimeException ex)
            {
                crash = ex;
                kernel.sandboxes().kill(sandboxId, "service crashed: " + ex);
                return null;
            }
        }

        /**
         * Serves one request through the guard.
         *
         * @return {@link Status#OK} when {@code reply} holds the answer, {@link Status#CALL_FAILED} when the service
         * has crashed.
         */
        public int handle(final Message request, final Message reply)
        {
            return run(() -> service.handle(request, reply)) ? Status.OK : Status.CALL_FAILED;
        }

        public RuntimeException crash()
        {
            return crash;
        }
    }
}
