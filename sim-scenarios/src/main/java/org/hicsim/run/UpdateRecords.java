package org.hicsim.run;

import org.hicsim.mm.UpdateReport;
import org.hicsim.report.RunRecord;

/**
 * An update's report as {@code result.json} holds it.
 */
final class UpdateRecords
{
    private UpdateRecords()
    {
    }

    static RunRecord.Update of(final UpdateReport report)
    {
        return new RunRecord.Update(
            report.service(),
            report.fromVersion(),
            report.toVersion(),
            report.outcome().key(),
            report.phases().stream()
                .map(phase -> new RunRecord.Phase(phase.name(), phase.startNs(), phase.endNs())).toList(),
            report.waves().stream().map(wave -> new RunRecord.Wave(wave.name(), wave.cumulativeMigrated(),
                wave.cumulativeFraction(), wave.endNs(), wave.trafficNewFraction())).toList(),
            new RunRecord.Connections(report.connectionsTotal(), report.migrated(), report.failed(), report.rebuilt(),
                report.lost()),
            report.downtimeNs(),
            report.switchoverNs(),
            report.requestsDuring(),
            report.errorRate(),
            new RunRecord.LatencyNs(percentiles(report.latencyBefore()), percentiles(report.latencyDuring()),
                percentiles(report.latencyAfter())),
            report.refusal() == null ? null : report.refusal() + (report.reason().isEmpty() ? "" : ": "
                + report.reason()));
    }

    private static RunRecord.Percentiles percentiles(final UpdateReport.Latency latency)
    {
        return new RunRecord.Percentiles(latency.p50Ns(), latency.p99Ns());
    }
}
