package org.hicsim.monitor;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.monitor.alert.AlertRouter;
import org.hicsim.monitor.alert.Delivery;
import org.hicsim.monitor.alert.Priority;
import org.hicsim.monitor.decision.Decision;
import org.hicsim.monitor.matrix.DecisionMatrix;
import org.junit.jupiter.api.Test;

import static org.hicsim.monitor.MonitorHarness.MIN;
import static org.hicsim.monitor.MonitorHarness.NEW;
import static org.hicsim.monitor.MonitorHarness.OLD;
import static org.hicsim.monitor.MonitorHarness.S;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AlertingSinkTest
{
    @Test
    void shouldPageForARollbackAndMergeTheUpdatesEarlierAlertIntoItsIncident()
    {
        final List<Decision> decisions = new ArrayList<>();
        final List<Delivery> deliveries = new ArrayList<>();
        final Monitor monitor = new Monitor(MonitorPolicy.defaults(),
            new AlertingSink(decisions::add, new AlertRouter(5 * MIN, 10 * MIN), deliveries::add));
        monitor.revision(2, ChangeKind.CODE, NEW, OLD, 0);
        monitor.serving(0);
        monitor.sample(DecisionMatrix.MIGRATION_FAILED, NEW, S, 1);
        monitor.probe("critical", NEW, 2 * S, ProbeOutcome.FAIL);
        assertEquals(2, decisions.size());
        assertEquals(Priority.Route.EMAIL, deliveries.get(0).route(), "level 3 retry: P2");
        assertEquals(Delivery.Outcome.ESCALATED, deliveries.get(1).outcome());
        assertEquals(Priority.Route.PAGE, deliveries.get(1).route());
        assertEquals(deliveries.get(0).incident(), deliveries.get(1).incident());
    }
}
