package org.hicsim.mm;

import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.StateSnapshot;

/**
 * A state snapshot's size in bytes: what hashing, compressing and storing it cost.
 */
final class SnapshotBytes
{
    private SnapshotBytes()
    {
    }

    /** The global part plus every connection record. */
    static long length(final StateSnapshot snapshot)
    {
        long length = snapshot.globalLength();
        for (final ConnectionState connection : snapshot.connections())
        {
            length += connection.length();
        }
        return length;
    }
}
