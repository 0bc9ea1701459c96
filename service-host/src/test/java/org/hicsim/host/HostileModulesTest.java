package org.hicsim.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.hicsim.core0.sandbox.SandboxError;
import org.hicsim.host.ModuleRefusedException.Reason;
import org.hicsim.host.hostile.Finalizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Hostile modules, signed like any other, loaded into a kernel that already runs a well-behaved service: each is
 * refused before a sandbox is made for it, so none of its code runs, and the service keeps serving.
 */
class HostileModulesTest
{
    private static final String HOSTILE_SANDBOX = "hostile-v1.0.0";

    private final HostFixture fixture = new HostFixture();
    private final ServiceInstance echo = fixture.load(HostFixture.echo(), "echo-v1.0.0");

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.hicsim.host.ReferenceCheckTest#hostileModules")
    void shouldRefuseHostileModuleBeforeItRunsWhileOthersKeepServing(
        final Class<?> hostile, final String member, final String reference)
    {
        HostFixture.assertServes(echo, 1);

        final ModuleRefusedException refusal = assertThrows(ModuleRefusedException.class,
            () -> fixture.load(TestModule.of("hostile", hostile), HOSTILE_SANDBOX));

        assertEquals(reference, refusal.reference());
        assertNothingOfTheHostileModuleIsLeft();
    }

    @Test
    void shouldRefuseFinalizerBeforeItRunsWhileOthersKeepServing()
    {
        final ModuleRefusedException refusal = assertThrows(ModuleRefusedException.class,
            () -> fixture.load(TestModule.of("hostile", Finalizer.class), HOSTILE_SANDBOX));

        assertEquals(Reason.FINALIZER, refusal.reason());
        assertNothingOfTheHostileModuleIsLeft();
    }

    private void assertNothingOfTheHostileModuleIsLeft()
    {
        assertEquals(SandboxError.NO_SUCH_SANDBOX.code(), fixture.kernel.sandboxes().idOf(HOSTILE_SANDBOX));
        assertEquals(1, fixture.kernel.sandboxes().liveCount());
        assertEquals(1, fixture.kernel.registry().bindings().size());
        assertEquals(1, fixture.traceLines("service.load"));
        HostFixture.assertServes(echo, 2);
        fixture.assertAuditIntact();
    }
}
