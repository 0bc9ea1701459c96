package org.hicsim.report;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import org.hicsim.report.MetricSeries.Metric;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsCsvTest
{
    private static final MetricSeries SERIES = RunFixture.series();
    private static final List<String> ROWS = rows();

    private static List<String> rows()
    {
        final StringWriter text = new StringWriter();
        try
        {
            MetricsCsv.write(SERIES, text);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        return text.toString().lines().toList();
    }

    @Test
    void shouldHaveOneRowPerTimeInstanceAndMetricWithAValue()
    {
        assertEquals(MetricsCsv.HEADER, ROWS.get(0));
        int expected = 0;
        for (int sample = 0; sample < SERIES.sampleCount(); sample++)
        {
            for (int i = 0; i < SERIES.instances().size(); i++)
            {
                for (final Metric metric : Metric.values())
                {
                    expected += Double.isNaN(SERIES.value(i, metric, sample)) ? 0 : 1;
                }
            }
        }
        assertEquals(expected, ROWS.size() - 1);
        assertTrue(ROWS.stream().allMatch(row -> row.split(",", -1).length == 7), "seven fields in every row");
        assertFalse(ROWS.stream().anyMatch(row -> row.contains("NaN") || row.contains("E")), "no NaN, no exponent");
    }

    @Test
    void shouldOrderRowsByTimeThenInstanceThenMetric()
    {
        long previousTime = -1;
        for (final String row : ROWS.subList(1, ROWS.size()))
        {
            final long time = Long.parseLong(row.substring(0, row.indexOf(',')));
            assertTrue(time >= previousTime, row);
            previousTime = time;
        }
        assertTrue(ROWS.get(1).startsWith(SERIES.timeNs(0) + ",module-manager#1,module-manager,,1,memory_bytes,"),
            ROWS.get(1));
    }

    @Test
    void shouldWriteWholeNumbersAsIntegersAndSharesAsDecimals()
    {
        final String netstackOld = SERIES.timeNs(0) + ",netstack-1.2.0#3,netstack,1.2.0,3,";
        assertTrue(ROWS.contains(netstackOld + "connections,1000"), "connections");
        assertTrue(ROWS.contains(netstackOld + "traffic_share,1"), "a share of 1");
        assertTrue(ROWS.contains(netstackOld + "error_rate,0.0004"), "an error rate");
        assertTrue(ROWS.contains(netstackOld + "memory_bytes," + (64L * 1024 * 1024 + 1000 * 16 * 1024)), "memory");
    }

    @Test
    void shouldRefuseALabelThatWouldNeedQuoting()
    {
        assertThrows(IllegalArgumentException.class, () -> new MetricSeries.Instance("a,b", "s", "1.0.0", 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new MetricSeries.Instance("a", "s\"", "1.0.0", 1, 0, 0, 0));
    }
}
