package org.hicsim.monitor.service;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hicsim.common.SemanticVersion;
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
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Status;
import org.hicsim.core0.wire.ModuleManagerWire;
import org.hicsim.monitor.alert.Delivery;
import org.hicsim.monitor.alert.Priority;
import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.canary.CanaryExplanations;
import org.hicsim.monitor.decision.Decision;
import org.hicsim.monitor.decision.Explanation;
import org.hicsim.monitor.decision.Replay;
import org.hicsim.monitor.rule.Fixed6;
import org.hicsim.monitor.rule.Verdict;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Monitor service against a stand-in for the Module Manager's endpoint that records the requests it is sent
 * (op and lines) and answers what the Module Manager answers today: OK to ROLLBACK, APPROVE and RESTART, an
 * unknown operation to the rest.
 */
class MonitorServiceTest
{
    private static final long S = Simulation.SECONDS;
    private static final long MIN = Simulation.MINUTES;

    private final Kernel kernel = new Kernel(KernelConfig.withSeed(7), TraceSink.NONE);
    private final List<String> requests = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>();
    private final List<Integer> replies = new ArrayList<>();
    private final List<Delivery> alerts = new ArrayList<>();
    private final int managerService = fakeModuleManager();

    @Test
    void shouldStartAFreshAnalysisForEachRevisionSoCrashesOfEarlierOnesDoNotCount()
    {
        final MonitorService monitor = boot(MonitorConfig.defaults());
        final int old = started("netstack-1");
        for (final long atNs : new long[] {10 * S, 2 * MIN + 40 * S, 5 * MIN + 9 * S})
        {
            at(atNs, () ->
            {
                final int next = started("netstack-new");
                monitor.updateStarted("netstack", old, next);
                monitor.serving("netstack");
                at(atNs + S, () -> kill(next));
            });
        }

        kernel.simulation().runUntil(6 * MIN);

        assertTrue(requests.isEmpty(), "one crash a revision: no rollback");
    }

    @Test
    void shouldRollBackWhenTheWatchedInstanceCrashesThreeTimesWithinTheWindow()
    {
        final MonitorService monitor = boot(MonitorConfig.defaults().withRestartOnCrash((service, atNs) -> true));
        final int old = started("netstack-1");
        monitor.updateStarted("netstack", old, started("netstack-2"));
        monitor.serving("netstack");
        monitor.updateEnded("netstack", true);
        for (final long atNs : new long[] {10 * S, 2 * MIN + 40 * S, 5 * MIN + 9 * S})
        {
            at(atNs, () ->
            {
                final int current = started("netstack-r");
                monitor.serviceRunning("netstack", current);
                at(atNs + S, () -> kill(current));
            });
        }

        kernel.simulation().runUntil(6 * MIN);

        assertTrue(requests.stream().anyMatch(line -> line.startsWith(ModuleManagerWire.ROLLBACK + ":netstack\n"
            + "crashes-3-in-5m")), () -> "requests=" + requests);
        assertEquals(Action.ROLLBACK_FULL, decisions.get(decisions.size() - 1).action());
        assertEquals(Status.OK, (int)replies.get(replies.size() - 1));
        assertTrue(alerts.stream().anyMatch(delivery -> delivery.alert().priority() == Priority.P0));
    }

    @Test
    void shouldRestartACrashedServiceThreeTimesASecondApartThenRaiseACriticalAlert()
    {
        final MonitorService monitor = boot(MonitorConfig.defaults().withRestartOnCrash((service, atNs) -> true));
        final List<Long> restartTimes = new ArrayList<>();
        for (int crash = 0; crash < 4; crash++)
        {
            final long atNs = S + crash * 10 * S;
            at(atNs, () ->
            {
                final int instance = started("counter");
                monitor.serviceRunning("counter", instance);
                at(atNs + S, () -> kill(instance));
            });
        }
        kernel.simulation().runUntil(MIN);

        assertEquals(MonitorService.RESTART_ATTEMPTS_MAX, restarts(), () -> "requests=" + requests);
        assertTrue(alerts.stream().anyMatch(delivery -> delivery.alert().priority() == Priority.P0
            && delivery.alert().key().equals("restart-exhausted:counter")));
    }

    @Test
    void shouldCountRestartsAfreshOnceTheServiceStayedUpForTheHealthyPeriod()
    {
        final MonitorService monitor = boot(MonitorConfig.defaults().withRestartOnCrash((service, atNs) -> true));
        for (int crash = 0; crash < 5; crash++)
        {
            final long atNs = S + crash * 2 * MonitorService.HEALTHY_PERIOD_NS;
            at(atNs, () ->
            {
                final int instance = started("counter");
                monitor.serviceRunning("counter", instance);
                at(atNs + MonitorService.HEALTHY_PERIOD_NS, () -> kill(instance));
            });
        }

        kernel.simulation().runUntil(12 * MonitorService.HEALTHY_PERIOD_NS);

        assertEquals(5, restarts());
        assertTrue(alerts.isEmpty());
    }

