package org.hicsim.host;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.sample.Counter;
import org.hicsim.host.sample.EchoService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kernel with a service host, whose trace lines are kept for the test to read.
 */
final class HostFixture
{
    static final long KERNEL_MEMORY_BYTES = 64L * 1024 * 1024;

    final List<String> trace = new ArrayList<>();
    final Kernel kernel = new Kernel(KernelConfig.withSeed(1).withMemoryBytes(KERNEL_MEMORY_BYTES), trace::add);
    final ServiceHost host = new ServiceHost(kernel);

    static TestModule echo()
    {
        return TestModule.of("echo", EchoService.class).with(Counter.class);
    }

    ServiceInstance load(final TestModule module, final String sandboxName)
    {
        return host.load(module.verifiedFor(kernel), sandboxName, Grants.none());
    }

    /**
     * Asserts the instance serves: an echo request comes back doubled.
     */
    static void assertServes(final ServiceInstance echo, final long value)
    {
        final Message reply = new Message();
        assertEquals(Status.OK, echo.handle(new Message().operation(EchoService.ECHO).argument(0, value), reply));
        assertEquals(Status.OK, reply.status());
        assertEquals(value * 2, reply.argument(0));
    }

    void assertAuditIntact()
    {
        assertTrue(kernel.audit().verify().isIntact(), () -> kernel.audit().verify().toString());
    }

    long traceLines(final String kind)
    {
        return trace.stream().filter(line -> line.contains(" " + kind + " ")).count();
    }
}
