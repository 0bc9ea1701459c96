package org.hicsim.services.netstack;

/**
 * Layout of one ARP cache entry. The cache is a hash table with linear probing by IPv4 address; an entry is
 * updated in place and never removed, so no probe sequence is ever broken.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         IPv4 Address                          |  0
 *  +-------------------------------------------------------------+-+
 *  |                           Reserved                          |V|  4
 *  +-------------------------------------------------------------+-+
 *  |                   MAC Address (low 48 bits)                   |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 * V: the entry is in use.
 */
public final class ArpEntryDescriptor
{
    public static final int ADDRESS_OFFSET = 0;
    public static final int FLAGS_OFFSET = 4;
    public static final int MAC_OFFSET = 8;
    public static final int LENGTH = 16;

    public static final int FLAG_VALID = 1;
    public static final long MAC_MASK = 0xFFFF_FFFF_FFFFL;

    private ArpEntryDescriptor()
    {
    }
}
