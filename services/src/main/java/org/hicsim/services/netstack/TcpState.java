package org.hicsim.services.netstack;

/**
 * The TCP states a connection record stores, a subset of RFC 9293's. The simulated peer answers within one round
 * trip, so the transient states last exactly that long: {@link #SYN_SENT} becomes {@link #ESTABLISHED} and
 * {@link #FIN_WAIT} ends the connection one round trip after they began, worked out from virtual time when the
 * connection is next touched rather than by a timer. A UDP connection is {@link #ESTABLISHED} from the start.
 */
public final class TcpState
{
    /** Our SYN is out; the peer's SYN-ACK arrives one round trip later. */
    public static final int SYN_SENT = 1;
    /** Data flows both ways. */
    public static final int ESTABLISHED = 2;
    /** Our FIN is out; the peer's ACK and FIN arrive one round trip later and end the connection. */
    public static final int FIN_WAIT = 3;

    /**
     * The round trip to the simulated peer: how long the transient states last in 1.2.0, and where 1.3.0's
     * smoothed round-trip time starts before its first measurement.
     */
    public static final long ROUND_TRIP_DEFAULT_NS = 1_000_000;

    private TcpState()
    {
    }

    /** Whether {@code state} completes by itself after a round trip: what protocol-free quiescence waits for. */
    public static boolean isTransient(final int state)
    {
        return state == SYN_SENT || state == FIN_WAIT;
    }
}
