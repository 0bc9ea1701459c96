package org.hicsim.monitor;

/**
 * Counts the observations the analysis ingested, so that a verdict an operator already answered is known as
 * stale: a pause remembers the count it was asked on, a resume marks that count answered, and until a new
 * observation arrives the same verdict is not asked again.
 */
final class Evidence
{
    private long observed;
    private long askedAt;
    private long answeredAt = -1;

    void observed()
    {
        observed++;
    }

    void asked()
    {
        askedAt = observed;
        answeredAt = -1;
    }

    void answered()
    {
        answeredAt = askedAt;
    }

    /** Whether nothing was observed since the last question was answered. */
    boolean stale()
    {
        return observed == answeredAt;
    }

    void clear()
    {
        observed = 0;
        askedAt = 0;
        answeredAt = -1;
    }
}
