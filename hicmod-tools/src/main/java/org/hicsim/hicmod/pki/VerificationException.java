package org.hicsim.hicmod.pki;

/**
 * A signature that is refused, with the {@link Reason} and a message written for the user. The {@code hic} CLI
 * prints the message on one line as a refusal (exit 1).
 */
public final class VerificationException extends RuntimeException
{
    /**
     * Why a signature, a bundle or a repository index is refused: each check of {@link CmsVerifier},
     * {@link BundleVerifier} and the module repository has its own.
     */
    public enum Reason
    {
        MALFORMED_SIGNATURE("malformed signature"),
        SIGNER_CERTIFICATE_MISSING("signer certificate missing"),
        UNSUPPORTED_ALGORITHM("unsupported algorithm"),
        WEAK_KEY("key too weak"),
        MISSING_SIGNING_TIME("no signing time"),
        SIGNING_TIME_IN_FUTURE("signing time in the future"),
        CONTENT_DIGEST_MISMATCH("content does not match the signature"),
        BAD_SIGNATURE("signature does not verify"),
        SELF_SIGNED_SIGNER("self-signed signer"),
        CHAIN_INCOMPLETE("certificate chain incomplete"),
        UNTRUSTED_ROOT("untrusted root"),
        CERTIFICATE_SIGNATURE_INVALID("certificate signature invalid"),
        CERTIFICATE_NOT_YET_VALID("certificate not yet valid"),
        CERTIFICATE_EXPIRED("certificate expired"),
        CHAIN_INVALID("certificate chain invalid"),
        SIGNER_KEY_USAGE("signer key usage"),
        SIGNER_NOT_CODE_SIGNING("signer not for code signing"),
        NOT_SIGNED("not signed"),
        DOWNGRADE("downgrade"),
        REPLAY("replay"),
        MODULE_IDENTITY_CHANGED("module identity changed"),
        INDEX_EXPIRED("index expired"),
        INDEX_ROLLBACK("index rollback"),
        BUNDLE_NOT_AS_INDEXED("bundle differs from the index");

        private final String description;

        Reason(final String description)
        {
            this.description = description;
        }

        /**
         * A few words that open every message of this reason.
         */
        public String description()
        {
            return description;
        }
    }

    private final Reason reason;

    /**
     * @param detail what exactly was wrong, e.g. which certificate expired when.
     */
    public VerificationException(final Reason reason, final String detail)
    {
        super(reason.description() + ": " + detail);
        this.reason = reason;
    }

    public VerificationException(final Reason reason, final String detail, final Throwable cause)
    {
        super(reason.description() + ": " + detail, cause);
        this.reason = reason;
    }

    private VerificationException(final String where, final VerificationException refusal)
    {
        super(where + ": " + refusal.getMessage(), refusal);
        this.reason = refusal.reason;
    }

    /**
     * The same refusal, its message prefixed with where it happened (a file name, a module name).
     */
    public VerificationException in(final String where)
    {
        return new VerificationException(where, this);
    }

    public Reason reason()
    {
        return reason;
    }
}
