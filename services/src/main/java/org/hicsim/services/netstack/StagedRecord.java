package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ServiceContext;

/**
 * Checks on a state record that came from outside this instance, placed in the staging page first so that it is
 * read with the same loads as any record and reaches a slot only once it is known to be sound.
 */
final class StagedRecord
{
    private StagedRecord()
    {
    }

    /** Whether the record names {@code connectionId}, says it is {@code stateVersion}, and has sane fields. */
    static boolean isValid(
        final ServiceContext context, final long address, final long connectionId, final int stateVersion)
    {
        final int protocol = NetstackProtocol.protocol(
            context.loadLong(address + ConnectionRecordV1Descriptor.PORTS_OFFSET));
        final int tcpState = context.loadByte(address + ConnectionRecordV1Descriptor.TCP_STATE_OFFSET);
        return context.loadLong(address + ConnectionRecordV1Descriptor.CONNECTION_ID_OFFSET) == connectionId
            && context.loadByte(address + ConnectionRecordV1Descriptor.STATE_VERSION_OFFSET) == stateVersion
            && (protocol == NetstackProtocol.PROTOCOL_TCP || protocol == NetstackProtocol.PROTOCOL_UDP)
            && tcpState >= TcpState.SYN_SENT && tcpState <= TcpState.FIN_WAIT;
    }

    /** The slot of the connection that has the staged record's 5-tuple here, or {@link FiveTupleIndex#NOT_FOUND}. */
    static int findTuple(final ServiceContext context, final long address, final FiveTupleIndex index)
    {
        return index.find(
            context.loadLong(address + ConnectionRecordV1Descriptor.ADDRESSES_OFFSET),
            context.loadLong(address + ConnectionRecordV1Descriptor.PORTS_OFFSET));
    }

    /** Whether the staged record and the record at {@code otherAddress} have the same 5-tuple. */
    static boolean hasTupleOf(final ServiceContext context, final long address, final long otherAddress)
    {
        return context.loadLong(address + ConnectionRecordV1Descriptor.ADDRESSES_OFFSET)
            == context.loadLong(otherAddress + ConnectionRecordV1Descriptor.ADDRESSES_OFFSET)
            && context.loadLong(address + ConnectionRecordV1Descriptor.PORTS_OFFSET)
            == context.loadLong(otherAddress + ConnectionRecordV1Descriptor.PORTS_OFFSET);
    }
}
