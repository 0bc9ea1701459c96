package org.hicsim.core0.audit;

/**
 * One audit record. Its encoding is one line of text, and that line is both what the log file holds and what
 * the next record's {@code prevHash} is the SHA-256 of:
 * <pre>
 * seq=&lt;n&gt; t=&lt;virtual ns&gt; kind=&lt;kind&gt; sandbox=&lt;id&gt; prev=&lt;64 hex digits&gt;[ &lt;detail&gt;]
 * </pre>
 * The encoding is canonical: a line decodes only if encoding the result gives the same line back.
 *
 * @param sequence  position in the log, from 0.
 * @param timeNs    virtual time of the record.
 * @param kind      dotted event name without spaces, e.g. {@code cap.refused}.
 * @param sandboxId the sandbox the record is about, 0 for Core-0.
 * @param detail    {@code name=value} pairs separated by single spaces; no line breaks.
 * @param prevHash  lower-case hex SHA-256 of the previous record's line, or {@link AuditChain#GENESIS_HASH}.
 */
public record AuditRecord(long sequence, long timeNs, String kind, int sandboxId, String detail, String prevHash)
{
    private static final String SEQUENCE = "seq=";
    private static final String TIME = "t=";
    private static final String KIND = "kind=";
    private static final String SANDBOX = "sandbox=";
    private static final String PREV = "prev=";
    private static final int FIELDS = 6;

    public AuditRecord
    {
        if (kind.isEmpty() || hasWhitespace(kind))
        {
            throw new IllegalArgumentException("kind=\"" + kind + "\" must be non-empty without whitespace");
        }
        if (detail.indexOf('\n') >= 0 || detail.indexOf('\r') >= 0)
        {
            throw new IllegalArgumentException("detail must be one line: detail=\"" + detail + "\"");
        }
        if (!AuditChain.isHash(prevHash))
        {
            throw new IllegalArgumentException("prevHash=" + prevHash + " must be 64 lower-case hex digits");
        }
    }

    private static boolean hasWhitespace(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (Character.isWhitespace(text.charAt(i)))
            {
                return true;
            }
        }
        return false;
    }

    public String encode()
    {
        final StringBuilder line = new StringBuilder(128 + detail.length())
            .append(SEQUENCE).append(sequence)
            .append(' ').append(TIME).append(timeNs)
            .append(' ').append(KIND).append(kind)
            .append(' ').append(SANDBOX).append(sandboxId)
            .append(' ').append(PREV).append(prevHash);
        if (!detail.isEmpty())
        {
            line.append(' ').append(detail);
        }
        return line.toString();
    }

    /**
     * @return the record the line encodes, or null when it is not a canonical record line.
     */
    public static AuditRecord decode(final String line)
    {
        final String[] fields = line.split(" ", FIELDS);
        if (fields.length < FIELDS - 1)
        {
            return null;
        }
        try
        {
            final AuditRecord record = new AuditRecord(
                Long.parseLong(value(fields[0], SEQUENCE)),
                Long.parseLong(value(fields[1], TIME)),
                value(fields[2], KIND),
                Integer.parseInt(value(fields[3], SANDBOX)),
                fields.length == FIELDS ? fields[FIELDS - 1] : "",
                value(fields[4], PREV));
            return record.encode().equals(line) ? record : null;
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    private static String value(final String field, final String name)
    {
        if (!field.startsWith(name))
        {
            throw new IllegalArgumentException("expected " + name + " in field=" + field);
        }
        return field.substring(name.length());
    }
}
