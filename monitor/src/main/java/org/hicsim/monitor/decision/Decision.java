package org.hicsim.monitor.decision;

import java.util.List;

import org.hicsim.monitor.alert.Priority;

/**
 * What the Monitor decided at {@code tNs} and why. {@code ruleAction} is what the explanation records alone give
 * ({@link DecisionFunction}); {@code action} is what is asked of the Module Manager once the lifecycle had its say
 * (a confirmation pending, a configuration-only revision, a dry run). {@code deadlineNs} is the instant by which
 * the action must be done (the rule's response time) or, for a pause or a pending confirmation, the instant its
 * default action is taken. {@code targetRevision} is where a rollback or fast undo goes.
 */
public record Decision(
    long id,
    long tNs,
    Trigger trigger,
    int revision,
    Action ruleAction,
    Action action,
    Status status,
    long deadlineNs,
    Priority priority,
    int wave,
    int targetRevision,
    String reason,
    List<Explanation> explanations)
{
    /** No wave: the decision is not a partial rollback. */
    public static final int NO_WAVE = -1;
    /** No target: the decision moves to no other revision. */
    public static final int NO_REVISION = -1;

    public Decision
    {
        explanations = List.copyOf(explanations);
    }

    /** What made the Monitor decide. */
    public enum Trigger
    {
        /** A sample, crash, probe or corruption report that could make a rule true. */
        EVENT,
        /** A health-check tick: the confidence score and every rule, and deadlines due. */
        TICK,
        /** The Module Manager asked whether the revision may advance. */
        GATE,
        /** A canary analysis ended: its verdict, judged as a gate; a pass lets a stage held for approval go on. */
        CANARY,
        /** An operator's answer or request (confirm, resume, fast undo). */
        OPERATOR
    }

    /** Where the decision stands. */
    public enum Status
    {
        /** To be carried out now. */
        ACT,
        /** A rollback waiting for a person's confirmation until the deadline, then carried out by itself. */
        AWAITING_CONFIRMATION,
        /** Reported, not acted on: every rule hit was a dry run. */
        DRY_RUN,
        /** An operator's request refused (after the deadline, a stale revision, out of fast-undo reach). */
        REFUSED
    }

    /** The stable one-line text form for the trace, followed in the trace by one line per explanation. */
    public String toLine()
    {
        return "decision id=" + id + " t=" + tNs + " trigger=" + trigger + " revision=" + revision
            + " rule_action=" + ruleAction + " action=" + action + " status=" + status + " deadline=" + deadlineNs
            + " priority=" + priority + " wave=" + wave + " target=" + targetRevision + " reason=" + reason;
    }
}
