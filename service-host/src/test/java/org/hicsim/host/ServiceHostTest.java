package org.hicsim.host;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointTable;
import org.hicsim.core0.registry.ServiceInterface;
import org.hicsim.core0.registry.ServiceName;
import org.hicsim.core0.registry.ServiceRegistry;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxError;
import org.hicsim.core0.sim.SimulatedEpoch;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.KeyAlgorithm;
import org.hicsim.hicmod.pki.PkiGenerator;
import org.hicsim.hicmod.pki.VerificationException;
import org.hicsim.hicmod.pki.VerifiedBundle;
import org.hicsim.host.sample.Counter;
import org.hicsim.host.sample.CrashesOnStart;
import org.hicsim.host.sample.EchoService;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceHostTest
{
    private final HostFixture fixture = new HostFixture();

    @Test
    void shouldLoadIntoSandboxSizedByManifest()
    {
        final ServiceInstance echo = fixture.load(HostFixture.echo().memory("10KiB"), "echo-v1.0.0");

        final Sandbox sandbox = fixture.kernel.sandboxes().live(echo.sandboxId());
        assertEquals("echo-v1.0.0", sandbox.name());
        assertEquals(ServiceHost.wholeFrames(10 * 1024), sandbox.spec().memoryBytes());
        assertEquals(TestModule.CPU_QUOTA_PERCENT, sandbox.spec().cpuQuotaPercent());
        HostFixture.assertServes(echo, 21);
    }

    @Test
    void shouldGiveTheSandboxThePolicysCpuQuotaOverTheManifests()
    {
        final ServiceInstance echo = fixture.host.load(HostFixture.echo().verifiedFor(fixture.kernel), "echo",
            Grants.none().withCpuQuotaPercent(TestModule.CPU_QUOTA_PERCENT / 2));

        assertEquals(TestModule.CPU_QUOTA_PERCENT / 2,
            fixture.kernel.sandboxes().live(echo.sandboxId()).spec().cpuQuotaPercent());
        assertThrows(IllegalArgumentException.class, () -> Grants.none().withCpuQuotaPercent(101));
    }

    @Test
    void shouldRegisterFirstVersionAsDefaultAndServeItsEndpoint()
    {
        final ServiceInstance first = fixture.load(HostFixture.echo(), "echo-v1.0.0");
        final ServiceInstance second = fixture.load(HostFixture.echo().version("1.1.0"), "echo-v1.1.0");

        final ServiceInterface echo = new ServiceInterface("echo", ServiceHost.INTERFACE);
        assertEquals(first.endpointId(), fixture.kernel.registry().resolve("echo/" + ServiceHost.INTERFACE));
        assertEquals("1.0.0", fixture.kernel.registry().defaultVersion(echo).toString());
        assertEquals(first.serviceId(), second.serviceId());
        assertEquals(EndpointState.ACTIVE, fixture.kernel.endpoints().get(second.endpointId()).state());
    }

    @Test
    void shouldLoadAVersionRegisteredAlreadyAsAnotherReplica()
    {
        final ServiceInstance first = fixture.load(HostFixture.echo(), "echo-a");
        final ServiceInstance second = fixture.load(HostFixture.echo(), "echo-b");

        assertEquals(first.serviceId(), second.serviceId());
        assertArrayEquals(new int[] {first.endpointId(), second.endpointId()},
            fixture.kernel.registry().replicas(ServiceName.of("echo", first.version(), ServiceHost.INTERFACE)));
    }

    @Test
    void shouldRefuseSandboxNameInUseLeavingNothingBehind()
    {
        fixture.load(HostFixture.echo(), "taken");

        final ModuleRefusedException refusal = assertThrows(ModuleRefusedException.class,
            () -> fixture.load(HostFixture.echo().version("2.0.0"), "taken"));

        assertEquals("echo 2.0.0: Core-0 refused its sandbox taken: " + SandboxError.NAME_IN_USE, refusal.getMessage());
        assertEquals(1, fixture.kernel.sandboxes().liveCount());
        assertEquals(1, fixture.kernel.registry().bindings().size());
    }

    @Test
    void shouldGrantAndNameWhatThePolicyGives()
    {
        final Grants grants = Grants.none().with("stats", ObjectKind.DEBUG_LOG, 1, Rights.WRITE);
        final ServiceInstance echo = fixture.host.load(
            HostFixture.echo().capability("stats:rw").capability("net.mmio:r").verifiedFor(fixture.kernel), "echo",
            grants);

        final ServiceContext context = fixture.kernel.systemCalls(echo.sandboxId());
        assertNotEquals(ServiceContext.NO_CAPABILITY, context.capability("stats"));
        assertEquals(ServiceContext.NO_CAPABILITY, context.capability("net.mmio"));
        assertEquals(1, fixture.traceLines("service.grant.withheld"));
    }

    @Test
    void shouldGiveRegisteredDependencyACallCapabilityNamedAfterIt()
    {
        final ServiceInstance echo = fixture.load(HostFixture.echo(), "echo");
        final ServiceInstance client = fixture.load(TestModule.of("client", EchoService.class).with(Counter.class)
            .dependency("echo", ">=1.0.0").dependency("absent", ">=1.0.0"), "client");

        final long handle = fixture.kernel.systemCalls(client.sandboxId()).capability("echo");
        assertEquals(echo.serviceId(), fixture.kernel.capabilities().check(
            client.sandboxId(), handle, ObjectKind.SERVICE_ENDPOINT, Rights.CALL));
        assertEquals(ServiceContext.NO_CAPABILITY, fixture.kernel.systemCalls(client.sandboxId()).capability("absent"));
    }

    @Test
    void shouldNeverRegisterServiceThatCrashesOnStart()
    {
        final ServiceInstance crashed = fixture.load(TestModule.of("fragile", CrashesOnStart.class), "fragile");

        assertFalse(crashed.isAlive());
        assertEquals("crash: init threw java.lang.IllegalStateException", crashed.terminationReason());
        assertEquals(EndpointTable.NULL_ID, crashed.endpointId());
        assertEquals(ServiceRegistry.NO_SERVICE, crashed.serviceId());
        assertTrue(fixture.kernel.registry().bindings().isEmpty());
        fixture.assertAuditIntact();
    }

    @Test
    void shouldRefuseToVerifyUnsignedBundleSoItCannotBeLoaded()
    {
        final VerificationException refusal = assertThrows(VerificationException.class,
            () -> TestModule.verifier().verifyBundle(HostFixture.echo().unsigned(), SimulatedEpoch.DEFAULT_EPOCH));

        assertEquals(VerificationException.Reason.NOT_SIGNED, refusal.reason());
        assertEquals(0, fixture.kernel.sandboxes().liveCount());
    }

    @Test
    void shouldRefuseToVerifyBundleSignedUnderUntrustedRoot()
    {
        final BundleVerifier trustsAnotherRoot = new BundleVerifier(List.of(
            new PkiGenerator(TestModule.fixedAt(TestModule.ISSUED_AT), new SecureRandom())
                .generate(KeyAlgorithm.ED25519).root().certificate()));

        final VerificationException refusal = assertThrows(VerificationException.class,
            () -> trustsAnotherRoot.verifyBundle(HostFixture.echo().signed(), SimulatedEpoch.DEFAULT_EPOCH));

        assertEquals(VerificationException.Reason.UNTRUSTED_ROOT, refusal.reason());
    }

    @Test
    void shouldOfferNoWayToLoadWhatWasNotVerified()
    {
        assertEquals(0, VerifiedBundle.class.getConstructors().length);
        final List<Method> loads = Arrays.stream(ServiceHost.class.getMethods())
            .filter(method -> method.getDeclaringClass() == ServiceHost.class)
            .filter(method -> !Modifier.isStatic(method.getModifiers()))
            .filter(method -> method.getName().equals("load"))
            .toList();
        assertEquals(3, loads.size());
        for (final Method load : loads)
        {
            assertEquals(VerifiedBundle.class, load.getParameterTypes()[0], load.toString());
        }
    }
}
