package org.hicsim.core0.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.hicsim.core0.audit.AuditVerification.Problem.CHAIN_BROKEN;
import static org.hicsim.core0.audit.AuditVerification.Problem.MALFORMED;
import static org.hicsim.core0.audit.AuditVerification.Problem.RECORDS_MISSING;
import static org.hicsim.core0.audit.AuditVerification.Problem.RECORDS_UNEXPECTED;
import static org.hicsim.core0.audit.AuditVerification.Problem.SEQUENCE_MISMATCH;

/**
 * The hash chain over audit record lines, and its verification against a trusted head.
 * <p>
 * The chain alone cannot tell an edited record from an edited link: when record {@code i}'s {@code prevHash}
 * does not match the SHA-256 of record {@code i - 1}, record {@code i - 1} is named, as the first record its
 * successor no longer vouches for. The head (count and last hash, held by Core-0 outside the log) covers the
 * end of the log, where no successor vouches.
 */
public final class AuditChain
{
    private static final int SHA256_HEX_LENGTH = 64;
    private static final HexFormat HEX = HexFormat.of();

    /** {@code prevHash} of the first record. */
    public static final String GENESIS_HASH = "0".repeat(SHA256_HEX_LENGTH);

    private AuditChain()
    {
    }

    public static String sha256Hex(final String line)
    {
        return sha256Hex(sha256(), line);
    }

    /** As {@link #sha256Hex(String)} with a digest the caller keeps: looking one up costs more than a short line. */
    static String sha256Hex(final MessageDigest sha256, final String line)
    {
        return HEX.formatHex(sha256.digest(line.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }

    static boolean isHash(final String text)
    {
        if (text.length() != SHA256_HEX_LENGTH)
        {
            return false;
        }
        for (int i = 0; i < SHA256_HEX_LENGTH; i++)
        {
            final char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f'))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param lines         the log, one encoded record per line, oldest first.
     * @param expectedCount how many records were appended, from the trusted head.
     * @param headHash      SHA-256 of the last record appended ({@link #GENESIS_HASH} if none), from the head.
     */
    public static AuditVerification verify(final List<String> lines, final long expectedCount, final String headHash)
    {
        return verify(lines, expectedCount, headHash, new AuditCursor());
    }

    /**
     * As {@link #verify(List, long, String)}, from where {@code cursor} left off: the records it vouched for are
     * not read again. An intact log moves the cursor to its end.
     */
    static AuditVerification verify(
        final List<String> lines, final long expectedCount, final String headHash, final AuditCursor cursor)
    {
        String previousHash = cursor.lastHash;
        final int count = lines.size();
        final MessageDigest sha256 = sha256();
        for (int i = cursor.checked; i < count; i++)
        {
            final String line = lines.get(i);
            final AuditRecord record = AuditRecord.decode(line);
            if (null == record)
            {
                return AuditVerification.failure(i, MALFORMED, "not a record line: " + line);
            }
            if (record.sequence() != i)
            {
                return AuditVerification.failure(i, SEQUENCE_MISMATCH, "sequence=" + record.sequence() +
                    " expected=" + i);
            }
            if (!record.prevHash().equals(previousHash))
            {
                return i == 0 ?
                    AuditVerification.failure(0, CHAIN_BROKEN, "record 0 does not start from the genesis hash") :
                    AuditVerification.failure(i - 1, CHAIN_BROKEN, "prevHash of record " + i +
                        " is not the SHA-256 of record " + (i - 1));
            }
            previousHash = sha256Hex(sha256, line);
        }
        if (count < expectedCount)
        {
            return AuditVerification.failure(count, RECORDS_MISSING, "log ends at " + count + " records, " +
                expectedCount + " were appended");
        }
        if (count > expectedCount)
        {
            return AuditVerification.failure((int)expectedCount, RECORDS_UNEXPECTED, "log holds " + count +
                " records, " + expectedCount + " were appended");
        }
        if (!previousHash.equals(headHash))
        {
            return AuditVerification.failure(Math.max(count - 1, 0), CHAIN_BROKEN,
                "SHA-256 of the last record is not the head hash");
        }
        cursor.checked = count;
        cursor.lastHash = previousHash;
        return AuditVerification.INTACT;
    }
}
