package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.services.common.SplitMix64;

/**
 * Typed access to netstack's header in sandbox memory ({@link HeaderDescriptor}).
 */
final class Header
{
    private final ServiceContext context;
    private final long address;

    Header(final ServiceContext context)
    {
        this.context = context;
        this.address = context.memoryBase() + MemoryMapDescriptor.HEADER_OFFSET;
    }

    void format(
        final int stateVersion, final MemoryMap map, final long ethHandle, final long interfaceMac, final long seed)
    {
        context.storeInt(address + HeaderDescriptor.MAGIC_OFFSET, HeaderDescriptor.MAGIC);
        context.storeInt(address + HeaderDescriptor.STATE_VERSION_OFFSET, stateVersion);
        context.storeInt(address + HeaderDescriptor.countOffset(SlotState.FREE), map.connections());
        context.storeInt(address + HeaderDescriptor.CONNECTIONS_OFFSET, map.connections());
        context.storeInt(address + HeaderDescriptor.BUFFER_BYTES_OFFSET, map.bufferBytes());
        context.storeLong(address + HeaderDescriptor.NEXT_SERIAL_OFFSET, ConnectionIdDescriptor.FIRST_SERIAL);
        context.storeLong(address + HeaderDescriptor.SEQUENCE_GENERATOR_OFFSET, seed);
        context.storeLong(address + HeaderDescriptor.ETH_HANDLE_OFFSET, ethHandle);
        context.storeLong(address + HeaderDescriptor.INTERFACE_MAC_OFFSET, interfaceMac);
        context.storeInt(address + HeaderDescriptor.PEER_STATE_VERSION_OFFSET, stateVersion);
    }

    boolean isIntact(final int stateVersion)
    {
        return context.loadInt(address + HeaderDescriptor.MAGIC_OFFSET) == HeaderDescriptor.MAGIC
            && context.loadInt(address + HeaderDescriptor.STATE_VERSION_OFFSET) == stateVersion;
    }

    void invalidate()
    {
        context.storeInt(address + HeaderDescriptor.MAGIC_OFFSET, 0);
    }

    int count(final int slotState)
    {
        return context.loadInt(address + HeaderDescriptor.countOffset(slotState));
    }

    void addCount(final int slotState, final int delta)
    {
        addInt(HeaderDescriptor.countOffset(slotState), delta);
    }

    long takeSerial()
    {
        final long serial = context.loadLong(address + HeaderDescriptor.NEXT_SERIAL_OFFSET);
        context.storeLong(address + HeaderDescriptor.NEXT_SERIAL_OFFSET, serial + 1);
        return serial;
    }

    long nextSerial()
    {
        return context.loadLong(address + HeaderDescriptor.NEXT_SERIAL_OFFSET);
    }

    /** Moves the next serial up to {@code serial}, so an imported connection's id is never given out again. */
    void raiseNextSerial(final long serial)
    {
        raise(HeaderDescriptor.NEXT_SERIAL_OFFSET, serial);
    }

    /** The next value of the SplitMix64 generator whose state the header keeps. */
    long nextRandom()
    {
        return SplitMix64.next(context, address + HeaderDescriptor.SEQUENCE_GENERATOR_OFFSET);
    }

    long busyUntilNs()
    {
        return context.loadLong(address + HeaderDescriptor.BUSY_UNTIL_OFFSET);
    }

    void raiseBusyUntil(final long timeNs)
    {
        raise(HeaderDescriptor.BUSY_UNTIL_OFFSET, timeNs);
    }

    long drainedAtNs()
    {
        return context.loadLong(address + HeaderDescriptor.DRAINED_AT_OFFSET);
    }

    void raiseDrainedAt(final long timeNs)
    {
        raise(HeaderDescriptor.DRAINED_AT_OFFSET, timeNs);
    }

    long settledAtNs()
    {
        return context.loadLong(address + HeaderDescriptor.SETTLED_AT_OFFSET);
    }

