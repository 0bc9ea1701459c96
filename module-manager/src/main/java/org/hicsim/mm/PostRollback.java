package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.dispatch.ServiceConnections;
import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.ServiceInstance;

/**
 * HIC 4.3 step 5.4 once a rollback of an update in progress is over: the post-rollback validation (every
 * connection on the old instance, the counts equal, the old instance healthy), the root-cause report judged from
 * the evidence, and the failed bundle marked problematic by digest when the report blames it. Each result is
 * traced, audited and put in the update's report.
 */
final class PostRollback
{
    /**
     * The validation's figures.
     *
     * @param open        the service's connections open in the dispatch table.
     * @param onOld       those the old instance owns.
     * @param oldHealthy  the old instance answered its health probe and is not unhealthy.
     */
    record Validation(int open, int onOld, boolean oldHealthy)
    {
        boolean passed()
        {
            return open == onOld && oldHealthy;
        }
    }

    private PostRollback()
    {
    }

    static void run(final ModuleManager manager, final String service, final ServiceInstance oldInstance,
        final ServiceInstance newInstance, final UpdateReport report, final long updateStartNs)
    {
        final Kernel kernel = manager.kernel();
        final Validation validation = validate(kernel, oldInstance);
        report.validation(validation.passed());
        kernel.simulation().trace().record("mm.rollback.validated", "service=" + service + " open="
            + validation.open() + " onOld=" + validation.onOld() + " oldHealthy=" + validation.oldHealthy()
            + " passed=" + validation.passed());
        final RootCause cause = judge(manager, service, newInstance, report, updateStartNs);
        report.rootCause(cause);
        kernel.simulation().trace().record("mm.root-cause", "service=" + service + " category="
            + cause.category().key() + " evidence=" + String.join(";", cause.evidence()).replace(' ', '_'));
        kernel.audit().record("mm.root-cause", manager.sandboxId(), "service=" + service + " category="
            + cause.category().key());
        if (cause.blamesBundle() && !report.toDigest().isEmpty())
        {
            manager.markProblematic(report.toDigest(), service + " " + report.toVersion() + " rolled back: "
                + cause.category().key());
        }
    }

    private static Validation validate(final Kernel kernel, final ServiceInstance oldInstance)
    {
        final ServiceConnections table = kernel.dispatcher().connections(oldInstance.serviceId());
        final int open = table == null ? 0 : table.openCount();
        final int onOld = table == null ? 0 : table.ownedBy(oldInstance.endpointId());
        final HealthReport health = new HealthReport();
        final boolean healthy = oldInstance.isAlive() && oldInstance.probe(health) == Status.OK
            && health.health() != Health.UNHEALTHY;
        return new Validation(open, onOld, healthy);
    }

    /**
     * The category, from the strongest evidence down: a configuration change during the update, then a resource
     * sign (memory growth, a quota or memory in the crash record, the reason), then a dependency's failure, and a
     * code defect otherwise.
     */
    static RootCause judge(final ModuleManager manager, final String service, final ServiceInstance newInstance,
        final UpdateReport report, final long updateStartNs)
    {
        final List<String> evidence = new ArrayList<>();
        final String reason = report.reason();
        evidence.add("reason=" + reason);
        final String crash = newInstance == null || newInstance.isAlive() ? "" : newInstance.terminationReason();
        evidence.add("crash=" + (crash == null ? "" : crash));
        evidence.add("error_rate=" + Math.round(report.errorRate() * 10_000) / 10_000.0);
        evidence.add("latency_p99_ns before=" + report.latencyBefore().p99Ns() + " during="
            + report.latencyDuring().p99Ns());
        evidence.add("leak_growth_bytes=" + report.leakGrowthBytes());
        final long configChanges = manager.configurationChangesSince(service, updateStartNs);
        evidence.add("configuration_changes=" + configChanges);
        final String failedDependency = manager.failedDependency(service);
        evidence.add("failed_dependency=" + failedDependency);
        final String text = (reason + " " + crash).toLowerCase(Locale.ROOT);
        final RootCause.Category category;
        if (configChanges > 0)
        {
            category = RootCause.Category.CONFIGURATION;
        }
        else if (report.leakGrowthBytes() > 0 || text.contains("memory") || text.contains("quota")
            || text.contains("leak"))
        {
            category = RootCause.Category.RESOURCE;
        }
        else if (!failedDependency.isEmpty() || text.contains("dependency"))
        {
            category = RootCause.Category.EXTERNAL_DEPENDENCY;
        }
        else
        {
            category = RootCause.Category.CODE_DEFECT;
        }
        return new RootCause(category, evidence);
    }
}
