package org.hicsim.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * The revisions submitted, in order, each with the instant it was submitted (the instant the previous revision's
 * rollback point was taken). Answers what a rollback goes back to and whether a fast undo may reach a revision.
 */
public final class RevisionHistory
{
    private final List<Entry> entries = new ArrayList<>();

    /** One submitted revision. */
    public record Entry(int revision, ChangeKind kind, long submittedNs)
    {
    }

    public void submitted(final int revision, final ChangeKind kind, final long tNs)
    {
        entries.add(new Entry(revision, kind, tNs));
    }

    public boolean isEmpty()
    {
        return entries.isEmpty();
    }

    public Entry current()
    {
        return entries.get(entries.size() - 1);
    }

    /** The revision before the current one, or -1: where a rollback goes. */
    public int previousRevision()
    {
        return entries.size() < 2 ? -1 : entries.get(entries.size() - 2).revision();
    }

    /**
     * How many submissions back {@code revision} last was current (1 = the previous one), and the instant it
     * stopped being current (its rollback point); null if it never was or it is the current one.
     */
    public Reach reach(final int revision)
    {
        for (int i = entries.size() - 2; i >= 0; i--)
        {
            if (entries.get(i).revision() == revision)
            {
                return new Reach(entries.size() - 1 - i, entries.get(i + 1).submittedNs());
            }
        }
        return null;
    }

    /** How far back a revision is: in submissions, and the instant its rollback point was taken. */
    public record Reach(int revisionsBack, long rollbackPointNs)
    {
    }
}
