package org.hicsim.run;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.hicsim.core0.workload.RequestShaper;
import org.hicsim.core0.workload.Workload;
import org.hicsim.services.counter.CounterWorkload;

/**
 * The client workloads of a run, one per service the scenario's workload addresses ({@code workload.services}, or
 * the one service the runner picks), each from a client sandbox of its own, and what the clients saw counted over
 * all of them: a run's error rate, latency and lost connections are the clients', whichever service answered.
 */
final class ClientWorkloads
{
    private final List<Workload> workloads = new ArrayList<>();
    private final List<RequestShaper> shapers = new ArrayList<>();

    /** A service's workload and the requests it shapes; a null workload (nothing to send) sends nothing. */
    void add(final RequestShaper shaper, final Workload workload)
    {
        shapers.add(shaper);
        if (workload != null)
        {
            workloads.add(workload);
        }
    }

    void start()
    {
        workloads.forEach(Workload::start);
    }

    void stop()
    {
        workloads.forEach(Workload::stop);
    }

    long answered()
    {
        return workloads.stream().mapToLong(Workload::answered).sum();
    }

    long errors()
    {
        return workloads.stream().mapToLong(Workload::errors).sum();
    }

    long lost()
    {
        return workloads.stream().mapToLong(Workload::lost).sum();
    }

    /** Every reply's latency: the one workload's own histogram, or the sum of them all; null without a workload. */
    Histogram latency()
    {
        if (workloads.size() <= 1)
        {
            return workloads.isEmpty() ? null : workloads.get(0).latency();
        }
        final Histogram all = workloads.get(0).latency().copy();
        for (int i = 1; i < workloads.size(); i++)
        {
            all.add(workloads.get(i).latency());
        }
        return all;
    }

    /** Writes the services' state lost, summed over the workloads that check their replies; null if none does. */
    Long lostWrites()
    {
        Long lost = null;
        for (final RequestShaper shaper : shapers)
        {
            if (shaper instanceof CounterWorkload counter)
            {
                lost = (lost == null ? 0 : lost) + counter.lostWrites();
            }
        }
        return lost;
    }
}
