package org.hicsim.monitor.alert;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyAnomalyTest
{
    /** A baseline of mean 10 ms, sigma 1 ms (3-sigma limit 13 ms) at 100 requests/s. */
    private static LatencyAnomaly learned()
    {
        final LatencyAnomaly anomaly = new LatencyAnomaly(4);
        for (final double latency : new double[] {9, 11, 9, 11})
        {
            assertTrue(anomaly.learning());
            anomaly.learn(latency, 100);
        }
        assertFalse(anomaly.learning());
        return anomaly;
    }

    @Test
    void shouldRaiseAboveThreeSigmaAtTheBaselineLoad()
    {
        final LatencyAnomaly anomaly = learned();
        assertNull(anomaly.check(1, 13.3, 100), "13.3 ms lies within 10 + 3 x 1.154701");
        final LatencyAnomaly.Finding finding = anomaly.check(2, 13.5, 100);
        assertNotNull(finding);
        assertEquals("t=2 value=13.500000 mean=10.000000 sigma=1.154701 limit=13.464102 load=100.000000"
            + " baseline_load=100.000000", finding.toLine());
    }

    @Test
    void shouldRaiseOncePerCrossing()
    {
        final LatencyAnomaly anomaly = learned();
        assertNotNull(anomaly.check(1, 20, 100));
        assertNull(anomaly.check(2, 20, 100), "still above: not raised again");
        assertNull(anomaly.check(3, 10, 100));
        assertNotNull(anomaly.check(4, 20, 100), "a new crossing");
    }

    @Test
    void shouldLetTheLimitGrowWithLoadUpToTwiceIt()
    {
        final LatencyAnomaly anomaly = learned();
        assertNull(anomaly.check(1, 20, 300), "at 3 x the load the limit is 2 x 13.464102");
        assertNotNull(anomaly.check(2, 27, 300));
        assertNotNull(learned().check(1, 27, 10_000), "never more lenient than twice the limit");
        assertNotNull(learned().check(1, 13.5, 10), "a lighter load does not tighten it either");
    }

    @Test
    void shouldKeepABandOfTenPercentWhenTheBaselineHasNoSpread()
    {
        final LatencyAnomaly anomaly = new LatencyAnomaly(2);
        anomaly.learn(10, 50);
        anomaly.learn(10, 50);
        assertNull(anomaly.check(1, 10.9, 50));
        assertNotNull(anomaly.check(2, 11.1, 50));
    }

    @Test
    void shouldRefuseToJudgeBeforeTheBaselineAndToLearnAfterIt()
    {
        assertThrows(IllegalStateException.class, () -> new LatencyAnomaly(3).check(1, 10, 10));
        assertThrows(IllegalStateException.class, () -> learned().learn(10, 10));
    }
}
