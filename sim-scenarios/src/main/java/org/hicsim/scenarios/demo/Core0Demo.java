package org.hicsim.scenarios.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.hicsim.common.SemanticVersion;
import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.SandboxTerminatedException;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.audit.AuditChain;
import org.hicsim.core0.audit.AuditVerification;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.ipc.MessageHandler;
import org.hicsim.core0.registry.ServiceInterface;
import org.hicsim.core0.registry.ServiceName;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;

/**
 * A short narrated run of Core-0: sandboxes, capabilities granted, derived, transferred and revoked, IPC, a page
 * fault that kills one sandbox while the others go on, an atomic endpoint switch with requests in flight, and
 * the audit chain verified (and an edited copy caught). Ends with the digest of the run's trace, which depends
 * only on the seed.
 */
public final class Core0Demo
{
    private static final long MIB = 1 << 20;
    private static final long LATENCY_NS = 20 * Simulation.MICROS;
    private static final int REQUEST = 1;

    private final PrintWriter out;
    private final Kernel kernel;
    private final CapabilitySystem caps;
    private final SplittableRandom random;
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);

    public Core0Demo(final long seed, final TraceSink traceSink, final PrintWriter out)
    {
        this.out = out;
        this.kernel = new Kernel(KernelConfig.withSeed(seed), traceSink);
        this.caps = kernel.capabilities();
        this.random = kernel.simulation().splitRandom();
    }

    /**
     * Runs the demo, narrating to the writer.
     *
     * @return the SHA-256 of the run's trace.
     */
    public String run()
    {
        say("Core-0 booted: %d MiB simulated memory in %d frames, seed %d",
            kernel.memory().sizeBytes() / MIB, kernel.memory().totalFrames(), kernel.simulation().seed());

        final int netstack = startSandbox("netstack-v1.2.0", 64, 20);
        final int web = startSandbox("web_server", 16, 10);
        final int dns = startSandbox("dns_resolver", 8, 5);

        final long stats = capabilities(netstack, web);
        final int oldEndpoint = serviceEndpoint(netstack, "cap://netstack/v1.2.0/tcp");
        final long netstackService = caps.issue(CapabilitySystem.CORE0, web, ObjectKind.SERVICE_ENDPOINT,
            kernel.registry().serviceId(ServiceInterface.parse("netstack/tcp")),
            Rights.CALL, 0);
        say("web_server holds a CALL capability for netstack/tcp, not for any one instance");

        final int firstBatch = 3 + random.nextInt(3);
        callService(web, netstackService, firstBatch, 0);
        kernel.simulation().runUntil(kernel.simulation().nowNs() + LATENCY_NS);
        say("netstack v1.2.0 received %d of %d requests after %d us of latency",
            drain(oldEndpoint), firstBatch, LATENCY_NS / Simulation.MICROS);

        pageFault(dns, web, netstackService);
        endpointSwitch(netstack, web, netstackService, oldEndpoint);
        revoke(netstack, web, stats);
        return auditAndDigest();
    }

    private long capabilities(final int netstack, final int web)
    {
        final long stats = caps.issue(CapabilitySystem.CORE0, netstack, ObjectKind.SHARED_REGION, 1,
            Rights.READ | Rights.WRITE | Rights.DERIVE | Rights.TRANSFER | Rights.REVOKE, 0);
        say("Core-0 granted netstack the stats region: rights %s", Rights.toString(Rights.READ | Rights.WRITE
            | Rights.DERIVE | Rights.TRANSFER | Rights.REVOKE));
        final SystemCalls netstackCalls = kernel.systemCalls(netstack);
        final long readOnly = netstackCalls.mint(stats, Rights.READ | Rights.TRANSFER, CapabilitySystem.NO_BADGE);
        final long amplified = netstackCalls.mint(readOnly, Rights.READ | Rights.WRITE, CapabilitySystem.NO_BADGE);
        say("netstack derived a read-only copy; deriving WRITE back from it is refused: %s",
            CapError.fromCode((int)amplified));
        final long webStats = netstackCalls.transfer(readOnly, web);
        say("netstack transferred the read-only copy to web_server; the old handle is now %s",
            CapError.fromCode(caps.check(netstack, readOnly, ObjectKind.SHARED_REGION, Rights.READ)));
        say("web_server checks its copy: READ %s, WRITE %s",
            caps.check(web, webStats, ObjectKind.SHARED_REGION, Rights.READ) >= 0 ? "allowed" : "refused",
            CapError.fromCode(caps.check(web, webStats, ObjectKind.SHARED_REGION, Rights.WRITE)));
        final long forged = webStats + 1;
        say("a guessed handle is refused: %s",
            CapError.fromCode(caps.check(web, forged, ObjectKind.SHARED_REGION, Rights.READ)));
        return stats;
    }

    private int serviceEndpoint(final int owner, final String name)
    {
        final ServiceName serviceName = ServiceName.parse(name);
        final int endpoint = kernel.endpoints().create(
            serviceName.service() + "-v" + serviceName.version() + "-" + serviceName.iface(),
            owner, EndpointType.GENERIC, 4096, LATENCY_NS);
        kernel.endpoints().moveTo(endpoint, EndpointState.ACTIVE);
        kernel.registry().register(serviceName, endpoint);
        say("registered %s -> endpoint %d", name, endpoint);
        return endpoint;
    }

    private void pageFault(final int dns, final int web, final long netstackService)
    {
        final SystemCalls dnsCalls = kernel.systemCalls(dns);
        dnsCalls.storeLong(Sandbox.MEMORY_BASE, 0xD25L);
        try
        {
            dnsCalls.loadLong(Sandbox.MEMORY_BASE + 64 * MIB);
        }
        catch (final SandboxTerminatedException ex)
        {
            say("dns_resolver read outside its mappings and was killed: %s", ex.getMessage());
        }
        say("dns_resolver's frames are back: it owns %d frames; %d sandboxes still live",
            kernel.memory().framesOwnedBy(dns), kernel.sandboxes().liveCount());
        final int status = kernel.systemCalls(web).call(netstackService, REQUEST, message, 0, 8);
        say("web_server calls netstack as before: %s", status == SystemCalls.OK ? "OK" : "refused " + status);
        kernel.simulation().runUntil(kernel.simulation().nowNs() + LATENCY_NS);
    }

    private void endpointSwitch(final int netstack, final int web, final long netstackService, final int oldEndpoint)
    {
        drain(oldEndpoint);
        final int fresh = kernel.sandboxes().createFromTemplate(netstack, "netstack-v1.3.0", 64 * MIB, 20);
        kernel.sandboxes().start(fresh);
        say("created netstack-v1.3.0 from the v1.2.0 template");
        final int newEndpoint = serviceEndpoint(fresh, "cap://netstack/v1.3.0/tcp");

        final int before = 2 + random.nextInt(4);
        final int after = 2 + random.nextInt(4);
        callService(web, netstackService, before, 100);
        kernel.registry().switchDefault("netstack", "tcp", new SemanticVersion(1, 3, 0));
        say("switched netstack/tcp to v1.3.0 atomically with %d requests still in flight to v1.2.0", before);
        callService(web, netstackService, after, 200);
        kernel.simulation().runUntil(kernel.simulation().nowNs() + LATENCY_NS);
        final int servedByOld = drain(oldEndpoint);
        final int servedByNew = drain(newEndpoint);
        say("v1.2.0 served %d, v1.3.0 served %d: %d sent, %d lost; cap://netstack/v1.2.0/tcp stays addressable",
            servedByOld, servedByNew, before + after, before + after - servedByOld - servedByNew);
    }

    private void revoke(final int netstack, final int web, final long stats)
    {
        final long revoked = kernel.systemCalls(netstack).revoke(stats);
        say("netstack revoked the stats region: %d derived capabilities deleted; web_server now holds %d", revoked,
            caps.capabilities(web).stream().filter(c -> c.kind() == ObjectKind.SHARED_REGION).count());
    }

    private String auditAndDigest()
    {
        final AuditVerification verification = kernel.audit().verify();
        say("audit log: %d records, hash chain %s", kernel.audit().size(),
            verification.isIntact() ? "intact" : "BROKEN: " + verification);
        final List<String> edited = new ArrayList<>(kernel.audit().exportLines());
        final int victim = random.nextInt(edited.size());
        edited.set(victim, edited.get(victim).replace("kind=", "kind=x"));
        final AuditVerification tampered = AuditChain.verify(edited, kernel.audit().size(), kernel.audit().headHash());
        say("an edited copy (record %d changed) fails verification at record %d", victim, tampered.firstBadIndex());
        final String digest = kernel.simulation().trace().sha256Hex();
        out.println("trace sha256: " + digest);
        out.flush();
        return digest;
    }

    private int startSandbox(final String name, final int memoryMib, final int cpuPercent)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, memoryMib * MIB, cpuPercent));
        kernel.sandboxes().start(id);
        say("sandbox %d %s: %d MiB contiguous memory, %d%% CPU", id, name, memoryMib, cpuPercent);
        return id;
    }

    private void callService(final int client, final long service, final int count, final int firstPayload)
    {
        final SystemCalls calls = kernel.systemCalls(client);
        for (int i = 0; i < count; i++)
        {
            message.putInt(0, firstPayload + i);
            calls.call(service, REQUEST, message, 0, 8);
            kernel.simulation().runUntil(kernel.simulation().nowNs() + 1 + random.nextInt(5_000));
        }
    }

    private int drain(final int endpoint)
    {
        final int[] count = new int[1];
        final MessageHandler handler = (msgTypeId, buffer, index, length) -> count[0]++;
        kernel.endpoints().get(endpoint).receive(handler, Integer.MAX_VALUE);
        return count[0];
    }

    private void say(final String format, final Object... args)
    {
        out.printf("[%10.3f ms] ", kernel.simulation().nowNs() / 1e6);
        out.println(String.format(format, args));
    }
}
