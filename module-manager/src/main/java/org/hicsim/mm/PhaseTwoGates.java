package org.hicsim.mm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.hicmod.Migration;
import org.hicsim.host.ServiceInstance;

/**
 * The gates of HIC step 2.4 that a new instance must pass before anything is committed, each a policy setting
 * with its refusal:
 * <ul>
 *     <li><b>Consistency check</b> ({@code consistencyCheck}): {@code gateRequests} test packets, each sent to the
 *     old and to the new instance; both must answer alike (status, four arguments, payload), else
 *     {@link Refusal#CONSISTENCY_CHECK_FAILED}.</li>
 *     <li><b>Performance baseline</b> ({@code baselineToleranceRatio}, 5%): the new instance's fastest answer to
 *     those packets may be slower than the old one's fastest by at most that share, else
 *     {@link Refusal#BASELINE_REGRESSION}. The fastest, because the old instance also serves its clients, and
 *     queueing behind them says nothing of how fast either processes a packet.</li>
 *     <li><b>Leak check</b> ({@code leakCheckRequests}, {@code leakGrowthBytesMax}): the new instance's memory
 *     (what Core-0 charges its sandbox, and what it reports in use) may grow by at most that much across that
 *     many more test packets, else {@link Refusal#LEAK_SUSPECTED}.</li>
 * </ul>
 * The test packet is the operation both manifests name as {@code migration.probe_loopback}: a request with no
 * connection that changes nothing and that every version answers alike given the same global state. The gates
 * run once the new instance has imported the old one's state (its route table and ARP cache: the warm-up), so
 * that both answer from the same tables. Every packet goes through Core-0's request path, one at a time, served
 * under the instance's CPU quota and timed as a client's would be; its destination and data are drawn from the
 * run's seeded source. Without a loopback probe in both manifests the gates are skipped, and the trace says so.
 */
final class PhaseTwoGates
{
    /** Bytes of a test packet's data: enough that the service's own work shows beside the request's overhead. */
    static final int PACKET_LENGTH = 1024;

    /** What the gates conclude, once. */
    interface Verdict
    {
        void passed();

        void refused(Refusal refusal, String detail);
    }

    private final ModuleManager manager;
    private final UpdatePolicy policy;
    private final ServiceInstance oldInstance;
    private final ServiceInstance newInstance;
    private final SplittableRandom random;
    private final UnaryOperator<Runnable> guard;
    private final UpdateReport report;
    private final List<Message> packets = new ArrayList<>();
    private final HealthReport health = new HealthReport();
    private Verdict verdict;
    private long oldFastestNs = Long.MAX_VALUE;
    private long newFastestNs = Long.MAX_VALUE;
    private long memoryAtStart;

    /**
     * @param guard wraps each continuation so that nothing runs once the update has changed course.
     */
    PhaseTwoGates(final ModuleManager manager, final UpdatePolicy policy, final ServiceInstance oldInstance,
        final ServiceInstance newInstance, final SplittableRandom random, final UnaryOperator<Runnable> guard,
        final UpdateReport report)
    {
        this.manager = manager;
        this.policy = policy;
        this.oldInstance = oldInstance;
        this.newInstance = newInstance;
        this.random = random;
        this.guard = guard;
        this.report = report;
    }

    void run(final Verdict verdict)
    {
        this.verdict = verdict;
        final OptionalInt oldLoopback = loopbackOf(oldInstance);
        final OptionalInt newLoopback = loopbackOf(newInstance);
        if (oldLoopback.isEmpty() || newLoopback.isEmpty() || oldLoopback.getAsInt() != newLoopback.getAsInt())
        {
            trace("name=all skipped=no_common_loopback_probe");
            verdict.passed();
            return;
        }
        final int count = Math.max(policy.gateRequests(), policy.leakCheckRequests());
        for (int i = 0; i < count; i++)
        {
            final byte[] data = new byte[PACKET_LENGTH];
            for (int b = 0; b < data.length; b++)
            {
                data[b] = (byte)random.nextInt();
            }
            packets.add(new Message().operation(oldLoopback.getAsInt()).argument(0, random.nextInt() & 0xFFFF_FFFFL)
                .payload(data, 0, data.length));
        }
        compare(0);
    }

