package org.hicsim.host;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.hicsim.core0.audit.AuditRecord;
import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.sample.EchoService;
import org.hicsim.host.sample.PageFaults;
import org.hicsim.host.sample.RecursesForever;
import org.hicsim.host.sample.SwallowsPageFault;
import org.hicsim.host.sample.ThrowsInHandle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrashContainmentTest
{
    private final HostFixture fixture = new HostFixture();

    /**
     * Each way a service's code can fail at run time, and how its sandbox's death is recorded.
     */
    static Stream<Arguments> crashingServices()
    {
        return Stream.of(
            Arguments.of(ThrowsInHandle.class, "crash: handle threw java.lang.IllegalStateException"),
            Arguments.of(RecursesForever.class, "crash: handle stopped: its calls in progress passed the modelled stack"),
            Arguments.of(PageFaults.class, "page fault"),
            Arguments.of(SwallowsPageFault.class, "page fault"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crashingServices")
    void shouldKillOnlyTheCrashingSandboxWhileOthersKeepServing(final Class<?> crashing, final String reason)
    {
        final ServiceInstance before = fixture.load(HostFixture.echo(), "echo-before");
        final ServiceInstance crasher = fixture.load(TestModule.of("crasher", crashing), "crasher");
        final ServiceInstance after = fixture.load(HostFixture.echo().version("1.1.0"), "echo-after");

        assertEquals(ServiceInstance.DEAD, crasher.handle(new Message(), new Message()));

        assertFalse(crasher.isAlive());
        assertTrue(crasher.terminationReason().startsWith(reason), crasher::terminationReason);
        HostFixture.assertServes(before, 1);
        HostFixture.assertServes(after, 2);
        assertEquals(2, fixture.kernel.sandboxes().liveCount());
        assertEquals(1, fixture.kernel.audit().records().stream()
            .filter(record -> record.kind().equals("sandbox.kill") && record.sandboxId() == crasher.sandboxId())
            .count());
        assertEquals(1, fixture.traceLines("service.crash"));
        fixture.assertAuditIntact();
    }

    @Test
    void shouldRunNoServiceCodeOnceDead()
    {
        final ServiceInstance crasher = fixture.load(TestModule.of("crasher", ThrowsInHandle.class), "crasher");
        crasher.handle(new Message(), new Message());
        final int auditRecords = fixture.kernel.audit().size();

        assertEquals(ServiceInstance.DEAD, crasher.handle(new Message(), new Message()));
        assertEquals(ServiceInstance.DEAD, crasher.completeMigration());
        assertEquals(ServiceInstance.DEAD, crasher.shutdown());

        assertEquals(1, fixture.traceLines("service.crash"));
        assertEquals(auditRecords, fixture.kernel.audit().size());
    }

    @Test
    void shouldReportDeadInstanceUnhealthy()
    {
        final ServiceInstance crasher = fixture.load(TestModule.of("crasher", PageFaults.class), "crasher");
        crasher.handle(new Message(), new Message());
        final HealthReport report = new HealthReport().connections(3);

        assertEquals(ServiceInstance.DEAD, crasher.probe(report));

        assertEquals(Health.UNHEALTHY, report.health());
        assertEquals(0, report.connections());
    }

    @Test
    void shouldAnswerUnknownOperationWithoutCrashing()
    {
        final ServiceInstance echo = fixture.load(HostFixture.echo(), "echo");
        final Message reply = new Message();

        assertEquals(Status.OK, echo.handle(new Message().operation(99), reply));

        assertEquals(Status.UNKNOWN_OPERATION, reply.status());
        assertTrue(echo.isAlive());
    }

    @Test
    void shouldDestroySandboxOnShutdown()
    {
        final ServiceInstance echo = fixture.load(HostFixture.echo(), "echo");

        assertEquals(Status.OK, echo.shutdown());

        assertFalse(echo.isAlive());
        assertEquals("destroyed", echo.terminationReason());
        assertEquals(ServiceInstance.DEAD, echo.handle(new Message().operation(EchoService.ECHO), new Message()));
    }

    @Test
    void shouldAuditEachLoadWithItsSigner()
    {
        final ServiceInstance echo = fixture.load(HostFixture.echo(), "echo");

        final AuditRecord load = fixture.kernel.audit().records().stream()
            .filter(record -> record.kind().equals("service.load")).findFirst().orElseThrow();
        assertEquals(echo.sandboxId(), load.sandboxId());
        assertTrue(load.detail().contains("signer=CN=HIC-Sim_Module_Signer,O=HIC-Sim"), load::detail);
    }
}
