package org.hicsim.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.report.MetricSeries.Metric;
import org.hicsim.report.RunRecord.Alert;
import org.hicsim.report.RunRecord.Connections;
import org.hicsim.report.RunRecord.Decision;
import org.hicsim.report.RunRecord.Expectation;
import org.hicsim.report.RunRecord.Explanation;
import org.hicsim.report.RunRecord.LatencyNs;
import org.hicsim.report.RunRecord.Percentiles;
import org.hicsim.report.RunRecord.Phase;
import org.hicsim.report.RunRecord.Provenance;
import org.hicsim.report.RunRecord.Rollback;
import org.hicsim.report.RunRecord.Update;
import org.hicsim.report.RunRecord.Wave;

/**
 * A hand-made run, so the outputs are tested without the runner: eth_driver updated first (dependency order),
 * then netstack's rolling update of 1,000 connections in four waves, then a web_server update that is rolled back
 * automatically, with one alert; and its time series, made from the same timeline, with the flows a trace of it
 * would show. Every figure is fixed: the same fixture always gives the same files.
 */
final class RunFixture
{
    static final String SCENARIO = "netstack-rolling-update";
    static final long SEED = 42;
    /** How the fixture run was started: a scenario file whose path a shell must have quoted. */
    static final String REPLAY = ReplayCommand.of("./hic", "my runs/netstack-rolling-update.yaml", SEED);
    static final String TRACE_SHA256 = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd";
    static final long RUN_NS = 120 * Simulation.SECONDS;
    static final long SAMPLE_NS = 200 * Simulation.MILLIS;
    static final int NETSTACK_CONNECTIONS = 1000;

    static final int NETSTACK_SERVICE = 2;
    static final int NETSTACK_OLD_ENDPOINT = 5;
    static final int NETSTACK_NEW_ENDPOINT = 11;

    private static final long S = Simulation.SECONDS;
    /** Of the memory each sandbox is given, what it leaves unwritten: less than the smallest sandbox's. */
    private static final long UNUSED_BYTES = 3L << 20;
    private static final long MS = Simulation.MILLIS;

    /** netstack's waves: name, end, cumulative share of connections moved. */
    private static final String[] WAVE_NAMES = {"idle-low", "medium", "high", "persistent"};
    private static final long[] WAVE_ENDS_NS = {11_200 * MS, 12_100 * MS, 13_000 * MS, 13_800 * MS};
    private static final double[] WAVE_FRACTIONS = {0.3, 0.6, 0.9, 1.0};
    private static final double[] WAVE_TRAFFIC_NEW = {0.285, 0.5875, 0.8925, 1.0};

    private RunFixture()
    {
    }

    static RunRecord record()
    {
        return record(List.of(
            new Expectation("outcome.netstack", "completed", "completed", true),
            new Expectation("outcome.web_server", "rolled_back", "rolled_back", true),
            new Expectation("final_version.netstack", "1.3.0", "1.3.0", true),
            new Expectation("lost_connections", "0", "0", true),
            new Expectation("max_error_rate", "<= 0.1%", "0.042%", true),
            new Expectation("rollbacks", "1", "1", true)));
    }

    /** The same run judged against expectations two of which fail. */
    static RunRecord failingRecord()
    {
        return record(List.of(
            new Expectation("outcome.netstack", "completed", "completed", true),
            new Expectation("lost_connections", "0", "0", true),
            new Expectation("max_error_rate", "<= 0.01%", "0.042%", false),
            new Expectation("rollbacks", "0", "1", false)));
    }

    private static RunRecord record(final List<Expectation> expectations)
    {
        final Map<String, String> versions = new TreeMap<>(Map.of(
            "netstack", "1.3.0", "eth_driver", "1.2.0", "ipc_lib", "2.0.0", "web_server", "1.0.0"));
        final Map<String, String> digests = new TreeMap<>(Map.of(
            "eth_driver-1.1.0", "1e0a6b2c".repeat(12),
            "eth_driver-1.2.0", "2e0a6b2c".repeat(12),
            "netstack-1.2.0", "3e0a6b2c".repeat(12),
            "netstack-1.3.0", "4e0a6b2c".repeat(12),
            "web_server-1.0.0", "5e0a6b2c".repeat(12),
            "web_server-1.1.0", "6e0a6b2c".repeat(12)));
        return new RunRecord(SCENARIO, SEED, expectations.stream().allMatch(Expectation::passed), TRACE_SHA256,
            expectations, versions,
            new Provenance("0.1.0-SNAPSHOT", "3159450017937b9b53d474c8cf310056868180ff", digests,
                "17.0.15 (Debian OpenJDK 64-Bit Server VM)"),
            List.of(ethDriverUpdate(), netstackUpdate(), webServerUpdate()),
            List.of(new Rollback("web_server", "automatic", "error rate 2.4% above the 1% threshold for 5s",
                86 * S, 0)),
            List.of(new Alert("P1", 85_500 * MS, "web_server 1.1.0 error rate 2.4% > 1% <threshold>")),
            List.of(webServerAlertDecision(), webServerRollbackDecision()));
    }

