package org.hicsim.services.firewall;

import org.hicsim.services.common.LittleEndian;

/**
 * Reads a rule in the layout of {@link RuleDescriptor} where it lies in a byte array: whether it is canonical,
 * and whether a packet matches it.
 */
public final class FirewallRule
{
    private FirewallRule()
    {
    }

    /**
     * A canonical rule: prefixes of at most 32 bits with no address bit set past them, non-empty port ranges, a
     * known action and zero reserved bytes. Only canonical rules enter a table, so equal policies hash equal.
     */
    public static boolean isCanonical(final byte[] rule, final int offset)
    {
        final int sourcePrefix = rule[offset + RuleDescriptor.SOURCE_PREFIX_OFFSET] & 0xFF;
        final int destinationPrefix = rule[offset + RuleDescriptor.DESTINATION_PREFIX_OFFSET] & 0xFF;
        final int action = rule[offset + RuleDescriptor.ACTION_OFFSET] & 0xFF;
        return sourcePrefix <= RuleDescriptor.PREFIX_MAX
            && destinationPrefix <= RuleDescriptor.PREFIX_MAX
            && (LittleEndian.getInt(rule, offset + RuleDescriptor.SOURCE_ADDRESS_OFFSET) & ~mask(sourcePrefix)) == 0
            && (LittleEndian.getInt(rule, offset + RuleDescriptor.DESTINATION_ADDRESS_OFFSET)
                & ~mask(destinationPrefix)) == 0
            && port(rule, offset, RuleDescriptor.SOURCE_PORT_LOW_OFFSET)
                <= port(rule, offset, RuleDescriptor.SOURCE_PORT_HIGH_OFFSET)
            && port(rule, offset, RuleDescriptor.DESTINATION_PORT_LOW_OFFSET)
                <= port(rule, offset, RuleDescriptor.DESTINATION_PORT_HIGH_OFFSET)
            && (action == FirewallProtocol.ALLOW || action == FirewallProtocol.DENY)
            && LittleEndian.getInt(rule, offset + RuleDescriptor.RESERVED_OFFSET) == 0;
    }

    public static boolean matches(
        final byte[] rule,
        final int offset,
        final int sourceAddress,
        final int destinationAddress,
        final int sourcePort,
        final int destinationPort,
        final int protocol)
    {
        final int ruleProtocol = rule[offset + RuleDescriptor.PROTOCOL_OFFSET] & 0xFF;
        return ((LittleEndian.getInt(rule, offset + RuleDescriptor.SOURCE_ADDRESS_OFFSET) ^ sourceAddress)
                & mask(rule[offset + RuleDescriptor.SOURCE_PREFIX_OFFSET] & 0xFF)) == 0
            && ((LittleEndian.getInt(rule, offset + RuleDescriptor.DESTINATION_ADDRESS_OFFSET) ^ destinationAddress)
                & mask(rule[offset + RuleDescriptor.DESTINATION_PREFIX_OFFSET] & 0xFF)) == 0
            && within(rule, offset, RuleDescriptor.SOURCE_PORT_LOW_OFFSET, sourcePort)
            && within(rule, offset, RuleDescriptor.DESTINATION_PORT_LOW_OFFSET, destinationPort)
            && (ruleProtocol == FirewallProtocol.PROTOCOL_ANY || ruleProtocol == protocol);
    }

    public static int action(final byte[] rule, final int offset)
    {
        return rule[offset + RuleDescriptor.ACTION_OFFSET] & 0xFF;
    }

    private static boolean within(final byte[] rule, final int offset, final int lowOffset, final int port)
    {
        return port >= port(rule, offset, lowOffset) && port <= port(rule, offset, lowOffset + Short.BYTES);
    }

    private static int port(final byte[] rule, final int offset, final int portOffset)
    {
        return LittleEndian.getUnsignedShort(rule, offset + portOffset);
    }

    /** The address bits a prefix of {@code prefix} bits fixes; a 32-bit shift is a no-op in Java, hence 0 apart. */
    private static int mask(final int prefix)
    {
        return prefix == 0 ? 0 : -1 << (Integer.SIZE - prefix);
    }
}
