package org.hicsim.services.dns_resolver;

import org.hicsim.core0.spi.Status;

/**
 * The operations of {@code dns_resolver}: a caching stub resolver for IPv4 addresses. A name the cache does not
 * hold is asked of the upstream server as a real RFC 1035 query sent through netstack; the simulated upstream
 * is an oracle whose answer is a function of the name alone ({@link #ANSWER_PREFIX} plus 24 bits of the name's
 * hash, with a TTL of {@link #ANSWER_TTL_SECONDS}), so runs stay deterministic. Cached answers expire in
 * virtual time.
 * <table>
 * <caption>Operations</caption>
 * <tr><th>operation</th><th>request</th><th>reply</th></tr>
 * <tr><td>{@link #RESOLVE}</td><td>payload: the name, ASCII, at most {@link #NAME_LENGTH_MAX} bytes, labels of
 * letters, digits and inner hyphens, at most 63 bytes each; case does not matter</td><td>arg0: the IPv4 address,
 * arg1: seconds the answer stays valid, arg2: 1 from the cache, 0 from upstream</td></tr>
 * <tr><td>{@link #SET_UPSTREAM}</td><td>arg0: this host's IPv4 address, arg1: the upstream server's</td><td>arg0:
 * the netstack connection queries go out on</td></tr>
 * <tr><td>{@link #FLUSH}</td><td>-</td><td>arg0: answers dropped</td></tr>
 * <tr><td>{@link #STATS}</td><td>-</td><td>arg0: answers cached, arg1: hits, arg2: misses, arg3: queries
 * sent</td></tr>
 * </table>
 * A miss with no upstream set is refused with {@link #NO_UPSTREAM}; one whose query netstack refused with
 * {@link #UPSTREAM_FAILED}, netstack's code in arg0, and nothing cached.
 */
public final class DnsResolverProtocol
{
    public static final int RESOLVE = 1;
    public static final int SET_UPSTREAM = 2;
    public static final int FLUSH = 3;
    public static final int STATS = 4;

    /** RFC 1035's limit on a name in text form, without the trailing dot. */
    public static final int NAME_LENGTH_MAX = 253;
    public static final int LABEL_LENGTH_MAX = 63;

    public static final int ANSWER_TTL_SECONDS = 300;
    /** 10.0.0.0/8: answers come from a private range, so they never name a real host. */
    public static final int ANSWER_PREFIX = 0x0A00_0000;
    public static final int DNS_PORT = 53;
    /** The source port queries leave from. */
    public static final int QUERY_PORT = 49153;

    /** A miss, and no upstream server is set. */
    public static final int NO_UPSTREAM = Status.SERVICE_BASE;
    /** A miss, and netstack refused the query; arg0 holds its code. */
    public static final int UPSTREAM_FAILED = Status.SERVICE_BASE - 1;

    private DnsResolverProtocol()
    {
    }
}