    /** The Monitor's alert on web_server's latency, half a second before its rollback. */
    private static Decision webServerAlertDecision()
    {
        return new Decision("web_server", 1, 85_500 * MS, "event", "latency-up-30pct-15m", "prepare_rollback",
            "prepare_rollback", "act", "P1", null, 115_500 * MS, List.of(
                new Explanation("rule", "latency-up-30pct-15m", "fail", micros(412_000), ">", micros(300_000),
                    -814_500 * MS, 85_500 * MS, 17, null, null, true, false, false, "inconclusive",
                    "prepare_rollback", 85_500 * MS)));
    }

    /** The Monitor's rollback of web_server: three crashes in five minutes, the confidence score below it. */
    private static Decision webServerRollbackDecision()
    {
        return new Decision("web_server", 2, 86 * S, "tick", "crashes-3-in-5m", "rollback_full", "rollback_full",
            "act", "P0", null, 96 * S, List.of(
                new Explanation("rule", "crashes-3-in-5m", "fail", micros(3_000_000), ">=", micros(3_000_000),
                    -214 * S, 86 * S, 3, null, null, true, true, false, "inconclusive", "rollback_full",
                    86 * S),
                new Explanation("rule", "error-rate-over-5pct-10m", "pass", micros(24_000), ">", micros(50_000),
                    -514 * S, 86 * S, 17, null, null, false, true, false, "inconclusive", "rollback_full",
                    null),
                new Explanation("component", "error-rate", "pass", micros(24_000), ">", micros(50_000), -514 * S,
                    86 * S, 17, micros(350_000), micros(122_500), false, false, false, "ignore", "none", null),
                new Explanation("component", "crashes", "fail", micros(3_000_000), ">=", micros(3_000_000), -214 * S,
                    86 * S, 3, micros(250_000), micros(250_000), false, false, false, "ignore", "none", null),
                new Explanation("score", "confidence", "pass", micros(372_500), ">", micros(800_000), 86 * S, 86 * S,
                    2, micros(1_000_000), micros(372_500), false, false, false, "ignore", "rollback_full",
                    null)));
    }

    private static BigDecimal micros(final long micros)
    {
        return BigDecimal.valueOf(micros, 6);
    }

    private static Update ethDriverUpdate()
    {
        return new Update("eth_driver", "1.1.0", "1.2.0", "completed",
            List.of(new Phase("preparation", 2 * S, 2_040 * MS), new Phase("new-instance", 2_040 * MS, 2_300 * MS),
                new Phase("migration", 2_300 * MS, 2_700 * MS), new Phase("validation", 2_700 * MS, 3_500 * MS),
                new Phase("stability", 3_500 * MS, 8 * S)),
            List.of(new Wave("all", 4, 1.0, 2_700 * MS, 1.0)),
            new Connections(4, 4, 0, 0, 0), 180_000, 35_000, 1_200, 0, latency(310_000, 720_000, 900_000), null);
    }

    private static Update netstackUpdate()
    {
        final Wave[] waves = new Wave[WAVE_NAMES.length];
        for (int i = 0; i < waves.length; i++)
        {
            waves[i] = new Wave(WAVE_NAMES[i], Math.round(WAVE_FRACTIONS[i] * NETSTACK_CONNECTIONS),
                WAVE_FRACTIONS[i], WAVE_ENDS_NS[i], WAVE_TRAFFIC_NEW[i]);
        }
        return new Update("netstack", "1.2.0", "1.3.0", "completed",
            List.of(new Phase("preparation", 10 * S, 10_050 * MS),
                new Phase("new-instance", 10_050 * MS, 10_400 * MS),
                new Phase("migration", 10_400 * MS, 13_800 * MS), new Phase("validation", 13_800 * MS, 15 * S),
                new Phase("stability", 15 * S, 75 * S)),
            List.of(waves), new Connections(NETSTACK_CONNECTIONS, NETSTACK_CONNECTIONS, 0, 0, 0), 2_400_000, 41_000,
            238_095, 0.00042, latency(1_150_000, 1_480_000, 1_120_000), null);
    }

