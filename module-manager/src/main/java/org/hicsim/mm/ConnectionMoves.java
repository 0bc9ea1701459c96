package org.hicsim.mm;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.function.Consumer;

import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.spi.ConnectionTarget;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.hicmod.Migration;
import org.hicsim.host.ServiceInstance;

/**
 * Phase 3's move of one frozen connection to the new instance, and its check (HIC 3.3, steps 3.3.2 and 3.3.3):
 * <ol>
 *     <li>the old instance is probed on the connection (the operation its manifest names as
 *     {@code migration.probe_connection}, sent straight to its endpoint), which gives the counters the move must
 *     carry over and the latency the connection saw there;</li>
 *     <li>the connection is carried over the migration channel ({@link ConnectionTransfer});</li>
 *     <li>the new instance is probed the same way: the first request it serves on the connection. Its counters
 *     must equal the old ones (sequence continuity) and its latency exceed the old one by less than the policy's
 *     {@code firstRequestLatencyIncreaseMaxNs} (10 ms);</li>
 *     <li>then the connection is the new instance's, and the requests held for it go there.</li>
 * </ol>
 * A failed transfer comes back to the old instance by itself; a connection that fails its check is handed back
 * to the old instance with the state it had before the move. Either way the connection is served by the old
 * instance again, and tried again after the rate limit's interval, up to the policy's
 * {@code connectionRetries}; after the last try it stays with the old instance alone (counted failed; at
 * validation it is counted rebuilt; at the commit it is closed in Core-0's table and its client reconnects to the
 * new one). When either version names no connection probe, connections move unchecked.
 */
final class ConnectionMoves
{
    /** What the rolling update lends a move: its guard, its clock and what it does between moves. */
    interface Steps
    {
        /** {@code next}, to run only if the update has not changed course since. */
        Runnable guarded(Runnable next);

        /** When a move is over: both instances' work on it done, the capability moved, the two messages sent. */
        long moveDoneNs();

        /** Gives the connection to {@code owner} in the dispatch table, releasing the requests held for it. */
        void assign(int index, ServiceInstance owner);

        /** Freezes and moves the connection again, after the rate limit's interval. */
        void retry(int index, int attempt);

        /** The connection's move is settled, one way or another. */
        void settled();

        void trace(String kind, String detail);
    }

    private final ModuleManager manager;
    private final Steps steps;
    private final ConnectionPlan plan;
    private final UpdateReport report;
    private final UpdatePolicy policy;
    private final ServiceInstance oldInstance;
    private final ServiceInstance newInstance;
    private final ConnectionTransfer transfer;
    private final OptionalInt oldProbe;
    private final OptionalInt newProbe;

    /** What the connection probe answered: its four arguments, and how long it took. */
    private record Reading(int status, long[] counters, long latencyNs)
    {
        static Reading of(final Message reply, final long latencyNs)
        {
            final long[] counters = new long[Message.ARGUMENT_COUNT];
            for (int i = 0; i < counters.length; i++)
            {
                counters[i] = reply.argument(i);
            }
            return new Reading(reply.status(), counters, latencyNs);
        }

        boolean continues(final Reading before)
        {
            return status == Status.OK && Arrays.equals(counters, before.counters);
        }
    }

    ConnectionMoves(final ModuleManager manager, final Steps steps, final ConnectionPlan plan,
        final UpdateReport report, final UpdatePolicy policy, final ServiceInstance oldInstance,
        final ServiceInstance newInstance, final ConnectionTransfer transfer)
    {
        this.manager = manager;
        this.steps = steps;
        this.plan = plan;
        this.report = report;
        this.policy = policy;
        this.oldInstance = oldInstance;
        this.newInstance = newInstance;
        this.transfer = transfer;
        this.oldProbe = probeOf(oldInstance);
        this.newProbe = probeOf(newInstance);
    }

    /** The connection is frozen and nothing of it is in flight: probe, carry, probe, and settle it. */
    void move(final int index, final int attempt, final long frozenAtNs)
    {
        if (oldProbe.isEmpty() || newProbe.isEmpty())
        {
            carry(index, attempt, frozenAtNs, null);
            return;
        }
        final int sent = probe(oldInstance, oldProbe.getAsInt(), index,
            before -> carry(index, attempt, frozenAtNs, before));
        if (sent != SystemCalls.OK)
        {
            carry(index, attempt, frozenAtNs, null);
        }
    }

    private void carry(final int index, final int attempt, final long frozenAtNs, final Reading before)
    {
        // Guarded from now, not from when the transfer is over: what drops the move meanwhile drops its end too.
        final ConnectionTransfer.Outcome[] over = new ConnectionTransfer.Outcome[1];
        final StateInTransit.Parcel[] carried = new StateInTransit.Parcel[1];
        final String[] reason = new String[1];
        final Runnable settle = steps.guarded(() ->
        {
            switch (over[0])
            {
                case MOVED -> verify(index, attempt, frozenAtNs, before, carried[0]);
                case KEPT, RETURNED -> notMoved(index, attempt, reason[0]);
                case LOST -> lost(index, reason[0]);
                default -> throw new IllegalStateException("outcome=" + over[0]);
            }
        });
        transfer.transfer(oldInstance, newInstance, plan.instanceId(index), (outcome, parcel, why) ->
        {
            over[0] = outcome;
            carried[0] = parcel;
            reason[0] = why;
            manager.at(steps.moveDoneNs(), settle);
        });
    }

