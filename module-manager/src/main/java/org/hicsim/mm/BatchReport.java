package org.hicsim.mm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a batch update did: its members in the order they were updated (dependencies first, with any dependency
 * update a member needed added before it), each started member's own {@link UpdateReport}, and how the batch
 * ended. A batch that did not complete names the member that was refused or failed and why; every member that
 * had been updated before it was rolled back.
 */
public final class BatchReport
{
    private final String name;
    private final long startNs;
    private final List<BatchMember> members = new ArrayList<>();
    private final List<UpdateReport> updates = new ArrayList<>();
    private UpdateOutcome outcome = UpdateOutcome.IN_PROGRESS;
    private String failedService = "";
    private Refusal refusal;
    private String reason = "";
    private long endNs = -1;

    BatchReport(final String name, final List<BatchMember> requested, final long startNs)
    {
        this.name = name;
        this.startNs = startNs;
        members.addAll(requested);
    }

    /** {@code batch-1}, as traces name it. */
    public String name()
    {
        return name;
    }

    public long startNs()
    {
        return startNs;
    }

    /** When it ended, or -1 while it runs. */
    public long endNs()
    {
        return endNs;
    }

    /** The members, in the order they are updated once the batch is planned (as requested before). */
    public List<BatchMember> members()
    {
        return Collections.unmodifiableList(members);
    }

    /** The members' update reports, in the order they started. */
    public List<UpdateReport> updates()
    {
        return Collections.unmodifiableList(updates);
    }

    public UpdateOutcome outcome()
    {
        return outcome;
    }

    /** The member that was refused or failed, or empty. */
    public String failedService()
    {
        return failedService;
    }

    /** Why the batch (or its failed member) was refused or aborted, or null (a member rolled back: see reason). */
    public Refusal refusal()
    {
        return refusal;
    }

    public String reason()
    {
        return reason;
    }

    void planned(final List<BatchMember> ordered)
    {
        members.clear();
        members.addAll(ordered);
    }

    void started(final UpdateReport update)
    {
        updates.add(update);
    }

    void end(final UpdateOutcome finalOutcome, final String failed, final Refusal why, final String detail,
        final long atNs)
    {
        outcome = finalOutcome;
        failedService = failed;
        refusal = why;
        reason = detail;
        endNs = atNs;
    }

    @Override
    public String toString()
    {
        return name + " " + members + ": " + outcome.key() + (failedService.isEmpty() ? "" : " failed=" + failedService)
            + (refusal == null ? "" : " (" + refusal + ": " + reason + ")") + " updates=" + updates;
    }
}
