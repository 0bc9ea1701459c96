package org.hicsim.monitor;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.monitor.decision.Action;
import org.hicsim.monitor.decision.Decision;
import org.hicsim.monitor.matrix.DecisionMatrix;

/** A Monitor watching instance {@link #NEW} against {@link #OLD}, collecting what it decides. */
final class MonitorHarness
{
    static final int OLD = 1;
    static final int NEW = 2;
    static final long S = Simulation.SECONDS;
    static final long MIN = Simulation.MINUTES;

    final List<Decision> decisions = new ArrayList<>();
    final Monitor monitor;

    MonitorHarness(final MonitorPolicy policy)
    {
        monitor = new Monitor(policy, decisions::add);
    }

    static MonitorHarness serving(final MonitorPolicy policy, final ChangeKind kind)
    {
        final MonitorHarness harness = new MonitorHarness(policy);
        harness.monitor.revision(1, ChangeKind.CODE, OLD, -1, -2 * Simulation.HOURS);
        harness.monitor.revision(2, kind, NEW, OLD, 0);
        harness.monitor.serving(0);
        return harness;
    }

    static MonitorHarness serving()
    {
        return serving(MonitorPolicy.defaults(), ChangeKind.CODE);
    }

    /** One interval's traffic: errors before requests, as the wiring delivers them. */
    void traffic(final long tNs, final double errors, final double requests)
    {
        monitor.sample(DecisionMatrix.ERRORS, NEW, tNs, errors);
        monitor.sample(DecisionMatrix.REQUESTS, NEW, tNs, requests);
    }

    Decision last()
    {
        return decisions.get(decisions.size() - 1);
    }

    List<Decision> acting(final Action action)
    {
        return decisions.stream().filter(d -> d.action() == action).toList();
    }
}