    @Test
    void shouldActOnACrashFromTheEventLoopNeverInsideTheKillingCall()
    {
        final MonitorService monitor = boot(MonitorConfig.defaults());
        final int next = started("netstack-2");
        monitor.updateStarted("netstack", started("netstack-1"), next);
        final int[] requestsAtKill = {-1};
        at(S, () ->
        {
            kill(next);
            requestsAtKill[0] = requests.size();
        });

        kernel.simulation().runUntil(2 * S);

        assertEquals(0, requestsAtKill[0]);
        assertEquals(1, requests.size(), () -> "requests=" + requests);
    }

    @Test
    void shouldRecordTheModuleManagersRefusalOfAnOperationItDoesNotServeYet()
    {
        final MonitorService monitor = boot(MonitorConfig.defaults());
        final int old = started("netstack-1");
        final int next = started("netstack-2");
        monitor.updateStarted("netstack", old, next);
        at(S, () -> kill(next));
        kernel.simulation().runUntil(2 * S);

        assertEquals(Action.ROLLBACK_FULL, decisions.get(0).action(), "level 1: a start-up crash rolls back");
        assertEquals(Status.OK, (int)replies.get(0));
        assertNotEquals(Status.OK, fakeReply(ModuleManagerWire.PAUSE));
    }

    @Test
    void shouldChargeItsHealthChecksToItsOwnCpuQuota()
    {
        final MonitorService monitor = boot(MonitorConfig.defaults());
        monitor.updateStarted("netstack", started("netstack-1"), started("netstack-2"));

        kernel.simulation().runUntil(MIN);

        final long consumed = kernel.cpu().quota(monitor.sandboxId()).consumedNs();
        assertEquals(12 * 2 * MonitorService.READ_WORK_NS, consumed, "12 checks a minute, two regions each");
    }

    @Test
    void shouldJudgeASlowerNewInstanceFailOnTheSameTrafficAndAskForARollback()
    {
        final Decision verdict = canaryVerdict(1.3);

        assertEquals(Action.ROLLBACK_FULL, verdict.action(), verdict::toLine);
        assertEquals(CanaryExplanations.FAIL, verdict.reason());
        assertTrue(requests.contains(ModuleManagerWire.ROLLBACK + ":netstack\n" + CanaryExplanations.FAIL),
            () -> "requests=" + requests);
        final Explanation latency = verdict.explanations().stream()
            .filter(record -> record.rule().equals("canary:" + CanaryAnalysis.LATENCY)).findFirst().orElseThrow();
        assertEquals(Verdict.FAIL, latency.verdict(), latency::toLine);
        assertTrue(latency.valueMicros() > Fixed6.of(1.2), "30% slower: " + latency.toLine());
        assertEquals(Action.ROLLBACK_FULL, Replay.decide(verdict.explanations().stream().map(Explanation::toLine)
            .toList(), true), "the trace's records give the decision back");
    }

    @Test
    void shouldJudgeAnEqualNewInstancePassOnTheSameTrafficAndApproveTheHeldStage()
    {
        final Decision verdict = canaryVerdict(1.0);

        assertEquals(Action.PROMOTE, verdict.action(), verdict::toLine);
        assertEquals(List.of(ModuleManagerWire.APPROVE + ":netstack"), requests);
        assertEquals(Priority.P3, verdict.priority(), "a pass is for the log");
        assertEquals(Action.PROMOTE, Replay.decide(verdict.explanations().stream().map(Explanation::toLine)
            .toList(), true));
    }

    @Test
    void shouldHoldAndAskWhenOnlyTheNewInstancesTailIsSlowerAsMarginal()
    {
        final Decision verdict = canaryVerdict(1.0, 10);

        assertEquals(Action.PAUSE, verdict.action(), verdict::toLine);
        assertEquals(CanaryExplanations.MARGINAL, verdict.reason());
        final Explanation score = verdict.explanations().stream()
            .filter(record -> record.rule().equals(CanaryExplanations.FAIL)).findFirst().orElseThrow();
        assertEquals(75 * Fixed6.ONE, score.valueMicros(), "median passed, p99 failed, errors passed: 25 + 50");
    }

    private Decision canaryVerdict(final double factor)
    {
        return canaryVerdict(factor, 0);
    }

