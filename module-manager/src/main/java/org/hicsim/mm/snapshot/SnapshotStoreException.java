package org.hicsim.mm.snapshot;

/**
 * The persistent store refused or failed an operation of a snapshot write or read.
 */
public final class SnapshotStoreException extends SnapshotException
{
    private static final long serialVersionUID = 1L;

    private final long code;

    SnapshotStoreException(final String snapshot, final String operation, final long code)
    {
        super(snapshot, "op=" + operation + " code=" + code);
        this.code = code;
    }

    /** A negative {@link org.hicsim.core0.store.StoreError} or capability code. */
    public long code()
    {
        return code;
    }
}
