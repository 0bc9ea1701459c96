package org.hicsim.core0.audit;

/**
 * What {@link AuditChain#verify} found: intact, or the first record it cannot vouch for and why.
 */
public final class AuditVerification
{
    /** {@link #firstBadIndex()} of an intact log. */
    public static final int NO_BAD_RECORD = -1;

    static final AuditVerification INTACT = new AuditVerification(NO_BAD_RECORD, Problem.NONE, "intact");

    public enum Problem
    {
        NONE,
        /** The line is not a canonical record. */
        MALFORMED,
        /** The record is not at the position its sequence number names: one was dropped, moved or inserted. */
        SEQUENCE_MISMATCH,
        /** The record's SHA-256 is not what the next record (or, for the last one, the head hash) carries. */
        CHAIN_BROKEN,
        /** The log ends before the number of records appended. */
        RECORDS_MISSING,
        /** The log goes on past the number of records appended. */
        RECORDS_UNEXPECTED
    }

    private final int firstBadIndex;
    private final Problem problem;
    private final String explanation;

    private AuditVerification(final int firstBadIndex, final Problem problem, final String explanation)
    {
        this.firstBadIndex = firstBadIndex;
        this.problem = problem;
        this.explanation = explanation;
    }

    static AuditVerification failure(final int index, final Problem problem, final String explanation)
    {
        return new AuditVerification(index, problem, explanation);
    }

    public boolean isIntact()
    {
        return problem == Problem.NONE;
    }

    /**
     * @return the index of the first record not vouched for, or {@link #NO_BAD_RECORD}.
     */
    public int firstBadIndex()
    {
        return firstBadIndex;
    }

    public Problem problem()
    {
        return problem;
    }

    public String explanation()
    {
        return explanation;
    }

    @Override
    public String toString()
    {
        return isIntact() ? explanation : problem + " at record " + firstBadIndex + ": " + explanation;
    }
}
