package org.hicsim.services.ipc_lib;

/**
 * Layout of {@code ipc_lib}'s state at the start of its sandbox memory.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        Migration Phase                        |  0
 *  +---------------------------------------------------------------+
 *  |                     Next TX Sequence Number                   |  4  &lt;- snapshot body starts here
 *  +---------------------------------------------------------------+
 *  |                   Expected RX Sequence Number                 |  8
 *  +---------------------------------------------------------------+
 *  |                        Reserved (zero)                        | 12
 *  +---------------------------------------------------------------+
 *  |                       Frames Made (u64)                       | 16
 *  +---------------------------------------------------------------+
 *  |                     Frames Unframed (u64)                     | 24
 *  +---------------------------------------------------------------+
 *  |                      Frames Refused (u64)                     | 32
 *  +---------------------------------------------------------------+
 *  |                   Sequence Numbers Skipped (u64)              | 40
 *  +---------------------------------------------------------------+
 * </pre>
 * A snapshot's body (state version 1) is bytes 4 to 48 of this layout, as they are, little-endian.
 */
public final class IpcLibStateDescriptor
{
    public static final int PHASE_OFFSET = 0;
    public static final int TX_SEQUENCE_OFFSET = 4;
    public static final int RX_EXPECTED_OFFSET = 8;
    public static final int FRAMED_OFFSET = 16;
    public static final int UNFRAMED_OFFSET = 24;
    public static final int REFUSED_OFFSET = 32;
    public static final int SKIPPED_OFFSET = 40;
    public static final int LENGTH = 48;

    /** Where the migratable state starts: everything after the phase. */
    public static final int MIGRATABLE_OFFSET = TX_SEQUENCE_OFFSET;
    public static final int MIGRATABLE_LENGTH = LENGTH - MIGRATABLE_OFFSET;

    private IpcLibStateDescriptor()
    {
    }
}
