package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ServiceContext;

/**
 * Copies between a byte array and one ring of a connection buffer ({@link BufferDescriptor}), where a byte's
 * place is its sequence number modulo the ring length: at most two copies, split where the ring wraps.
 */
final class BufferRing
{
    private BufferRing()
    {
    }

    static void write(
        final ServiceContext context, final long ringAddress, final int ringLength, final int sequence,
        final byte[] src, final int length)
    {
        final int start = sequence & (ringLength - 1);
        final int first = Math.min(length, ringLength - start);
        context.storeBytes(ringAddress + start, src, 0, first);
        if (first < length)
        {
            context.storeBytes(ringAddress, src, first, length - first);
        }
    }

    static void read(
        final ServiceContext context, final long ringAddress, final int ringLength, final int sequence,
        final byte[] dst, final int length)
    {
        final int start = sequence & (ringLength - 1);
        final int first = Math.min(length, ringLength - start);
        context.loadBytes(ringAddress + start, dst, 0, first);
        if (first < length)
        {
            context.loadBytes(ringAddress, dst, first, length - first);
        }
    }
}
