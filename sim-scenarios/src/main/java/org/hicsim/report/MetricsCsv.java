package org.hicsim.report;

import java.io.IOException;
import java.io.Writer;

import org.hicsim.report.MetricSeries.Metric;

/**
 * {@code metrics.csv}: the time series in tidy form, one row per (time, instance, metric), ordered by time, then
 * instance (in tracking order), then metric. The instance's service, version and sandbox repeat on each row, so
 * a spreadsheet or a data frame can group by them without a join. A value that does not exist has no row.
 * <pre>
 * time_ns,instance,service,version,sandbox,metric,value
 * 10000000000,netstack-1.2.0#4,netstack,1.2.0,4,connections,1000
 * </pre>
 * Whole-number metrics are written as integers, the others with {@link Decimal#SIGNIFICANT_DIGITS} significant
 * digits; labels never hold a comma or quote (module names and versions cannot), so no field is quoted.
 */
public final class MetricsCsv
{
    public static final String HEADER = "time_ns,instance,service,version,sandbox,metric,value";

    private MetricsCsv()
    {
    }

    public static void write(final MetricSeries series, final Writer out) throws IOException
    {
        out.write(HEADER);
        out.write('\n');
        final StringBuilder row = new StringBuilder(96);
        for (int sample = 0; sample < series.sampleCount(); sample++)
        {
            final long timeNs = series.timeNs(sample);
            for (int instance = 0; instance < series.instances().size(); instance++)
            {
                final MetricSeries.Instance info = series.instances().get(instance);
                for (final Metric metric : Metric.values())
                {
                    final double value = series.value(instance, metric, sample);
                    if (Double.isNaN(value))
                    {
                        continue;
                    }
                    row.setLength(0);
                    row.append(timeNs).append(',').append(info.label()).append(',').append(info.service())
                        .append(',').append(info.version()).append(',').append(info.sandboxId()).append(',')
                        .append(metric.key()).append(',');
                    if (metric.isIntegral())
                    {
                        row.append((long)value);
                    }
                    else
                    {
                        row.append(Decimal.format(value));
                    }
                    row.append('\n');
                    out.append(row);
                }
            }
        }
    }
}
