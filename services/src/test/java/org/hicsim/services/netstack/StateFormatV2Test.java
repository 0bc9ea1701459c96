package org.hicsim.services.netstack;

import java.util.Arrays;

import org.hicsim.core0.SystemCalls;
import org.hicsim.services.netstack.v1_3_0.ConnectionRecordV2Descriptor;
import org.hicsim.services.netstack.v1_3_0.StateFormatV2;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 1.3.0's code_change on single records, in a real sandbox's memory.
 */
class StateFormatV2Test
{
    private final NetstackHarness harness = new NetstackHarness(19);
    private final SystemCalls context = harness.kernel.systemCalls(harness.sandbox("netstack-v1.3.0"));
    private final long address = context.memoryBase() + NetstackHarness.DEFAULT_MAP.slotOffset(0)
        + ConnectionSlotDescriptor.RECORD_OFFSET;
    private final StateFormatV2 format = new StateFormatV2();

    private static byte[] version1Record()
    {
        final byte[] record = new byte[ConnectionRecordV1Descriptor.LENGTH];
        for (int i = 0; i < record.length; i++)
        {
            record[i] = (byte)(i * 7 + 3);
        }
        record[ConnectionRecordV1Descriptor.STATE_VERSION_OFFSET] = ConnectionRecordV1Descriptor.STATE_VERSION;
        return record;
    }

    @Test
    void shouldReadAndWriteBothVersionsAndNoOther()
    {
        assertEquals(ConnectionRecordV1Descriptor.LENGTH,
            format.recordLength(ConnectionRecordV1Descriptor.STATE_VERSION));
        assertEquals(ConnectionRecordV2Descriptor.LENGTH,
            format.recordLength(ConnectionRecordV2Descriptor.STATE_VERSION));
        assertEquals(-1, format.recordLength(ConnectionRecordV2Descriptor.STATE_VERSION + 1));
    }

    @Test
    void shouldConvertUpWithTheDefaultRoundTrip()
    {
        format.importRecord(context, version1Record(), ConnectionRecordV1Descriptor.STATE_VERSION, address);

        assertEquals(ConnectionRecordV2Descriptor.STATE_VERSION,
            context.loadByte(address + ConnectionRecordV1Descriptor.STATE_VERSION_OFFSET));
        assertEquals(TcpState.ROUND_TRIP_DEFAULT_NS, format.roundTripNs(context, address));
    }

    @Test
    void shouldConvertDownToTheRecordItCameFrom()
    {
        final byte[] original = version1Record();
        format.importRecord(context, original, ConnectionRecordV1Descriptor.STATE_VERSION, address);
        format.onRoundTripSample(context, address, 5 * TcpState.ROUND_TRIP_DEFAULT_NS);
        final byte[] exported = new byte[ConnectionRecordV2Descriptor.LENGTH];

        final int length = format.exportRecord(context, address, ConnectionRecordV1Descriptor.STATE_VERSION, exported);

        assertArrayEquals(original, Arrays.copyOf(exported, length));
    }

    @Test
    void shouldSmoothRoundTripSamplesAsRfc6298Does()
    {
        format.initialise(context, address);

        format.onRoundTripSample(context, address, 9 * TcpState.ROUND_TRIP_DEFAULT_NS);

        assertEquals(2 * TcpState.ROUND_TRIP_DEFAULT_NS, format.roundTripNs(context, address));
    }
}
