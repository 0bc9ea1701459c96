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

    /** Fills one request on an open connection of that class, or one that names none. */
    void request(Message request, ConnectionClass connectionClass, SplittableRandom random);

    /** Fills the request that closes a connection. */
    void close(Message request);
}
