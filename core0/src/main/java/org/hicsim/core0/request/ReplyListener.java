package org.hicsim.core0.request;

import org.hicsim.core0.spi.Message;

/**
 * A client's side of the request path: told of each reply when it arrives.
 */
@FunctionalInterface
public interface ReplyListener
{
    /**
     * @param tag       what the client gave when it sent the request.
     * @param reply     the reply, valid only during the call. Its status is the service's, or a Core-0 code when
     *                  the request never reached a server or the server died ({@code SystemCalls.IPC_*},
     *                  {@code Dispatcher.UNKNOWN_CONNECTION}); its connection id is the client's id of the
     *                  connection (for an open, the new one).
     * @param latencyNs virtual time from the send to this arrival.
     */
    void onReply(long tag, Message reply, long latencyNs);
}
