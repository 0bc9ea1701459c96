package org.hicsim.mm;

import java.util.Map;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.workload.Workload;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.services.netstack.NetstackWorkload;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HIC 4.3 step 5.4 after a rollback: the validation, the root-cause report from the evidence, and the failed
 * bundle marked problematic by digest (refused by later updates unless overridden); and HIC 4.4's configuration
 * rollback to the last known good version, code unchanged.
 */
class AfterRollbackTest
{
    private final Catalogue catalogue = new Catalogue(13, TraceSink.NONE,
        "eth_driver-1.2.0", "ipc_lib-2.0.0", "netstack-1.2.0");
    private final Workload workload = catalogue.workload("netstack",
        WorkloadSpec.of(10, 10, 10, 10, 10, 100).withOpenOver(Simulation.SECONDS), new NetstackWorkload(50));

    private UpdateReport rolledBack(final Runnable duringUpdate)
    {
        workload.start();
        catalogue.advance(3 * Simulation.SECONDS);
        final UpdateReport report = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", UpdatePolicy.DEFAULT, done -> { });
        while (report.migrated() < 10 && report.outcome() == UpdateOutcome.IN_PROGRESS)
        {
            catalogue.advance(Simulation.MILLIS);
        }
        duringUpdate.run();
        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            "health check failed"));
        catalogue.advanceUntilDone(report, Simulation.HOURS);
        assertEquals(UpdateOutcome.ROLLED_BACK, report.outcome(), report.toString());
        return report;
    }

    @Test
    void shouldValidateJudgeACodeDefectAndMarkTheBundleProblematicByDigest()
    {
        final UpdateReport report = rolledBack(() -> { });

        assertEquals(Boolean.TRUE, report.validated());
        assertEquals(RootCause.Category.CODE_DEFECT, report.rootCause().category());
        assertTrue(report.rootCause().evidence().stream().anyMatch(line -> line.startsWith("error_rate=")));
        assertTrue(catalogue.manager.problematicBundles().containsKey(report.toDigest()));

        final UpdateReport again = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", UpdatePolicy.DEFAULT, done -> { });
        catalogue.advanceUntilDone(again, Simulation.MINUTES);
        assertEquals(Refusal.PROBLEMATIC_BUNDLE, again.refusal(), again.toString());

        final UpdateReport overridden = catalogue.manager.update(catalogue.operator, catalogue.updateCapability,
            "netstack", "netstack-1.3.0", UpdatePolicy.DEFAULT.toBuilder().allowProblematic(true)
                .stabilityPeriodNs(Simulation.SECONDS).build(), done -> { });
        catalogue.advanceUntilDone(overridden, Simulation.HOURS);
        assertEquals(UpdateOutcome.COMPLETED, overridden.outcome(), overridden.toString());
    }

    @Test
    void shouldClearAProblematicMarkOnRequest()
    {
        final UpdateReport report = rolledBack(() -> { });

        assertEquals(Refusal.UNAUTHORIZED, catalogue.manager.clearProblematic(catalogue.operator,
            catalogue.manager.grantCallCapability(catalogue.operator), report.toDigest()));
        assertNull(catalogue.manager.clearProblematic(catalogue.operator, catalogue.updateCapability,
            report.toDigest()));
        assertFalse(catalogue.manager.problematicBundles().containsKey(report.toDigest()));
    }

    @Test
    void shouldBlameAConfigurationChangedDuringTheUpdateAndLeaveTheBundleUnmarked()
    {
        final UpdateReport report = rolledBack(() -> assertNull(catalogue.manager.configure(catalogue.operator,
            catalogue.updateCapability, "netstack", Map.of("tuning.window", "64"))));

        assertEquals(RootCause.Category.CONFIGURATION, report.rootCause().category());
        assertTrue(report.rootCause().evidence().contains("configuration_changes=1"));
        assertTrue(catalogue.manager.problematicBundles().isEmpty());
    }

    @Test
    void shouldRollTheConfigurationBackToTheLastKnownGoodVersionWithTheCodeUnchanged()
    {
        final String version = catalogue.manager.instance("netstack").version().toString();
        final Map<String, String> before = catalogue.manager.instance("netstack").configuration().values();
        assertNull(catalogue.manager.configure(catalogue.operator, catalogue.updateCapability, "netstack",
            Map.of("tuning.window", "64")));
        assertEquals("64", catalogue.manager.instance("netstack").configuration().string("tuning.window", ""));

        assertNull(catalogue.manager.rollback(catalogue.operator, catalogue.updateCapability, "netstack",
            RollbackKind.CONFIGURATION, "errors after the configuration change"));

        assertEquals(before, catalogue.manager.instance("netstack").configuration().values());
        assertEquals(version, catalogue.manager.instance("netstack").version().toString());
        assertEquals(3, catalogue.manager.configurationHistory("netstack").size());
        assertEquals(2, catalogue.manager.instance("netstack").configuration().version()
            - catalogue.manager.configurationHistory("netstack").get(0).version());
    }

    @Test
    void shouldRefuseAConfigurationRollbackWithNothingKnownGoodBefore()
    {
        assertEquals(Refusal.NO_GOOD_CONFIGURATION, catalogue.manager.rollback(catalogue.operator,
            catalogue.updateCapability, "netstack", RollbackKind.CONFIGURATION, "nothing to go back to"));
    }
}
