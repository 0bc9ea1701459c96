package org.hicsim.monitor.service;

import org.hicsim.core0.metrics.MetricsView;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.monitor.Monitor;
import org.hicsim.monitor.matrix.DecisionMatrix;

/**
 * One instance the Monitor reads, through its metrics region mapped read-only into the Monitor's sandbox: each
 * health check turns what changed since the last one into samples of the decision logic, under the instance's
 * role (the decision logic knows roles, not sandboxes: a restarted instance keeps its role, so its crashes count
 * in the same window).
 */
final class WatchedInstance
{
    private final int role;
    private int sandboxId;
    private MetricsView view;
    private long requestsSeen;
    private long errorsSeen;
    private long requestsRead;
    private long errorsRead;
    private double latencyMsRead = Double.NaN;
    private double latencyP99MsRead = Double.NaN;

    WatchedInstance(final int role, final int sandboxId, final MetricsView view)
    {
        this.role = role;
        replace(sandboxId, view);
    }

    int role()
    {
        return role;
    }

    int sandboxId()
    {
        return sandboxId;
    }

    /** The instance was replaced (restarted): its counters start again from the new instance's. */
    void replace(final int newSandboxId, final MetricsView newView)
    {
        sandboxId = newSandboxId;
        view = newView;
        requestsSeen = 0;
        errorsSeen = 0;
    }

    /** The instance is gone for good (its sandbox id now names another): nothing more is read or counted. */
    void forget()
    {
        sandboxId = -1;
        view = null;
    }

    /**
     * Reads the region and feeds the requests and errors since the last read, the median latency in
     * milliseconds (rounded to the microsecond) and the memory in use; nothing once the instance is dead.
     */
    void sample(final Monitor monitor, final long nowNs)
    {
        latencyMsRead = Double.NaN;
        latencyP99MsRead = Double.NaN;
        requestsRead = 0;
        errorsRead = 0;
        if (view == null || !view.refresh() || !view.isAlive())
        {
            return;
        }
        requestsRead = view.requests() - requestsSeen;
        errorsRead = view.errors() - errorsSeen;
        requestsSeen = view.requests();
        errorsSeen = view.errors();
        monitor.sample(DecisionMatrix.REQUESTS, role, nowNs, requestsRead);
        monitor.sample(DecisionMatrix.ERRORS, role, nowNs, errorsRead);
        if (view.latencyCount() > 0)
        {
            latencyMsRead = millisToTheMicrosecond(view.latencyP50Ns());
            latencyP99MsRead = millisToTheMicrosecond(view.latencyP99Ns());
            monitor.sample(DecisionMatrix.LATENCY, role, nowNs, latencyMsRead);
        }
        monitor.sample(DecisionMatrix.MEMORY, role, nowNs, view.memoryInUseBytes());
    }

    /** Whole microseconds (truncated) as milliseconds: what is sampled is the same on every JVM. */
    private static double millisToTheMicrosecond(final long ns)
    {
        return ns / (Simulation.MILLIS / 1000) / 1000.0;
    }

    /** The 99th percentile latency in milliseconds the last read found (to the microsecond), NaN if it found none. */
    double latencyP99MsRead()
    {
        return latencyP99MsRead;
    }

    /** The median latency in milliseconds the last read found, NaN if it found none (no request, or no read). */
    double latencyMsRead()
    {
        return latencyMsRead;
    }

    /** The requests the last read found since the read before (0 if it found none, or read nothing). */
    long requestsRead()
    {
        return requestsRead;
    }

    /** The errors among {@link #requestsRead()}. */
    long errorsRead()
    {
        return errorsRead;
    }
}
