package org.hicsim.monitor.alert;

import org.hicsim.core0.sim.Simulation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertingTest
{
    private static final long MIN = Simulation.MINUTES;

    private static AlertRouter router()
    {
        return new AlertRouter(5 * MIN, MIN);
    }

    @Test
    void shouldRouteEachPriorityToItsChannel()
    {
        final AlertRouter router = router();
        assertEquals(Priority.Route.PAGE, router.raise(new Alert(0, Priority.P0, "a", "g0", "")).route());
        assertEquals(Priority.Route.EMAIL_AND_CHAT, router.raise(new Alert(0, Priority.P1, "b", "g1", "")).route());
        assertEquals(Priority.Route.EMAIL, router.raise(new Alert(0, Priority.P2, "c", "g2", "")).route());
        assertEquals(Priority.Route.LOG, router.raise(new Alert(0, Priority.P3, "d", "g3", "")).route());
    }

    @Test
    void shouldDeduplicateTheSameKeyWithinItsWindow()
    {
        final AlertRouter router = router();
        router.raise(new Alert(0, Priority.P1, "leak", "g", ""));
        assertEquals(Delivery.Outcome.DEDUPLICATED, router.raise(new Alert(5 * MIN, Priority.P1, "leak", "g", ""))
            .outcome());
        assertEquals(Delivery.Outcome.DELIVERED, router.raise(new Alert(11 * MIN, Priority.P1, "leak", "g", ""))
            .outcome(), "past the window of the last raise");
    }

    @Test
    void shouldMergeRelatedAlertsIntoOneIncidentAndEscalateOnlyWhenMoreUrgent()
    {
        final AlertRouter router = router();
        final Delivery first = router.raise(new Alert(0, Priority.P2, "latency", "update-7", ""));
        final Delivery merged = router.raise(new Alert(30 * Simulation.SECONDS, Priority.P2, "cpu", "update-7", ""));
        assertEquals(Delivery.Outcome.MERGED, merged.outcome());
        assertEquals(first.incident(), merged.incident());
        final Delivery escalated = router.raise(new Alert(MIN, Priority.P0, "crash", "update-7", ""));
        assertEquals(Delivery.Outcome.ESCALATED, escalated.outcome());
        assertEquals(Priority.Route.PAGE, escalated.route());
        assertEquals(first.incident(), escalated.incident());
    }

    @Test
    void shouldSilenceAlertsInAMaintenanceWindowButNeverAPersonsPage()
    {
        final AlertRouter router = router();
        router.maintenance(10 * MIN, 20 * MIN);
        assertEquals(Delivery.Outcome.SILENCED, router.raise(new Alert(10 * MIN, Priority.P1, "a", "g", ""))
            .outcome());
        assertEquals(Delivery.Outcome.DELIVERED, router.raise(new Alert(15 * MIN, Priority.P0, "b", "h", ""))
            .outcome());
        assertEquals(Delivery.Outcome.DELIVERED, router.raise(new Alert(20 * MIN, Priority.P1, "c", "i", ""))
            .outcome(), "the window is [start, end)");
    }

    @Test
    void shouldFlagAValueBeyondThreeSigmaOfTheLearnedBaseline()
    {
        final AnomalyDetector detector = new AnomalyDetector(4);
        for (final double value : new double[] {98, 102, 98, 102})
        {
            assertFalse(detector.observe(value), "learning");
        }
        final double sigma = detector.standardDeviation();
        assertEquals(100, detector.mean(), 1e-12);
        assertFalse(detector.observe(100 + 3 * sigma - 0.01), "within three sigma");
        assertTrue(detector.observe(100 + 3 * sigma + 0.01));
        assertTrue(detector.observe(100 - 3 * sigma - 0.01));
    }

    @Test
    void shouldLoosenTheThresholdWithLoadUpToItsCap()
    {
        final AdaptiveThreshold threshold = new AdaptiveThreshold(200, 1000, 0.5, 2);
        assertEquals(200, threshold.at(800));
        assertEquals(200, threshold.at(1000));
        assertEquals(300, threshold.at(2000));
        assertEquals(400, threshold.at(3000));
        assertEquals(400, threshold.at(9000));
    }

    @Test
    void shouldRefuseAnAdaptiveThresholdThatWouldTighten()
    {
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveThreshold(200, 1000, 0.5, 0.5));
    }
}
