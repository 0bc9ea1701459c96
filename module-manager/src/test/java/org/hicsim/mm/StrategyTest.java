package org.hicsim.mm;

import java.util.List;

import org.hicsim.core0.dispatch.NewConnectionRule;
import org.hicsim.core0.dispatch.RoutingDimension;
import org.hicsim.core0.spi.ConnectionClass;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategyTest
{
    private static final int OLD = 3;
    private static final int NEW = 4;

    private static List<Stage> stages(final Strategy strategy)
    {
        return strategy.stages(OLD, NEW, UpdatePolicy.DEFAULT);
    }

    @Test
    void shouldRollInTheDocumentsFourWavesByClass()
    {
        final List<Stage> stages = stages(Strategy.rolling());

        assertEquals(List.of("warm-up", "stable", "critical", "final"), stages.stream().map(Stage::name).toList());
        assertTrue(stages.get(0).selects(ConnectionClass.IDLE, 1, 1));
        assertTrue(stages.get(0).selects(ConnectionClass.LOW, 1, 1));
        assertFalse(stages.get(0).selects(ConnectionClass.MEDIUM, 1, 1));
        assertTrue(stages.get(3).selects(ConnectionClass.PERSISTENT, 1, 1));
        assertEquals(Stage.AFTER_EACH_CONNECTION, stages.get(3).healthCheckIntervalNs());
        assertEquals(UpdatePolicy.DEFAULT.criticalHealthCheckIntervalNs(), stages.get(2).healthCheckIntervalNs());
        assertEquals(NEW, stages.get(0).newConnections().route(1, 1));
    }

    @Test
    void shouldMoveAGrowingShareOfTheSameKeysInGradualStages()
    {
        final List<Stage> stages = stages(Strategy.gradual(10, 50, 100));

        for (long key = 0; key < 1_000; key++)
        {
            if (stages.get(0).selects(ConnectionClass.MEDIUM, key, key))
            {
                assertTrue(stages.get(1).selects(ConnectionClass.MEDIUM, key, key), "key=" + key);
            }
            assertTrue(stages.get(2).selects(ConnectionClass.MEDIUM, key, key));
        }
        final long inFirst = java.util.stream.LongStream.range(0, 10_000)
            .filter(key -> stages.get(0).selects(ConnectionClass.HIGH, key, key)).count();
        assertEquals(1_000, inFirst, 120);
    }

    @Test
    void shouldMoveOnlyTheChosenUsersInTheCanaryStageAndWaitForApproval()
    {
        final List<Stage> stages = stages(Strategy.canary(RoutingDimension.USER, 7, 9));

        assertTrue(stages.get(0).selects(ConnectionClass.HIGH, 7, 100));
        assertFalse(stages.get(0).selects(ConnectionClass.HIGH, 8, 7));
        assertTrue(stages.get(0).waitsForApproval());
        assertEquals(NEW, stages.get(0).newConnections().route(9, 0));
        assertEquals(OLD, stages.get(0).newConnections().route(8, 0));
        assertTrue(stages.get(1).selects(ConnectionClass.HIGH, 8, 8));
    }

    @Test
    void shouldSplitNewConnectionsByTheSameShareInAnABTest()
    {
        final Stage ab = stages(Strategy.ab(30)).get(0);

        final long onNew = java.util.stream.LongStream.range(0, 10_000)
            .filter(key -> ab.newConnections().route(key, key) == NEW).count();
        assertEquals(3_000, onNew, 200);
        for (long key = 0; key < 1_000; key++)
        {
            assertEquals(ab.selects(ConnectionClass.LOW, key, key), ab.newConnections().route(key, key) == NEW);
        }
        assertTrue(ab.waitsForApproval());
    }

    @Test
    void shouldParseEveryStrategyByItsScenarioName()
    {
        for (final Strategy.Kind kind : Strategy.Kind.values())
        {
            assertEquals(kind, Strategy.parse(kind.key()).kind());
        }
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> Strategy.parse("big-bang"));
        assertTrue(refused.getMessage().contains("blue-green"));
    }

    @Test
    void shouldMoveEverythingAtOnceImmediately()
    {
        final List<Stage> stages = stages(Strategy.immediate());

        assertEquals(1, stages.size());
        for (final ConnectionClass connectionClass : ConnectionClass.values())
        {
            assertTrue(stages.get(0).selects(connectionClass, 12345, 6789));
        }
        assertEquals(NewConnectionRule.all(NEW), stages.get(0).newConnections());
    }
}