    /**
     * An update held after its canary stage, both instances answering the same traffic (a request each every
     * 50 ms, 100-120 us), the new one's latency {@code factor} times the old's and one request in
     * {@code slowEvery} (0: none) 300 us: the verdict a 30 s analysis gives.
     */
    private Decision canaryVerdict(final double factor, final int slowEvery)
    {
        final MonitorService monitor = boot(MonitorConfig.defaults().withHealthCheckNs(S).withCanaryIntervalNs(30 * S));
        final int old = started("netstack-1");
        final int next = started("netstack-2");
        monitor.updateStarted("netstack", old, next);
        monitor.serving("netstack");
        monitor.held("netstack");
        final SplittableRandom random = new SplittableRandom(3);
        for (int request = 1; request < 800; request++)
        {
            final long whenNs = request * 50 * Simulation.MILLIS;
            final long oldNs = 100_000 + random.nextLong(20_000);
            final long newNs = slowEvery > 0 && request % slowEvery == 0 ? 300_000
                : Math.round(factor * (100_000 + random.nextLong(20_000)));
            at(whenNs, () ->
            {
                kernel.sandboxes().get(old).metrics().served(Status.OK, oldNs, whenNs);
                kernel.sandboxes().get(next).metrics().served(Status.OK, newNs, whenNs);
            });
        }

        kernel.simulation().runUntil(40 * S);

        final List<Decision> verdicts = decisions.stream()
            .filter(decision -> decision.trigger() == Decision.Trigger.CANARY).toList();
        assertEquals(1, verdicts.size(), () -> "decisions=" + decisions);
        assertEquals(30 * S + 2 * MonitorService.READ_WORK_NS, verdicts.get(0).tNs(),
            "judged at the first read done at or after the 30 s interval (two regions read, each charged)");
        return verdicts.get(0);
    }

    @Test
    void shouldBeRestartedByTheBootSupervisor()
    {
        final MonitorService monitor = boot(MonitorConfig.defaults());
        final MonitorService[] restarted = {null};
        monitor.onRestart(next -> restarted[0] = next);
        at(S, () -> kill(monitor.sandboxId()));
        kernel.simulation().runUntil(3 * S);

        assertFalse(monitor.isAlive());
        assertTrue(restarted[0] != null && restarted[0].isAlive());
    }

    @Test
    void shouldRefuseAHealthCheckCadenceOfZero()
    {
        assertThrows(IllegalArgumentException.class, () -> MonitorConfig.defaults().withHealthCheckNs(0));
    }

    private void at(final long atNs, final Runnable action)
    {
        kernel.simulation().scheduleAt(atNs, arg -> action.run(), 0);
    }

    private void kill(final int sandboxId)
    {
        kernel.sandboxes().kill(sandboxId, "crash");
    }

    private long restarts()
    {
        return requests.stream().filter(line -> line.startsWith(ModuleManagerWire.RESTART + ":")).count();
    }

    private MonitorService boot(final MonitorConfig config)
    {
        return MonitorService.boot(kernel, config, holder -> kernel.capabilities().issue(CapabilitySystem.CORE0,
            holder, ObjectKind.SERVICE_ENDPOINT, managerService, Rights.CALL, 0), new MonitorListener()
            {
                @Override
                public void decided(final String service, final Decision decision, final int replyStatus)
                {
                    decisions.add(decision);
                    replies.add(replyStatus);
                }

                @Override
                public void alerted(final String service, final Delivery delivery)
                {
                    alerts.add(delivery);
                }
            });
    }

    private int fakeReply(final int operation)
    {
        final int caller = started("operator");
        final long handle = kernel.capabilities().issue(CapabilitySystem.CORE0, caller, ObjectKind.SERVICE_ENDPOINT,
            managerService, Rights.CALL, 0);
        final org.hicsim.core0.spi.Message reply = new org.hicsim.core0.spi.Message();
        kernel.systemCalls(caller).call(handle, ModuleManagerWire.request(new org.hicsim.core0.spi.Message(),
            operation, "netstack"), reply);
        return reply.status();
    }

    private int fakeModuleManager()
    {
        final int sandbox = started("module-manager");
        final int endpoint = kernel.endpoints().create("module-manager", sandbox, EndpointType.GENERIC, 1024,
            kernel.costs().ipcLatencyNs());
        kernel.endpoints().moveTo(endpoint, EndpointState.ACTIVE);
        kernel.serve(endpoint, (caller, request, reply) ->
        {
            final int op = request.operation();
            requests.add(op + ":" + String.join("\n", ModuleManagerWire.lines(request)));
            final boolean served = op == ModuleManagerWire.ROLLBACK || op == ModuleManagerWire.APPROVE
                || op == ModuleManagerWire.RESTART;
            reply.status(served ? Status.OK : Status.UNKNOWN_OPERATION);
            return Rendezvous.SERVED;
        });
        return kernel.registry().register(ServiceName.of("module-manager", new SemanticVersion(1, 0, 0),
            "control"), endpoint);
    }

    private int started(final String name)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, 64 * 1024, 10));
        kernel.sandboxes().start(id);
        return id;
    }
}
