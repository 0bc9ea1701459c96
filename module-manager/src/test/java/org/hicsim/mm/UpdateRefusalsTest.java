package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.audit.AuditRecord;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.host.ServiceInstance;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way an update is refused or cancelled before its point of no return, through the Module Manager's API:
 * each leaves the old instance serving, untouched, and nothing of the new one behind.
 */
class UpdateRefusalsTest
{
    private static final UpdatePolicy QUICK = UpdatePolicy.DEFAULT.toBuilder().stabilityPeriodNs(Simulation.SECONDS)
        .build();

    private final Catalogue catalogue = new Catalogue(7, TraceSink.NONE,
        "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
    private final ServiceInstance old = catalogue.manager.instance("netstack");
    private final List<UpdateReport> done = new ArrayList<>();

    private UpdateReport update(final String stem, final UpdatePolicy policy)
    {
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", stem, policy, done::add);
        catalogue.advanceUntilDone(report, Simulation.HOURS);
        return report;
    }

    private void assertOldUntouched(final UpdateReport report)
    {
        assertTrue(old.isAlive(), report.toString());
        assertEquals(old, catalogue.manager.instance("netstack"));
        assertEquals("1.2.0", catalogue.manager.versions().get("netstack"));
        assertEquals(1, done.size(), "told once");
        assertFalse(catalogue.manager.isUpdating("netstack"));
    }

    @Test
    void shouldRefuseATamperedBundleBeforeAnyInstanceExists()
    {
        final byte[] bundle = catalogue.manager.repository().fetch("netstack-1.3.0");
        bundle[bundle.length / 2] ^= 0x01;
        catalogue.manager.repository().add("netstack-1.3.0-tampered", bundle);
        final int sandboxesBefore = catalogue.kernel.sandboxes().liveCount();

        final UpdateReport report = update("netstack-1.3.0-tampered", QUICK);

        assertEquals(UpdateOutcome.REFUSED, report.outcome());
        assertEquals(Refusal.BUNDLE_REJECTED, report.refusal());
        assertEquals(sandboxesBefore, catalogue.kernel.sandboxes().liveCount());
        assertOldUntouched(report);
    }

    @Test
    void shouldRefuseABundleOfAnotherModule()
    {
        final UpdateReport report = update("firewall-1.0.0", QUICK);

        assertEquals(Refusal.WRONG_MODULE, report.refusal());
        assertOldUntouched(report);
    }

    @Test
    void shouldAbortCleanlyWhenTheVersionsShareNoMigrationProtocol()
    {
        final UpdateReport report = update("netstack-1.3.0-no-common-protocol", QUICK);

        assertEquals(UpdateOutcome.ABORTED, report.outcome());
        assertEquals(Refusal.NO_COMMON_PROTOCOL, report.refusal());
        assertEquals(0, report.migrated());
        assertOldUntouched(report);
    }

    @Test
    void shouldAbortCleanlyWhenTheNewInstanceCrashesOnStart()
    {
        final UpdateReport report = update("netstack-1.3.0-crash-on-start", QUICK);

        assertEquals(UpdateOutcome.ABORTED, report.outcome());
        assertEquals(Refusal.CRASHED_ON_START, report.refusal());
        assertOldUntouched(report);
    }

    @Test
    void shouldAnswerBusyNamingTheUpdateInProgress()
    {
        final UpdateReport first = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", QUICK, done::add);
        final UpdateReport second = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", QUICK, done::add);

        assertEquals(UpdateOutcome.REFUSED, second.outcome());
        assertEquals(Refusal.BUSY, second.refusal());
        assertTrue(second.reason().contains("netstack-1.3.0"), second.reason());
        catalogue.advanceUntilDone(first, Simulation.HOURS);
        assertEquals(UpdateOutcome.COMPLETED, first.outcome(), first.toString());
    }

    @Test
    void shouldRefuseAndAuditACallerWithoutTheUpdateCapability()
    {
        final int stranger = catalogue.sandbox("stranger");

        final UpdateReport report = catalogue.manager.update(stranger, catalogue.updateCapability, "netstack",
            "netstack-1.3.0", QUICK, done::add);
        catalogue.advance(Simulation.SECONDS);

        assertEquals(Refusal.UNAUTHORIZED, report.refusal());
        final AuditRecord refused = catalogue.kernel.audit().records().stream()
            .filter(record -> record.kind().equals("mm.refused")).findFirst().orElseThrow();
        assertEquals(stranger, refused.sandboxId());
        assertOldUntouched(report);
    }

    @Test
    void shouldRefuseADowngradeUnlessThePolicyAllowsIt()
    {
        assertEquals(UpdateOutcome.COMPLETED, update("netstack-1.3.0", QUICK).outcome());
        done.clear();

        final UpdateReport refused = update("netstack-1.2.0", QUICK);
        assertEquals(Refusal.DOWNGRADE, refused.refusal());
        assertEquals("1.3.0", catalogue.manager.versions().get("netstack"));

        final UpdateReport allowed = update("netstack-1.2.0", QUICK.toBuilder().allowDowngrade(true).build());
        assertEquals(UpdateOutcome.COMPLETED, allowed.outcome(), allowed.toString());
        assertEquals("1.2.0", catalogue.manager.versions().get("netstack"));
    }

    @Test
    void shouldRefuseADependencyCycleBeforeAnyInstanceExists()
    {
        final BundleRepository repository = catalogue.manager.repository();
        repository.add("netstack-1.4.0", TestBundles.signed(repository, "netstack-1.3.0",
            TestBundles.netstack("1.4.0", "  eth_driver: \">= 1.3.0\"\n  ipc_lib: \"= 2.0.0\"\n", "\"1.3\", \"1.4\"")));
        repository.add("eth_driver-1.3.0", TestBundles.signed(repository, "eth_driver-1.2.0",
            "name: eth_driver\nversion: 1.3.0\nuuid: 3952b6ce-8129-4dc6-807f-4acaa249ad9b\n"
                + "entry: org.hicsim.services.eth_driver.v1_2_0.EthDriver\n"
                + "dependencies:\n  netstack: \">= 1.0.0\"\n"
                + "resources:\n  memory: 2MiB\n  cpu_quota: 10%\n"
                + "migration:\n  protocols: [\"1.1\", \"1.2\"]\n  state_version: 2\n"));
        final int sandboxesBefore = catalogue.kernel.sandboxes().liveCount();

        final UpdateReport report = update("netstack-1.4.0", QUICK);

        assertEquals(Refusal.DEPENDENCY_CYCLE, report.refusal(), report.toString());
        assertEquals("netstack -> eth_driver -> netstack", report.reason());
        assertEquals(sandboxesBefore, catalogue.kernel.sandboxes().liveCount());
        assertOldUntouched(report);
    }

    @Test
    void shouldRefuseAConstraintNothingInstalledOrInTheRepositorySatisfies()
    {
        final BundleRepository repository = catalogue.manager.repository();
        repository.add("netstack-1.4.0", TestBundles.signed(repository, "netstack-1.3.0",
            TestBundles.netstack("1.4.0", "  eth_driver: \">= 9.0.0\"\n", "\"1.3\", \"1.4\"")));

        final UpdateReport report = update("netstack-1.4.0", QUICK);

        assertEquals(Refusal.UNSATISFIABLE_DEPENDENCY, report.refusal(), report.toString());
        assertOldUntouched(report);
    }

    @Test
    void shouldCancelWhenTheOldInstanceNeverReachesItsConsistencyPoint()
    {
        final Catalogue stalled = new Catalogue(8, TraceSink.NONE,
            "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.3.0-never-quiesces");
        final BundleRepository repository = stalled.manager.repository();
        repository.add("netstack-1.4.0", TestBundles.signed(repository, "netstack-1.3.0",
            TestBundles.netstack("1.4.0", "  eth_driver: \">= 1.2.0\"\n  ipc_lib: \"= 2.0.0\"\n", "\"1.3\", \"1.4\"")));
        final ServiceInstance faulty = stalled.manager.instance("netstack");

        final UpdateReport report = stalled.manager.update(stalled.operator, stalled.updateCapability, "netstack",
            "netstack-1.4.0", QUICK.toBuilder().quiescenceDeadlineNs(5 * Simulation.SECONDS).build(), done::add);
        stalled.advanceUntilDone(report, Simulation.HOURS);

        assertEquals(UpdateOutcome.ABORTED, report.outcome());
        assertEquals(Refusal.QUIESCENCE_TIMEOUT, report.refusal());
        final UpdateReport.PhaseSpan migration = report.phases().get(report.phases().size() - 1);
        assertEquals("migration", migration.name());
        assertTrue(migration.endNs() - migration.startNs() >= 5 * Simulation.SECONDS, migration.toString());
        assertTrue(faulty.isAlive());
        assertEquals(faulty, stalled.manager.instance("netstack"));
        assertNotNull(faulty.metrics());
    }

    @Test
    void shouldNameAnUpdateInProgressNotAMissingServiceWhenAskedAgainWhileTheNewVersionServes()
    {
        final UpdateReport first = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", QUICK.toBuilder().strategy(Strategy.ab(30)).build(), done::add);
        while (first.waves().isEmpty())
        {
            catalogue.advance(Simulation.MILLIS);
        }
        catalogue.kernel.sandboxes().kill(old.sandboxId(), "crash: test");

        final UpdateReport second = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", QUICK, done::add);

        assertEquals(Refusal.BUSY, second.refusal(), second.toString());
        assertTrue(second.reason().startsWith("update of netstack to 1.3.0 in progress"), second.reason());
        assertEquals("1.2.0", second.fromVersion(), "the version the update in progress started from");
    }

    @Test
    void shouldSayTheServiceIsInstalledButNotRunningWhenItsInstanceDied()
    {
        catalogue.kernel.sandboxes().kill(old.sandboxId(), "crash: test");

        final UpdateReport report = update("netstack-1.3.0", QUICK);

        assertEquals(Refusal.UNKNOWN_SERVICE, report.refusal());
        assertEquals("netstack is installed but its instance is not running (crash: test)", report.reason());
    }
}
