package org.hicsim.services.firewall;

/**
 * Layout of one firewall rule, the same in a request, in the rule table and in a snapshot.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         Source Address                        |
 *  +---------------------------------------------------------------+
 *  |                       Destination Address                     |
 *  +-------------------------------+-------------------------------+
 *  |        Source Port Low        |       Source Port High        |
 *  +-------------------------------+-------------------------------+
 *  |     Destination Port Low      |     Destination Port High     |
 *  +---------------+---------------+---------------+---------------+
 *  | Source Prefix |  Dest Prefix  |   Protocol    |    Action     |
 *  +---------------+---------------+---------------+---------------+
 *  |                        Reserved (zero)                        |
 *  +---------------------------------------------------------------+
 * </pre>
 * Little-endian. A packet matches when its source address agrees with the rule's in the first source-prefix bits
 * (0 matches every address), likewise its destination, its ports lie within the inclusive ranges, and its
 * protocol equals the rule's or the rule's is {@link FirewallProtocol#PROTOCOL_ANY}. The action is
 * {@link FirewallProtocol#ALLOW} or {@link FirewallProtocol#DENY}.
 */
public final class RuleDescriptor
{
    public static final int SOURCE_ADDRESS_OFFSET = 0;
    public static final int DESTINATION_ADDRESS_OFFSET = SOURCE_ADDRESS_OFFSET + Integer.BYTES;
    public static final int SOURCE_PORT_LOW_OFFSET = DESTINATION_ADDRESS_OFFSET + Integer.BYTES;
    public static final int SOURCE_PORT_HIGH_OFFSET = SOURCE_PORT_LOW_OFFSET + Short.BYTES;
    public static final int DESTINATION_PORT_LOW_OFFSET = SOURCE_PORT_HIGH_OFFSET + Short.BYTES;
    public static final int DESTINATION_PORT_HIGH_OFFSET = DESTINATION_PORT_LOW_OFFSET + Short.BYTES;
    public static final int SOURCE_PREFIX_OFFSET = DESTINATION_PORT_HIGH_OFFSET + Short.BYTES;
    public static final int DESTINATION_PREFIX_OFFSET = SOURCE_PREFIX_OFFSET + 1;
    public static final int PROTOCOL_OFFSET = DESTINATION_PREFIX_OFFSET + 1;
    public static final int ACTION_OFFSET = PROTOCOL_OFFSET + 1;
    public static final int RESERVED_OFFSET = ACTION_OFFSET + 1;
    public static final int LENGTH = RESERVED_OFFSET + Integer.BYTES;

    public static final int PREFIX_MAX = 32;

    private RuleDescriptor()
    {
    }
}
