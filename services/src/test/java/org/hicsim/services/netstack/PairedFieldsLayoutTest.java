package org.hicsim.services.netstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The fields netstack reads two at a time with one 8-byte load of sandbox memory (SND.UNA with SND.NXT, RCV.NXT
 * with Receive Read, an ARP entry's address with its flags) must stay adjacent, the first 8-byte aligned: a layout
 * change that parted them would make those loads read a neighbour's bytes without any other test noticing.
 */
class PairedFieldsLayoutTest
{
    @Test
    void shouldKeepEachPairInOneAlignedLong()
    {
        assertPair(ConnectionRecordV1Descriptor.SND_UNA_OFFSET, ConnectionRecordV1Descriptor.SND_NXT_OFFSET);
        assertPair(ConnectionRecordV1Descriptor.RCV_NXT_OFFSET, ConnectionRecordV1Descriptor.RCV_READ_OFFSET);
        assertPair(ArpEntryDescriptor.ADDRESS_OFFSET, ArpEntryDescriptor.FLAGS_OFFSET);
    }

    private static void assertPair(final int firstOffset, final int secondOffset)
    {
        assertEquals(0, firstOffset % Long.BYTES, "first=" + firstOffset + " must be 8-byte aligned");
        assertEquals(firstOffset + Integer.BYTES, secondOffset, "second must follow first=" + firstOffset);
    }
}
