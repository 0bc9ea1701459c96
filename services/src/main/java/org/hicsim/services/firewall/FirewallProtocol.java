package org.hicsim.services.firewall;

/**
 * The operations of {@code firewall}: an ordered rule table, first match wins, and a default verdict for a
 * packet no rule matches. Rules travel in the layout of {@link RuleDescriptor}; addresses are IPv4 addresses as
 * unsigned 32-bit numbers (10.0.0.1 is {@code 0x0A000001}).
 * <table>
 * <caption>Operations</caption>
 * <tr><th>operation</th><th>request</th><th>reply</th></tr>
 * <tr><td>{@link #ADD_RULE}</td><td>payload: the rule; arg0: the position to insert it at, 0 to the rule
 * count, or {@link #POSITION_APPEND}</td><td>arg0: the rule hash after, arg1: the rule count after, arg2: the
 * position</td></tr>
 * <tr><td>{@link #REMOVE_RULE}</td><td>arg0: the rule's position</td><td>arg0: rule hash, arg1: rule count
 * </td></tr>
 * <tr><td>{@link #CHECK}</td><td>arg0: source address, arg1: destination address, arg2: source port &lt;&lt; 16
 * | destination port, arg3: IP protocol number</td><td>arg0: {@link #ALLOW} or {@link #DENY}, arg1: the position
 * of the rule that matched, or {@link #NO_RULE} for the default verdict</td></tr>
 * <tr><td>{@link #RULE_HASH}</td><td>-</td><td>arg0: rule hash, arg1: rule count</td></tr>
 * <tr><td>{@link #SET_DEFAULT}</td><td>arg0: {@link #ALLOW} or {@link #DENY}</td><td>arg0: rule hash,
 * arg1: rule count</td></tr>
 * <tr><td>{@link #GET_RULE}</td><td>arg0: the rule's position</td><td>payload: the rule; arg0: how many checks
 * it matched</td></tr>
 * </table>
 * The rule hash is the CRC32C of the default verdict (u32, little-endian) followed by every rule in order: two
 * tables with one hash decide every packet alike (up to CRC collisions), which is what the rolling update's
 * "record rule hash for consistency check" compares. A rule that is not in canonical form (host bits set past
 * the prefix, an empty port range, an unknown action, reserved bits set) is refused with
 * {@link org.hicsim.core0.spi.Status#INVALID_ARGUMENT}, so one policy has one hash; a full table answers
 * {@link org.hicsim.core0.spi.Status#NO_CAPACITY}.
 */
public final class FirewallProtocol
{
    public static final int ADD_RULE = 1;
    public static final int REMOVE_RULE = 2;
    public static final int CHECK = 3;
    public static final int RULE_HASH = 4;
    public static final int SET_DEFAULT = 5;
    public static final int GET_RULE = 6;

    public static final int DENY = 0;
    public static final int ALLOW = 1;

    /** {@link #ADD_RULE}'s position for "after the last rule". */
    public static final long POSITION_APPEND = -1;
    /** {@link #CHECK}'s matched position when no rule matched. */
    public static final long NO_RULE = -1;

    /** Any IP protocol, in a rule's protocol field. */
    public static final int PROTOCOL_ANY = 0;
    public static final int PROTOCOL_TCP = 6;
    public static final int PROTOCOL_UDP = 17;

    private FirewallProtocol()
    {
    }
}