    private void verify(final int index, final int attempt, final long frozenAtNs, final Reading before,
        final StateInTransit.Parcel parcel)
    {
        if (before == null || before.status() != Status.OK)
        {
            accept(index, frozenAtNs);
            return;
        }
        final int sent = probe(newInstance, newProbe.getAsInt(), index, after ->
        {
            final long increaseNs = after.latencyNs() - before.latencyNs();
            if (after.continues(before) && increaseNs < policy.firstRequestLatencyIncreaseMaxNs())
            {
                accept(index, frozenAtNs);
                return;
            }
            final String why = after.continues(before) ? "latency_increase_ns=" + increaseNs
                : "sequence_discontinuity before=" + Arrays.toString(before.counters()).replace(" ", "")
                + " after=" + Arrays.toString(after.counters()).replace(" ", "") + " status="
                + Status.name(after.status());
            report.verificationFailedOne();
            steps.trace("mm.connection.unverified", "connection=" + Long.toHexString(plan.instanceId(index))
                + " reason=" + why);
            handBack(index, attempt, parcel, why);
        });
        if (sent != SystemCalls.OK)
        {
            accept(index, frozenAtNs);
        }
    }

    /**
     * A connection that failed its check goes back to the old instance with the state it had before the move,
     * which the old one kept its place for; the new instance's copy, which is what failed, is dropped.
     */
    private void handBack(final int index, final int attempt, final StateInTransit.Parcel parcel, final String why)
    {
        final ConnectionTarget original = new OriginalState(oldInstance.connectionTarget(), parcel.state());
        final int status = newInstance.migrateConnection(plan.instanceId(index), original);
        manager.at(steps.moveDoneNs(), steps.guarded(() ->
        {
            if (status == Status.OK)
            {
                notMoved(index, attempt, why);
            }
            else if (newInstance.isAlive())
            {
                steps.trace("mm.connection.kept", "connection=" + Long.toHexString(plan.instanceId(index))
                    + " status=" + Status.name(status) + " reason=hand_back_refused");
                accept(index, manager.now());
            }
            else
            {
                lost(index, "new_instance_died");
            }
        }));
    }

    private void accept(final int index, final long frozenAtNs)
    {
        steps.assign(index, newInstance);
        plan.moved(index);
        report.migratedOne();
        report.frozenFor(manager.now() - frozenAtNs);
        steps.settled();
    }

    /** The old instance has the connection again: it serves it until the next try, or for good after the last. */
    private void notMoved(final int index, final int attempt, final String why)
    {
        steps.assign(index, oldInstance);
        final String connection = Long.toHexString(plan.instanceId(index));
        if (attempt < policy.connectionRetries())
        {
            report.retriedOne();
            steps.trace("mm.connection.retry", "connection=" + connection + " reason=" + why + " attempt="
                + (attempt + 1));
            steps.retry(index, attempt + 1);
            return;
        }
        plan.failed(index);
        report.failedOne();
        steps.trace("mm.connection.failed", "connection=" + connection + " reason=" + why + " handedBackTo=old");
        steps.settled();
    }

    private void lost(final int index, final String why)
    {
        steps.assign(index, oldInstance);
        plan.gone(index);
        report.lost(1);
        steps.trace("mm.connection.lost", "connection=" + Long.toHexString(plan.instanceId(index)) + " reason="
            + why);
        steps.settled();
    }

    /** Sends the connection probe to {@code instance}; {@code then} hears the reading, guarded. */
    private int probe(final ServiceInstance instance, final int operation, final int index,
        final Consumer<Reading> then)
    {
        final Message request = new Message().operation(operation).connectionId(plan.instanceId(index));
        return manager.probes().send(instance, plan.instanceId(index), request,
            (reply, latencyNs) ->
            {
                final Reading reading = Reading.of(reply, latencyNs);
                steps.guarded(() -> then.accept(reading)).run();
            });
    }

    private static OptionalInt probeOf(final ServiceInstance instance)
    {
        return instance.manifest().migration().map(Migration::probeConnection).orElse(OptionalInt.empty());
    }

    /** Delivers to the old instance the state it handed over before the move, in place of the new one's. */
    private record OriginalState(ConnectionTarget target, byte[] state) implements ConnectionTarget
    {
        @Override
        public int sandboxId()
        {
            return target.sandboxId();
        }

        @Override
        public int deliver(final long connectionId, final byte[] ignored, final int ignoredLength,
            final long bufferRegionHandle)
        {
            return target.deliver(connectionId, state, state.length, bufferRegionHandle);
        }
    }
}
