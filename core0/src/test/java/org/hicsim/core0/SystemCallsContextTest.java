package org.hicsim.core0;

import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sandbox.SandboxState;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.ServiceContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SystemCallsContextTest
{
    private static final long MEMORY_BYTES = 256 * 1024;
    private static final int LOG_ID = 3;

    private final Kernel kernel = new Kernel(KernelConfig.withSeed(11), TraceSink.NONE);
    private final CapabilitySystem caps = kernel.capabilities();

    private int sandbox(final String name)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, MEMORY_BYTES, 10));
        kernel.sandboxes().start(id);
        return id;
    }

    private long grantLog(final int sandboxId)
    {
        return caps.issue(CapabilitySystem.CORE0, sandboxId, ObjectKind.DEBUG_LOG, LOG_ID, Rights.WRITE, 0);
    }

    @Test
    void shouldDescribeTheSandboxsOwnMemory()
    {
        final ServiceContext context = kernel.systemCalls(sandbox("svc"));

        assertEquals(Sandbox.MEMORY_BASE, context.memoryBase());
        assertEquals(MEMORY_BYTES, context.memoryBytes());
        context.storeLong(context.memoryBase() + context.memoryBytes() - Long.BYTES, 7);
        assertEquals(7, context.loadLong(context.memoryBase() + context.memoryBytes() - Long.BYTES));
    }

    @Test
    void shouldDrawTheSameNumbersForTheSameSeedAndNameWhateverWasMadeBefore()
    {
        final ServiceContext first = kernel.systemCalls(sandbox("netstack"));
        final Kernel other = new Kernel(KernelConfig.withSeed(11), TraceSink.NONE);
        other.sandboxes().start(other.sandboxes().create(SandboxSpec.privileged("before", MEMORY_BYTES, 10)));
        final int id = other.sandboxes().create(SandboxSpec.privileged("netstack", MEMORY_BYTES, 10));
        other.sandboxes().start(id);
        final ServiceContext second = other.systemCalls(id);

        for (int i = 0; i < 8; i++)
        {
            assertEquals(first.nextRandom(), second.nextRandom(), "draw " + i);
        }
    }

    @Test
    void shouldDrawOtherNumbersForAnotherSeedOrAnotherName()
    {
        final long drawn = kernel.systemCalls(sandbox("netstack")).nextRandom();
        final Kernel reseeded = new Kernel(KernelConfig.withSeed(12), TraceSink.NONE);
        final int id = reseeded.sandboxes().create(SandboxSpec.privileged("netstack", MEMORY_BYTES, 10));
        reseeded.sandboxes().start(id);

        assertNotEquals(drawn, reseeded.systemCalls(id).nextRandom());
        assertNotEquals(drawn, kernel.systemCalls(sandbox("netstack-2")).nextRandom());
    }

    @Test
    void shouldAnswerTheConfigurationTheLoaderSet()
    {
        final SystemCalls calls = kernel.systemCalls(sandbox("svc"));
        final Configuration configuration = Configuration.builder(2).put("connections", "10").build();

        assertEquals(Configuration.EMPTY, calls.configuration());
        calls.configuration(configuration);
        assertEquals(configuration, calls.configuration());
    }

    @Test
    void shouldFindABootCapabilityByTheNameTheLoaderGaveIt()
    {
        final int id = sandbox("svc");
        final long log = grantLog(id);

        assertEquals(SystemCalls.OK, kernel.nameCapability(id, "debug.log", log));

        final ServiceContext context = kernel.systemCalls(id);
        assertEquals(log, context.capability("debug.log"));
        assertEquals(SystemCalls.OK, context.log(context.capability("debug.log"), "hello"));
    }

    @Test
    void shouldAnswerNoCapabilityForANameNotGiven()
    {
        final int id = sandbox("svc");
        kernel.nameCapability(id, "debug.log", grantLog(id));

        assertEquals(ServiceContext.NO_CAPABILITY, kernel.systemCalls(id).capability("netstack"));
    }

    @Test
    void shouldKeepNamesPerSandbox()
    {
        final int named = sandbox("named");
        final int other = sandbox("other");
        kernel.nameCapability(named, "debug.log", grantLog(named));

        assertEquals(ServiceContext.NO_CAPABILITY, kernel.systemCalls(other).capability("debug.log"));
    }

    @Test
    void shouldRefuseToNameAHandleTheSandboxDoesNotHold()
    {
        final int holder = sandbox("holder");
        final int other = sandbox("other");
        final long log = grantLog(holder);

        assertEquals(CapError.INVALID_HANDLE.code(), kernel.nameCapability(other, "debug.log", log));
        assertEquals(ServiceContext.NO_CAPABILITY, kernel.systemCalls(other).capability("debug.log"));
    }

    @Test
    void shouldRefuseToNameForADeadSandbox()
    {
        final int id = sandbox("svc");
        final long log = grantLog(id);
        kernel.sandboxes().kill(id, "crash");

        assertEquals(CapError.NO_SUCH_SANDBOX.code(), kernel.nameCapability(id, "debug.log", log));
    }

    @Test
    void shouldRejectASecondCapabilityUnderOneName()
    {
        final int id = sandbox("svc");
        kernel.nameCapability(id, "debug.log", grantLog(id));

        assertThrows(IllegalStateException.class, () -> kernel.nameCapability(id, "debug.log", grantLog(id)));
    }

    @Test
    void shouldDropTheNamesWhenTheSandboxDies()
    {
        final int first = sandbox("first");
        kernel.nameCapability(first, "debug.log", grantLog(first));
        kernel.sandboxes().destroy(first);

        final int reused = sandbox("second");

        assertEquals(first, reused);
        assertEquals(ServiceContext.NO_CAPABILITY, kernel.systemCalls(reused).capability("debug.log"));
    }

    @Test
    void shouldNotLetADeadSandboxsContextReachTheSandboxThatReusedItsId()
    {
        final int first = sandbox("first");
        final ServiceContext stale = kernel.systemCalls(first);
        kernel.sandboxes().kill(first, "crash");
        final int reused = sandbox("second");
        kernel.nameCapability(reused, "debug.log", grantLog(reused));

        assertEquals(first, reused);
        assertEquals(ServiceContext.NO_CAPABILITY, stale.capability("debug.log"));
        assertThrows(SandboxTerminatedException.class, () -> stale.loadLong(Sandbox.MEMORY_BASE));
        assertThrows(SandboxTerminatedException.class, () -> stale.compute(1));
        assertEquals(SandboxState.RUNNING, kernel.sandboxes().get(reused).state());
    }
}
