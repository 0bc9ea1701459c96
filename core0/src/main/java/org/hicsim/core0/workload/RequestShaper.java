package org.hicsim.core0.workload;

import java.util.SplittableRandom;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;

/**
 * What the requests of a {@link Workload} say: the service's own protocol. A service's catalogue supplies one
 * (netstack opens TCP and UDP connections and sends segments on them); {@link OperationMix} is the generic one for
 * any service, including one a student wrote, that sends operation codes and names no connection.
 */
public interface RequestShaper
{
    /** Requests sent once, in order, before any connection opens (routes, ARP entries): how many. */
    int setupCount();

    /** Fills setup request {@code index} (0 to {@link #setupCount()} - 1). */
    void setup(int index, Message request);

    /** Whether requests go on connections the workload opens and closes; if not, every request names none. */
    boolean opensConnections();

    /** Fills the request that opens connection number {@code key} (stable: the same key each time it reopens). */
    void open(Message request, ConnectionClass connectionClass, long key);

    /**
     * How long after its open is answered a connection can carry requests (a TCP handshake's round trip); the
     * workload sends nothing on it before.
     */
    default long settleNs()
    {
        return 0;
    }

    /** The open of connection {@code key} was answered with status 0; the reply is valid only during the call. */
    default void opened(final long key, final Message reply)
    {
    }

    /**
     * Fills one request on open connection {@code key} of that class, or, for a shaper that opens none, one that
     * names no connection ({@code key} is then 0). The operation code must be 0 to 255.
     */
    void request(Message request, ConnectionClass connectionClass, long key, SplittableRandom random);

    /** A request on connection {@code key} with that operation was answered; the reply is valid during the call. */
    default void replied(final long key, final int operation, final Message reply)
    {
    }

    /** Fills the request that closes a connection. */
    void close(Message request);
}
