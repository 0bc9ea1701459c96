package org.hicsim.services.netstack.v1_3_0;

import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.services.netstack.ConnectionRecordV1Descriptor;
import org.hicsim.services.netstack.StateFormat;
import org.hicsim.services.netstack.TcpState;

/**
 * State version 2, netstack 1.3.0's, and its {@code code_change}: up from version 1 a record gets the smoothed
 * round trip version 1 behaved as if it had ({@link TcpState#ROUND_TRIP_DEFAULT_NS}), so nothing changes for
 * the connection until its first measurement; down to version 1 ({@code {down, 1}}) the field is dropped, since
 * 1.2.0 uses the fixed round trip anyway.
 */
public final class StateFormatV2 implements StateFormat
{
    /** RFC 6298's alpha, 1/8, as a shift. */
    static final int SMOOTHING_SHIFT = 3;

    @Override
    public int stateVersion()
    {
        return ConnectionRecordV2Descriptor.STATE_VERSION;
    }

    @Override
    public int recordLength(final int stateVersion)
    {
        switch (stateVersion)
        {
            case ConnectionRecordV1Descriptor.STATE_VERSION: return ConnectionRecordV1Descriptor.LENGTH;
            case ConnectionRecordV2Descriptor.STATE_VERSION: return ConnectionRecordV2Descriptor.LENGTH;
            default: return -1;
        }
    }

    @Override
    public void initialise(final ServiceContext context, final long recordAddress)
    {
        context.storeLong(recordAddress + ConnectionRecordV2Descriptor.SRTT_OFFSET, TcpState.ROUND_TRIP_DEFAULT_NS);
    }

    @Override
    public long roundTripNs(final ServiceContext context, final long recordAddress)
    {
        return context.loadLong(recordAddress + ConnectionRecordV2Descriptor.SRTT_OFFSET);
    }

    /** SRTT = 7/8 SRTT + 1/8 R (RFC 6298, section 2.3). */
    @Override
    public void onRoundTripSample(final ServiceContext context, final long recordAddress, final long sampleNs)
    {
        final long address = recordAddress + ConnectionRecordV2Descriptor.SRTT_OFFSET;
        final long smoothed = context.loadLong(address);
        context.storeLong(address, smoothed + ((sampleNs - smoothed) >> SMOOTHING_SHIFT));
    }

    @Override
    public int exportRecord(
        final ServiceContext context, final long recordAddress, final int stateVersion, final byte[] dst)
    {
        final int length = recordLength(stateVersion);
        context.loadBytes(recordAddress, dst, 0, length);
        dst[ConnectionRecordV1Descriptor.STATE_VERSION_OFFSET] = (byte)stateVersion;
        return length;
    }

    @Override
    public void importRecord(
        final ServiceContext context, final byte[] src, final int stateVersion, final long recordAddress)
    {
        context.storeBytes(recordAddress, src, 0, recordLength(stateVersion));
        if (stateVersion == ConnectionRecordV1Descriptor.STATE_VERSION)
        {
            context.storeByte(recordAddress + ConnectionRecordV1Descriptor.STATE_VERSION_OFFSET,
                (byte)ConnectionRecordV2Descriptor.STATE_VERSION);
            initialise(context, recordAddress);
        }
    }
}