    private static Update webServerUpdate()
    {
        return new Update("web_server", "1.0.0", "1.1.0", "rolled_back",
            List.of(new Phase("preparation", 80 * S, 80_030 * MS), new Phase("new-instance", 80_030 * MS, 80_300 * MS),
                new Phase("migration", 80_300 * MS, 82 * S), new Phase("validation", 82 * S, 84 * S),
                new Phase("stability", 84 * S, 86 * S), new Phase("rollback", 86 * S, 87_500 * MS)),
            List.of(new Wave("share-10", 30, 0.1, 80_900 * MS, 0.097), new Wave("all", 300, 1.0, 82 * S, 0.71)),
            new Connections(300, 300, 0, 300, 0), 3_100_000, 52_000, 12_500, 0.0164,
            latency(2_050_000, 2_900_000, 2_060_000), "automatic rollback: error rate");
    }

    private static LatencyNs latency(final long p50Before, final long p50During, final long p50After)
    {
        return new LatencyNs(new Percentiles(p50Before, p50Before * 4), new Percentiles(p50During, p50During * 5),
            new Percentiles(p50After, p50After * 4));
    }

    /** Six sandboxes over the run, sampled every 200 ms. */
    static MetricSeries series()
    {
        final MetricSeries series = new MetricSeries();
        final Instance[] instances = {
            new Instance("module-manager#1", "module-manager", "", 1, 0, 0, 0, -1),
            new Instance("eth_driver-1.1.0#2", "eth_driver", "1.1.0", 2, 1, 3, 0, 8 * S),
            new Instance("netstack-1.2.0#3", "netstack", "1.2.0", 3, NETSTACK_SERVICE, NETSTACK_OLD_ENDPOINT, 0,
                75 * S),
            new Instance("web_server-1.0.0#4", "web_server", "1.0.0", 4, 3, 7, 0, -1),
            new Instance("eth_driver-1.2.0#6", "eth_driver", "1.2.0", 6, 1, 9, 2_040 * MS, -1),
            new Instance("netstack-1.3.0#7", "netstack", "1.3.0", 7, NETSTACK_SERVICE, NETSTACK_NEW_ENDPOINT,
                10_050 * MS, -1),
            new Instance("web_server-1.1.0#8", "web_server", "1.1.0", 8, 3, 13, 80_030 * MS, 87_500 * MS),
        };
        final double[] requests = new double[instances.length];
        final double[] errors = new double[instances.length];
        for (long t = SAMPLE_NS; t <= RUN_NS; t += SAMPLE_NS)
        {
            for (int i = 0; i < instances.length; i++)
            {
                if (instances[i].createdNs < t && instances[i].index < 0)
                {
                    instances[i].index = series.add(instances[i].info());
                }
            }
            series.beginSample(t);
            for (int i = 0; i < instances.length; i++)
            {
                final Instance instance = instances[i];
                if (instance.index < 0 || instance.stopped)
                {
                    continue;
                }
                final boolean dead = instance.diedNs >= 0 && t >= instance.diedNs;
                final double share = dead ? 0 : trafficShare(instance, t);
                final double interval = instance.serviceId == 0 ? 0 : 40 * share;
                final double errorRate = instance.label.startsWith("web_server-1.1.0") ? 0.024 : 0.0004;
                requests[i] += interval;
                errors[i] += Math.floor(interval * errorRate * 10) / 10;
                series.set(instance.index, Metric.MEMORY_BYTES, dead ? 0 : memory(instance, t));
                series.set(instance.index, Metric.MEMORY_IN_USE_BYTES, dead ? 0 : memory(instance, t) - UNUSED_BYTES);
                series.set(instance.index, Metric.CPU_SHARE, dead ? 0 : 0.02 + 0.3 * share);
                if (instance.serviceId > 0)
                {
                    series.set(instance.index, Metric.REQUESTS, Math.floor(requests[i]));
                    series.set(instance.index, Metric.ERRORS, Math.floor(errors[i]));
                    series.set(instance.index, Metric.CONNECTIONS, dead ? 0 : connections(instance, t));
                    if (interval > 0)
                    {
                        final long p50 = 1_000_000 + (long)(200_000 * Math.sin(t / (double)S));
                        series.set(instance.index, Metric.TRAFFIC_SHARE, share);
                        series.set(instance.index, Metric.ERROR_RATE, errorRate);
                        series.set(instance.index, Metric.LATENCY_P50_NS, p50);
                        series.set(instance.index, Metric.LATENCY_P99_NS, p50 * 4 + (t % (7 * S)) / 10_000);
                    }
                }
                if (dead)
                {
                    series.died(instance.index, t);
                    instance.stopped = true;
                }
            }
        }
        return series;
    }

