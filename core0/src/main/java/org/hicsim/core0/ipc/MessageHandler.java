package org.hicsim.core0.ipc;

import org.agrona.DirectBuffer;

/**
 * Receives one delivered message as a flyweight over the endpoint's ring: the bytes are valid only during the
 * call, so a receiver copies what it keeps. The buffer is typed read-only because the ring is the kernel's.
 */
@FunctionalInterface
public interface MessageHandler
{
    void onMessage(int msgTypeId, DirectBuffer buffer, int index, int length);
}
