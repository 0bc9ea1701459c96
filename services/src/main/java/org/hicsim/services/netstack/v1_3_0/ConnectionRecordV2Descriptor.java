package org.hicsim.services.netstack.v1_3_0;

import org.hicsim.services.netstack.ConnectionRecordV1Descriptor;

/**
 * Layout of a connection's state record in state version 2 (netstack 1.3.0): version 1's record, every field
 * where it was, then the smoothed round-trip time.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          State version 1 record (ConnectionRecordV1)         ...  0
 *  +---------------------------------------------------------------+
 *  |            Smoothed Round-Trip Time (SRTT, ns)                |  112
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 * Why the field: 1.2.0 assumes one fixed round trip for every peer, so it times handshakes and closes, and so
 * protocol-free quiescence, by a constant. 1.3.0 measures each connection's round trip from the send time the
 * peer echoes (as TCP's timestamp option does) and smooths it as RFC 6298 does, so a distant peer's handshake
 * is waited for as long as it takes. Appending keeps the shared fields' offsets, so both versions share their
 * connection code and the conversions touch only this field and the version byte.
 */
public final class ConnectionRecordV2Descriptor
{
    public static final int STATE_VERSION = 2;

    public static final int SRTT_OFFSET = ConnectionRecordV1Descriptor.LENGTH;
    public static final int LENGTH = SRTT_OFFSET + Long.BYTES;

    private ConnectionRecordV2Descriptor()
    {
    }
}
