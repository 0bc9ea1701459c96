package org.hicsim.services.dns_resolver;

/**
 * Host names as the resolver takes them (RFC 1123's letters, digits and hyphens, RFC 1035's lengths) and the
 * query it sends for one, in RFC 1035's wire format.
 */
public final class DnsName
{
    /** What {@link #normalize} answers for a name that is not a valid host name. */
    public static final int INVALID = -1;

    /** Header (12) + the name as labels (at most its length + 2) + QTYPE and QCLASS (4). */
    public static final int QUERY_LENGTH_MAX = 12 + DnsResolverProtocol.NAME_LENGTH_MAX + 2 + 4;

    private static final int FLAG_RECURSION_DESIRED = 0x0100;
    private static final int TYPE_A = 1;
    private static final int CLASS_IN = 1;

    private DnsName()
    {
    }

    /**
     * Copies the name of {@code length} bytes at {@code offset} of {@code src} to the start of {@code dst} in
     * lowercase, checking it.
     *
     * @return its length, or {@link #INVALID}.
     */
    public static int normalize(final byte[] src, final int offset, final int length, final byte[] dst)
    {
        if (length < 1 || length > DnsResolverProtocol.NAME_LENGTH_MAX)
        {
            return INVALID;
        }
        int labelStart = 0;
        for (int i = 0; i <= length; i++)
        {
            if (i == length || src[offset + i] == '.')
            {
                final int labelLength = i - labelStart;
                if (labelLength < 1 || labelLength > DnsResolverProtocol.LABEL_LENGTH_MAX
                    || src[offset + labelStart] == '-' || src[offset + i - 1] == '-')
                {
                    return INVALID;
                }
                labelStart = i + 1;
                if (i < length)
                {
                    dst[i] = '.';
                }
                continue;
            }
            final byte b = src[offset + i];
            if (b >= 'A' && b <= 'Z')
            {
                dst[i] = (byte)(b - 'A' + 'a');
            }
            else if ((b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-')
            {
                dst[i] = b;
            }
            else
            {
                return INVALID;
            }
        }
        return length;
    }

    /**
     * Writes a recursive query for the A record of a normalized name into {@code dst}.
     *
     * @return the query's length.
     */
    public static int writeQuery(final byte[] dst, final int queryId, final byte[] name, final int nameLength)
    {
        putShort(dst, 0, queryId);
        putShort(dst, 2, FLAG_RECURSION_DESIRED);
        putShort(dst, 4, 1);
        putShort(dst, 6, 0);
        putShort(dst, 8, 0);
        putShort(dst, 10, 0);
        int at = 12;
        int labelStart = 0;
        for (int i = 0; i <= nameLength; i++)
        {
            if (i == nameLength || name[i] == '.')
            {
                dst[at++] = (byte)(i - labelStart);
                System.arraycopy(name, labelStart, dst, at, i - labelStart);
                at += i - labelStart;
                labelStart = i + 1;
            }
        }
        dst[at++] = 0;
        putShort(dst, at, TYPE_A);
        putShort(dst, at + 2, CLASS_IN);
        return at + 4;
    }

    /** Network byte order, as RFC 1035 has it. */
    private static void putShort(final byte[] dst, final int offset, final int value)
    {
        dst[offset] = (byte)(value >>> 8);
        dst[offset + 1] = (byte)value;
    }
}