    /** The trace lines of netstack's migration and its endpoint switch, for {@link ControlFlows}. */
    static ControlFlows flows()
    {
        final ControlFlows flows = new ControlFlows();
        flows.accept("t=0 kernel.boot memoryBytes=1073741824 frames=262144 sandboxesMax=4096");
        for (int c = 0; c < NETSTACK_CONNECTIONS; c++)
        {
            final long at = 10_400 * MS + (long)c * 3_400 * MS / NETSTACK_CONNECTIONS;
            flows.accept("t=" + at + " dispatch.assign service=" + NETSTACK_SERVICE + " connection="
                + Long.toHexString(0x1_0000_0000L + c) + " from=" + NETSTACK_OLD_ENDPOINT + " to="
                + NETSTACK_NEW_ENDPOINT);
        }
        flows.accept("t=" + 13_790 * MS + " registry.switch service=netstack/tcp from=1.2.0 to=1.3.0 fromEndpoint="
            + NETSTACK_OLD_ENDPOINT + " toEndpoint=" + NETSTACK_NEW_ENDPOINT);
        return flows;
    }

    private static double trafficShare(final Instance instance, final long t)
    {
        return switch (instance.service)
        {
            case "netstack" -> netstackNewShare(t, instance.version.equals("1.3.0"));
            case "eth_driver" -> t < 2_700 * MS == instance.version.equals("1.1.0") ? 1 : 0;
            case "web_server" -> webServerNewShare(t, instance.version.equals("1.1.0"));
            default -> 0;
        };
    }

    private static double netstackNewShare(final long t, final boolean isNew)
    {
        final double moved = movedFraction(t, 10_400 * MS, 13_800 * MS);
        return isNew ? moved : 1 - moved;
    }

    private static double webServerNewShare(final long t, final boolean isNew)
    {
        final double moved = t >= 86 * S ? 0 : movedFraction(t, 80_300 * MS, 82 * S) * 0.71;
        return isNew ? moved : 1 - moved;
    }

    private static double movedFraction(final long t, final long fromNs, final long toNs)
    {
        return t <= fromNs ? 0 : t >= toNs ? 1 : (double)(t - fromNs) / (toNs - fromNs);
    }

    private static double connections(final Instance instance, final long t)
    {
        final double share = trafficShare(instance, t);
        final int total = switch (instance.service)
        {
            case "netstack" -> NETSTACK_CONNECTIONS;
            case "web_server" -> 300;
            default -> 4;
        };
        return Math.round(share * total);
    }

    private static double memory(final Instance instance, final long t)
    {
        final long base = switch (instance.service)
        {
            case "netstack" -> 64L << 20;
            case "web_server" -> 48L << 20;
            case "eth_driver" -> 16L << 20;
            default -> 4L << 20;
        };
        return base + (long)(connections(instance, t) * 16 * 1024);
    }

    /** One sandbox of the fixture and when it lived. */
    private static final class Instance
    {
        private final String label;
        private final String service;
        private final String version;
        private final int sandboxId;
        private final int serviceId;
        private final int endpointId;
        private final long createdNs;
        private final long diedNs;
        private int index = -1;
        private boolean stopped;

        Instance(final String label, final String service, final String version, final int sandboxId,
            final int serviceId, final int endpointId, final long createdNs, final long diedNs)
        {
            this.label = label;
            this.service = service;
            this.version = version;
            this.sandboxId = sandboxId;
            this.serviceId = serviceId;
            this.endpointId = endpointId;
            this.createdNs = createdNs;
            this.diedNs = diedNs;
        }

        MetricSeries.Instance info()
        {
            return new MetricSeries.Instance(label, service, version, sandboxId, serviceId, endpointId, createdNs);
        }
    }
}
