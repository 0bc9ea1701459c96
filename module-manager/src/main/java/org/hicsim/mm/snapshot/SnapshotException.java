package org.hicsim.mm.snapshot;

/**
 * Why a snapshot could not be written or read back: handed to {@link SnapshotListener#onFailed}, for the caller
 * to act on or throw.
 */
public abstract class SnapshotException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final String snapshot;

    SnapshotException(final String snapshot, final String message)
    {
        super("snapshot=" + snapshot + " " + message);
        this.snapshot = snapshot;
    }

    /** The snapshot's name. */
    public String snapshot()
    {
        return snapshot;
    }
}
