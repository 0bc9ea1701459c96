package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ServiceContext;

/**
 * State version 1, netstack 1.2.0's: the records of {@link ConnectionRecordV1Descriptor}, every round trip the
 * fixed {@link TcpState#ROUND_TRIP_DEFAULT_NS}. It reads and writes only its own version: it cannot know what a
 * later version's fields mean.
 */
public final class StateFormatV1 implements StateFormat
{
    @Override
    public int stateVersion()
    {
        return ConnectionRecordV1Descriptor.STATE_VERSION;
    }

    @Override
    public int recordLength(final int stateVersion)
    {
        return stateVersion == ConnectionRecordV1Descriptor.STATE_VERSION ? ConnectionRecordV1Descriptor.LENGTH : -1;
    }

    @Override
    public void initialise(final ServiceContext context, final long recordAddress)
    {
        // version 1 has no fields beyond version 1
    }

    @Override
    public long roundTripNs(final ServiceContext context, final long recordAddress)
    {
        return TcpState.ROUND_TRIP_DEFAULT_NS;
    }

    @Override
    public void onRoundTripSample(final ServiceContext context, final long recordAddress, final long sampleNs)
    {
        // 1.2.0 does not measure round trips
    }

    @Override
    public int exportRecord(
        final ServiceContext context, final long recordAddress, final int stateVersion, final byte[] dst)
    {
        context.loadBytes(recordAddress, dst, 0, ConnectionRecordV1Descriptor.LENGTH);
        return ConnectionRecordV1Descriptor.LENGTH;
    }

    @Override
    public void importRecord(
        final ServiceContext context, final byte[] src, final int stateVersion, final long recordAddress)
    {
        context.storeBytes(recordAddress, src, 0, ConnectionRecordV1Descriptor.LENGTH);
    }
}
