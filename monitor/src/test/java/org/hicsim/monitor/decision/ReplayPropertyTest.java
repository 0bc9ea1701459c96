package org.hicsim.monitor.decision;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.monitor.ChangeKind;
import org.hicsim.monitor.Monitor;
import org.hicsim.monitor.MonitorPolicy;
import org.hicsim.monitor.ProbeOutcome;
import org.hicsim.monitor.matrix.DecisionMatrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every decision, replayed from the text of its explanation records, is decided again the same way. */
class ReplayPropertyTest
{
    private static final int OLD = 1;
    private static final int NEW = 2;

    /** Runs one generated event script: each int picks an event and its values. */
    private static List<Decision> run(final List<Integer> script, final MonitorPolicy policy)
    {
        final List<Decision> decisions = new ArrayList<>();
        final Monitor monitor = new Monitor(policy, decisions::add);
        monitor.revision(1, ChangeKind.CODE, OLD, -1, 0);
        monitor.revision(2, ChangeKind.CODE, NEW, OLD, 0);
        long t = 0;
        for (final int step : script)
        {
            t += (step % 7 + 1) * 10 * Simulation.SECONDS;
            final int value = step / 16;
            switch (step % 16)
            {
                case 0 -> monitor.serving(t);
                case 1 -> monitor.crash(NEW, t);
                case 2, 3, 4 ->
                {
                    monitor.sample(DecisionMatrix.ERRORS, NEW, t, value % 90);
                    monitor.sample(DecisionMatrix.REQUESTS, NEW, t, 1000);
                }
                case 5, 6 ->
                {
                    monitor.sample(DecisionMatrix.LATENCY, OLD, t, 100);
                    monitor.sample(DecisionMatrix.LATENCY, NEW, t, 90 + value % 80);
                }
                case 7 -> monitor.probe("critical", NEW, t, ProbeOutcome.values()[value % 3]);
                case 8 ->
                {
                    monitor.sample(DecisionMatrix.MIGRATED, NEW, t, 70 + value % 31);
                    monitor.sample(DecisionMatrix.MIGRATIONS, NEW, t, 100);
                }
                case 9 -> monitor.sample(DecisionMatrix.MEMORY, NEW, t, value * 4.0 * 1024 * 1024);
                case 10 -> monitor.tick(t);
                case 11 -> monitor.gate(2, t);
                case 12 -> monitor.answer(value % 2 == 0, t);
                case 13 -> monitor.wave(value % 4, t);
                case 14 -> monitor.sample(DecisionMatrix.MIGRATION_FAILED, NEW, t, 1);
                default -> monitor.corruption(NEW, t);
            }
        }
        return decisions;
    }

    @Property(tries = 300)
    void replayingTheRecordsReproducesEveryDecision(@ForAll("scripts") final List<Integer> script)
    {
        for (final MonitorPolicy policy : List.of(MonitorPolicy.defaults(),
            MonitorPolicy.defaults().withConfirmation(MonitorPolicy.CONFIRMATION_TIMEOUT_NS_DEFAULT)))
        {
            for (final Decision decision : run(script, policy))
            {
                if (decision.status() == Decision.Status.REFUSED)
                {
                    assertTrue(decision.explanations().isEmpty(), "a refusal judges nothing");
                    continue;
                }
                Statistics.collect(decision.status(), decision.action());
                final List<String> lines = decision.explanations().stream().map(Explanation::toLine).toList();
                for (int i = 0; i < lines.size(); i++)
                {
                    assertEquals(decision.explanations().get(i), Explanation.parse(lines.get(i)));
                }
                assertEquals(decision.ruleAction(), Replay.decide(lines, decision.trigger() == Decision.Trigger.GATE),
                    decision::toLine);
            }
        }
    }

    @Property(tries = 100)
    void sameEventsGiveTheSameDecisions(@ForAll("scripts") final List<Integer> script)
    {
        final List<String> first = run(script, MonitorPolicy.defaults()).stream().map(Decision::toLine).toList();
        final List<String> second = run(script, MonitorPolicy.defaults()).stream().map(Decision::toLine).toList();
        assertEquals(first, second);
    }

    @Provide
    Arbitrary<List<Integer>> scripts()
    {
        return Arbitraries.integers().between(0, 16 * 200).list().ofMinSize(1).ofMaxSize(300);
    }

    @Test
    void shouldRefuseARecordWhoseHitContradictsItsOperator()
    {
        final String line = "explain kind=RULE rule=r verdict=FAIL value=1.000000 op=> threshold=3.000000"
            + " window=(0,10] n=1 weight=- contribution=- hit=true critical=false dry_run=false nodata=INCONCLUSIVE"
            + " action=ROLLBACK_FULL";
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> Replay.decide(List.of(line), false));
        assertTrue(refused.getMessage().contains("rule=r"));
    }
}
