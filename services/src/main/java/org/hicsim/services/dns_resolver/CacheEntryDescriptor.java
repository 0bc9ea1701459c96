package org.hicsim.services.dns_resolver;

/**
 * Layout of one cached answer, in the cache and in a snapshot.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 Expires At (u64, virtual ns)                  |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                         IPv4 Address                          |  8
 *  +---------------------------------------------------------------+
 *  |                  Name Hash (CRC32C of the name)               | 12
 *  +---------------------------------------------------------------+
 *  |                          Name Length                          | 16
 *  +---------------------------------------------------------------+
 *  |                        Reserved (zero)                        | 20
 *  +---------------------------------------------------------------+
 *  |               Name (lowercase ASCII, 256 bytes)              ...24
 *  +---------------------------------------------------------------+
 * </pre>
 * Little-endian. An entry whose expiry is not after now is empty: expiry 0 marks one never filled. The hash is
 * the entry's set, and lets a lookup skip the name compare for every entry but the right one.
 */
public final class CacheEntryDescriptor
{
    public static final int EXPIRES_AT_OFFSET = 0;
    public static final int ADDRESS_OFFSET = 8;
    public static final int NAME_HASH_OFFSET = 12;
    public static final int NAME_LENGTH_OFFSET = 16;
    public static final int RESERVED_OFFSET = 20;
    public static final int NAME_OFFSET = 24;
    public static final int NAME_CAPACITY = 256;
    public static final int LENGTH = NAME_OFFSET + NAME_CAPACITY;

    private CacheEntryDescriptor()
    {
    }
}
