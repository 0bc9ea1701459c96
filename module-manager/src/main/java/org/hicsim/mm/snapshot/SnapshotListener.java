package org.hicsim.mm.snapshot;

/**
 * Told when a snapshot write or read has ended: from an event in virtual time, once.
 */
public interface SnapshotListener
{
    /** Every part is durable (a write) or has been read back and verified (a read). */
    void onDone(SnapshotIndex index);

    void onFailed(SnapshotException failure);
}
