package org.hicsim.core0.ipc;

import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;

/**
 * Test receiver: copies each delivered message out of the ring, with the virtual time it was received.
 */
final class ReceivedMessages implements MessageHandler
{
    record Message(int msgTypeId, byte[] payload)
    {
    }

    final List<Message> messages = new ArrayList<>();

    @Override
    public void onMessage(final int msgTypeId, final DirectBuffer buffer, final int index, final int length)
    {
        final byte[] payload = new byte[length];
        buffer.getBytes(index, payload);
        messages.add(new Message(msgTypeId, payload));
    }
}
