package org.hicsim.common;

/**
 * Quotes user-supplied text inside a one-line error message: control characters are escaped so the message stays
 * one line, and long text is cut, since the reader needs to recognise the value, not to see all of it.
 */
public final class Quoted
{
    public static final int SHOWN_MAX = 48;

    private Quoted()
    {
    }

    public static String quote(final String text)
    {
        final StringBuilder quoted = new StringBuilder(SHOWN_MAX + 8).append('\'');
        final int shown = Math.min(text.length(), SHOWN_MAX);
        for (int i = 0; i < shown; i++)
        {
            final char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F)
            {
                quoted.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                quoted.append(c);
            }
        }
        if (shown < text.length())
        {
            quoted.append("...");
        }
        return quoted.append('\'').toString();
    }
}