    /** Packet {@code index} to the old instance, then to the new one, then the next. */
    private void compare(final int index)
    {
        if (index == policy.gateRequests())
        {
            baseline();
            return;
        }
        send(oldInstance, index, (oldReply, oldLatencyNs) ->
        {
            final Message fromOld = new Message().copyFrom(oldReply);
            oldFastestNs = Math.min(oldFastestNs, oldLatencyNs);
            send(newInstance, index, (newReply, newLatencyNs) ->
            {
                newFastestNs = Math.min(newFastestNs, newLatencyNs);
                if (policy.consistencyCheck() && !alike(fromOld, newReply))
                {
                    verdict.refused(Refusal.CONSISTENCY_CHECK_FAILED, "test packet " + index + ": old "
                        + answer(fromOld) + ", new " + answer(newReply));
                    return;
                }
                compare(index + 1);
            });
        });
    }

    private void baseline()
    {
        if (policy.gateRequests() > 0)
        {
            report.baseline(oldFastestNs, newFastestNs);
            trace("name=consistency requests=" + policy.gateRequests() + " alike=" + policy.consistencyCheck());
            trace("name=baseline oldNs=" + oldFastestNs + " newNs=" + newFastestNs);
            if (newFastestNs > oldFastestNs * (1 + policy.baselineToleranceRatio()))
            {
                verdict.refused(Refusal.BASELINE_REGRESSION, "the new instance's fastest test packet took "
                    + newFastestNs + " ns, the old one's " + oldFastestNs + " ns: more than "
                    + policy.baselineToleranceRatio() * 100 + "% slower");
                return;
            }
        }
        memoryAtStart = memory();
        leak(0);
    }

    private void leak(final int index)
    {
        if (index < policy.leakCheckRequests())
        {
            send(newInstance, index, (reply, latencyNs) -> leak(index + 1));
            return;
        }
        final long growth = memory() - memoryAtStart;
        report.leakGrowth(growth);
        trace("name=leak requests=" + policy.leakCheckRequests() + " growthBytes=" + growth);
        if (growth > policy.leakGrowthBytesMax())
        {
            verdict.refused(Refusal.LEAK_SUSPECTED, "the new instance's memory grew " + growth + " bytes over "
                + policy.leakCheckRequests() + " test packets; at most " + policy.leakGrowthBytesMax() + " allowed");
            return;
        }
        verdict.passed();
    }

    private void send(final ServiceInstance instance, final int index, final InstanceProbes.Answer then)
    {
        final int sent = manager.probes().send(instance, Message.NO_CONNECTION, packets.get(index),
            (reply, latencyNs) ->
            {
                final Message copy = new Message().copyFrom(reply);
                guard.apply(() -> then.onReply(copy, latencyNs)).run();
            });
        if (sent != SystemCalls.OK)
        {
            verdict.refused(Refusal.KERNEL_REFUSED, "Core-0 refused a test packet to " + instance.sandboxName()
                + ": code=" + sent);
        }
    }

    /** What Core-0 charges the new sandbox, and what the instance reports in use: a leak shows in either. */
    private long memory()
    {
        newInstance.probe(health.clear());
        return newInstance.metrics().memoryBytes() + health.memoryInUseBytes();
    }

    private static boolean alike(final Message one, final Message other)
    {
        if (one.status() != other.status() || one.payloadLength() != other.payloadLength())
        {
            return false;
        }
        for (int i = 0; i < Message.ARGUMENT_COUNT; i++)
        {
            if (one.argument(i) != other.argument(i))
            {
                return false;
            }
        }
        final byte[] a = new byte[one.payloadLength()];
        final byte[] b = new byte[other.payloadLength()];
        one.copyPayload(a, 0);
        other.copyPayload(b, 0);
        return Arrays.equals(a, b);
    }

    private static String answer(final Message reply)
    {
        return "status=" + reply.status() + " args=[" + reply.argument(0) + "," + reply.argument(1) + ","
            + reply.argument(2) + "," + reply.argument(3) + "]";
    }

    private static OptionalInt loopbackOf(final ServiceInstance instance)
    {
        return instance.manifest().migration().map(Migration::probeLoopback).orElse(OptionalInt.empty());
    }

    private void trace(final String detail)
    {
        manager.kernel().simulation().trace().record("mm.gate", "service=" + oldInstance.name() + " " + detail);
    }
}
