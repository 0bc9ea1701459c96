package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A batch update in progress: several modules updated all or nothing, as Erlang/OTP's release handler installs
 * a release of several applications. The members are updated one after another in dependency order, each by its
 * own {@link RollingUpdate}, which goes as far as its commit and waits there (its connections on the new
 * version, the old instance kept); the next member starts then. Once the last member is that far, one journal
 * record commits them all (a torn write commits none), and each reclaims its old instance.
 * <p>
 * If a member is refused, aborted or rolled back before that, the members waiting at their commit are rolled back
 * through the ordinary rollback path, the last updated first, and the batch ends naming the member and why. A
 * Module Manager restarted mid-batch rolls back every member not committed, as it does any update it finds half
 * done, so the batch stays all or nothing across a crash too.
 */
final class Batch
{
    private final ModuleManager manager;
    private final List<BatchMember> members;
    private final UpdatePolicy policy;
    private final BatchReport report;
    private final Consumer<BatchReport> onDone;
    /** Members at their commit, in the order they got there. */
    private final List<RollingUpdate> held = new ArrayList<>();
    private int started;
    private int completed;
    private boolean committing;
    private boolean undoing;
    private UpdateReport failed;

    Batch(final ModuleManager manager, final List<BatchMember> members, final UpdatePolicy policy,
        final BatchReport report, final Consumer<BatchReport> onDone)
    {
        this.manager = manager;
        this.members = List.copyOf(members);
        this.policy = policy;
        this.report = report;
        this.onDone = onDone;
    }

    String name()
    {
        return report.name();
    }

    BatchReport report()
    {
        return report;
    }

    List<BatchMember> members()
    {
        return members;
    }

    void start()
    {
        startNext();
    }

    private void startNext()
    {
        final BatchMember member = members.get(started++);
        final UpdateReport update = manager.startBatchMember(this, member, policy, this::memberDone);
        report.started(update);
    }

    /** A member's update is as far as its commit: the next member starts, or, after the last, all commit. */
    void readyToCommit(final RollingUpdate update)
    {
        held.add(update);
        if (started < members.size())
        {
            startNext();
            return;
        }
        committing = true;
        final List<String> fields = new ArrayList<>();
        final List<String> services = new ArrayList<>();
        for (final RollingUpdate member : held)
        {
            final String service = member.report().service();
            services.add(service);
            fields.add(service + ".stem");
            fields.add(member.toStem());
            fields.add(service + ".sandbox");
            fields.add(Integer.toString(member.newInstance().sandboxId()));
        }
        fields.add("services");
        fields.add(String.join(",", services));
        trace("mm.batch.commit", "members=" + services.size());
        manager.journal(JournalEntry.of(JournalEntry.Kind.BATCH_COMMITTED, fields.toArray(new String[0])),
            () -> List.copyOf(held).forEach(RollingUpdate::committed));
    }

    private void memberDone(final UpdateReport done)
    {
        held.removeIf(member -> member.report() == done);
        if (committing)
        {
            if (++completed == members.size())
            {
                end(UpdateOutcome.COMPLETED);
            }
            return;
        }
        if (!undoing)
        {
            failed = done;
            undoing = true;
            trace("mm.batch.failed", "member=" + done.service() + " outcome=" + done.outcome().key()
                + (done.refusal() == null ? "" : " refusal=" + done.refusal()) + " undo=" + held.size());
        }
        undoNext();
    }

    /** Rolls back the last member still at its commit; when none is left, the batch ends. */
    private void undoNext()
    {
        if (held.isEmpty())
        {
            final boolean anyUndone = report.updates().stream()
                .anyMatch(update -> update.outcome() == UpdateOutcome.ROLLED_BACK);
            end(anyUndone ? UpdateOutcome.ROLLED_BACK : failed.outcome());
            return;
        }
        held.get(held.size() - 1).rollBack("batch " + name() + ": " + failed.service() + " "
            + failed.outcome().key() + (failed.refusal() == null ? "" : " (" + failed.refusal() + ")"));
    }

    private void end(final UpdateOutcome outcome)
    {
        if (outcome == UpdateOutcome.COMPLETED)
        {
            report.end(outcome, "", null, "", manager.now());
        }
        else
        {
            report.end(outcome, failed.service(), failed.refusal(), failed.reason(), manager.now());
        }
        manager.batchEnded(this);
        trace("mm.batch.end", "outcome=" + outcome.key() + (failed == null ? "" : " failed=" + failed.service()));
        onDone.accept(report);
    }

    private void trace(final String kind, final String detail)
    {
        manager.kernel().simulation().trace().record(kind, "batch=" + name() + " " + detail);
    }
}