    void raiseSettledAt(final long timeNs)
    {
        raise(HeaderDescriptor.SETTLED_AT_OFFSET, timeNs);
    }

    long linkFreeAtNs()
    {
        return context.loadLong(address + HeaderDescriptor.LINK_FREE_AT_OFFSET);
    }

    void linkFreeAtNs(final long timeNs)
    {
        context.storeLong(address + HeaderDescriptor.LINK_FREE_AT_OFFSET, timeNs);
    }

    void countFrame(final int frameLength)
    {
        addLong(HeaderDescriptor.FRAMES_SENT_OFFSET, 1);
        addLong(HeaderDescriptor.FRAME_BYTES_SENT_OFFSET, frameLength);
    }

    long framesSent()
    {
        return context.loadLong(address + HeaderDescriptor.FRAMES_SENT_OFFSET);
    }

    long frameBytesSent()
    {
        return context.loadLong(address + HeaderDescriptor.FRAME_BYTES_SENT_OFFSET);
    }

    void addBytesDelivered(final int bytes)
    {
        addLong(HeaderDescriptor.BYTES_DELIVERED_OFFSET, bytes);
    }

    long bytesDelivered()
    {
        return context.loadLong(address + HeaderDescriptor.BYTES_DELIVERED_OFFSET);
    }

    long ethHandle()
    {
        return context.loadLong(address + HeaderDescriptor.ETH_HANDLE_OFFSET);
    }

    long interfaceMac()
    {
        return context.loadLong(address + HeaderDescriptor.INTERFACE_MAC_OFFSET);
    }

    int preparedLevel()
    {
        return context.loadInt(address + HeaderDescriptor.PREPARED_LEVEL_OFFSET);
    }

    void preparedLevel(final int level)
    {
        context.storeInt(address + HeaderDescriptor.PREPARED_LEVEL_OFFSET, level);
    }

    int peerStateVersion()
    {
        return context.loadInt(address + HeaderDescriptor.PEER_STATE_VERSION_OFFSET);
    }

    void peerStateVersion(final int stateVersion)
    {
        context.storeInt(address + HeaderDescriptor.PEER_STATE_VERSION_OFFSET, stateVersion);
    }

    boolean isExported()
    {
        return context.loadInt(address + HeaderDescriptor.EXPORTED_OFFSET) != 0;
    }

    void exported(final boolean exported)
    {
        context.storeInt(address + HeaderDescriptor.EXPORTED_OFFSET, exported ? 1 : 0);
    }

    int freeHint()
    {
        return context.loadInt(address + HeaderDescriptor.FREE_HINT_OFFSET);
    }

    void freeHint(final int word)
    {
        context.storeInt(address + HeaderDescriptor.FREE_HINT_OFFSET, word);
    }

    int routeCount()
    {
        return context.loadInt(address + HeaderDescriptor.ROUTE_COUNT_OFFSET);
    }

    void routeCount(final int count)
    {
        context.storeInt(address + HeaderDescriptor.ROUTE_COUNT_OFFSET, count);
    }

    int arpCount()
    {
        return context.loadInt(address + HeaderDescriptor.ARP_COUNT_OFFSET);
    }

    void arpCount(final int count)
    {
        context.storeInt(address + HeaderDescriptor.ARP_COUNT_OFFSET, count);
    }

    int buffersHeld()
    {
        return context.loadInt(address + HeaderDescriptor.BUFFERS_HELD_OFFSET);
    }

    void addBuffersHeld(final int delta)
    {
        addInt(HeaderDescriptor.BUFFERS_HELD_OFFSET, delta);
    }

    private void addInt(final int offset, final int delta)
    {
        context.storeInt(address + offset, context.loadInt(address + offset) + delta);
    }

    private void addLong(final int offset, final long delta)
    {
        context.storeLong(address + offset, context.loadLong(address + offset) + delta);
    }

    private void raise(final int offset, final long value)
    {
        if (value > context.loadLong(address + offset))
        {
            context.storeLong(address + offset, value);
        }
    }
}
