package org.hicsim.services.web_server;

/**
 * The little of HTTP/1.x the server speaks, over byte arrays and without allocating: finding the end of a
 * request's head, checking its request line, and writing ASCII into a response.
 */
public final class Http
{
    /** No blank line yet: the request is not complete. */
    public static final int INCOMPLETE = -1;

    private static final String VERSION_1_0 = "HTTP/1.0";
    private static final String VERSION_1_1 = "HTTP/1.1";
    private static final String GET = "GET";

    private Http()
    {
    }

    /**
     * @return the length of the request head in {@code src[0, length)}, blank line included, or
     * {@link #INCOMPLETE}.
     */
    public static int headLength(final byte[] src, final int length)
    {
        for (int i = 3; i < length; i++)
        {
            if (src[i] == '\n' && src[i - 1] == '\r' && src[i - 2] == '\n' && src[i - 3] == '\r')
            {
                return i + 1;
            }
        }
        return INCOMPLETE;
    }

    /**
     * Checks the request line that starts {@code src}: {@code METHOD SP target SP HTTP/1.x CRLF}.
     *
     * @return 0 for a GET of a target starting with {@code /}, else the HTTP status to answer: 400 for a
     * malformed line, 405 for another method.
     */
    public static int checkRequestLine(final byte[] src, final int headLength)
    {
        final int methodEnd = indexOf(src, 0, headLength, (byte)' ');
        final int targetEnd = methodEnd < 0 ? -1 : indexOf(src, methodEnd + 1, headLength, (byte)' ');
        final int lineEnd = indexOf(src, 0, headLength, (byte)'\r');
        if (methodEnd <= 0 || targetEnd < 0 || lineEnd < targetEnd || src[methodEnd + 1] != '/'
            || !(equalsAscii(src, targetEnd + 1, lineEnd, VERSION_1_1)
            || equalsAscii(src, targetEnd + 1, lineEnd, VERSION_1_0)))
        {
            return WebServerProtocol.HTTP_BAD_REQUEST;
        }
        return equalsAscii(src, 0, methodEnd, GET) ? 0 : WebServerProtocol.HTTP_METHOD_NOT_ALLOWED;
    }

    /** Where the target of a request line {@link #checkRequestLine} accepted starts. */
    public static int targetOffset(final byte[] src, final int headLength)
    {
        return indexOf(src, 0, headLength, (byte)' ') + 1;
    }

    /** The length of the target of a request line {@link #checkRequestLine} accepted. */
    public static int targetLength(final byte[] src, final int headLength)
    {
        final int offset = targetOffset(src, headLength);
        return indexOf(src, offset, headLength, (byte)' ') - offset;
    }

    public static String reasonPhrase(final int status)
    {
        switch (status)
        {
            case WebServerProtocol.HTTP_OK: return "OK";
            case WebServerProtocol.HTTP_BAD_REQUEST: return "Bad Request";
            case WebServerProtocol.HTTP_NOT_FOUND: return "Not Found";
            case WebServerProtocol.HTTP_METHOD_NOT_ALLOWED: return "Method Not Allowed";
            case WebServerProtocol.HTTP_HEADER_TOO_LARGE: return "Request Header Fields Too Large";
            default: throw new IllegalArgumentException("status=" + status + " is not one the server sends");
        }
    }

    /**
     * @return the index after the written text.
     */
    public static int putAscii(final byte[] dst, final int offset, final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            dst[offset + i] = (byte)text.charAt(i);
        }
        return offset + text.length();
    }

    /**
     * Writes a non-negative {@code value} in decimal.
     *
     * @return the index after the digits.
     */
    public static int putDecimal(final byte[] dst, final int offset, final long value)
    {
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10)
        {
            digits++;
        }
        long rest = value;
        for (int i = offset + digits - 1; i >= offset; i--)
        {
            dst[i] = (byte)('0' + rest % 10);
            rest /= 10;
        }
        return offset + digits;
    }

    /**
     * Writes {@code value} as 16 lowercase hex digits.
     *
     * @return the index after the digits.
     */
    public static int putHex(final byte[] dst, final int offset, final long value)
    {
        for (int i = 0; i < Long.BYTES * 2; i++)
        {
            final int nibble = (int)(value >>> (60 - 4 * i)) & 0xF;
            dst[offset + i] = (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        }
        return offset + Long.BYTES * 2;
    }

    private static int indexOf(final byte[] src, final int from, final int to, final byte value)
    {
        for (int i = from; i < to; i++)
        {
            if (src[i] == value)
            {
                return i;
            }
        }
        return -1;
    }

    private static boolean equalsAscii(final byte[] src, final int from, final int to, final String text)
    {
        if (to - from != text.length())
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (src[from + i] != text.charAt(i))
            {
                return false;
            }
        }
        return true;
    }
}
