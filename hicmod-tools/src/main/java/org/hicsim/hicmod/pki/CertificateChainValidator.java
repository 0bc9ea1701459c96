package org.hicsim.hicmod.pki;

import java.security.GeneralSecurityException;
import java.security.interfaces.RSAKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

import org.hicsim.hicmod.pki.VerificationException.Reason;

/**
 * Validates a signer certificate against trust roots. It first builds the path itself, from the signer through
 * the certificates a signature carries to a trust root, so that each way a path can fail has its own {@link
 * Reason}; then checks every validity period, both at the signing time and at the verification instant; then runs
 * PKIX path validation ({@link CertPathValidator} "PKIX", revocation off) for basic constraints, path lengths and
 * CA key usage; and last the signer's own key usage and code-signing extended key usage.
 * <p>
 * Nothing is checked twice: a path that passed is remembered, and a later signature that carries the same
 * certificates is matched to it by issuer names alone, with no signature verified and no PKIX run. Only the
 * validity periods depend on time, so they are checked on every call, against the instants of that call: a
 * remembered path still fails once the verification instant passes one of its certificates' notAfter.
 */
final class CertificateChainValidator
{
    /** Longest path from signer to trust root, trust root included; longer ones are refused. */
    static final int PATH_LENGTH_MAX = 8;
    /** Validated paths remembered; past this many all are forgotten, which costs only a re-validation each. */
    static final int VALIDATED_PATHS_MAX = 64;

    private static final int DIGITAL_SIGNATURE_BIT = 0;
    private static final String CODE_SIGNING = KeyPurposeId.id_kp_codeSigning.getId();

    private final List<X509Certificate> trustRoots;
    private final Map<List<X509Certificate>, ValidatedPath> validatedPaths = new ConcurrentHashMap<>();

    CertificateChainValidator(final List<X509Certificate> trustRoots)
    {
        if (trustRoots.isEmpty())
        {
            throw new IllegalArgumentException("trustRoots is empty");
        }
        this.trustRoots = List.copyOf(trustRoots);
    }

    /**
     * A path that passed: {@code signer}, the intermediate CAs, and the trust root last, with their subjects.
     */
    record ValidatedPath(List<X509Certificate> certificates, List<String> subjects)
    {
    }

    /**
     * The validated path.
     *
     * @param carried     the certificates the signature carries (the signer's among them or not).
     * @param signingTime when the signature says it was made: every certificate must have been valid then.
     * @param at          the verification instant: every certificate must be valid then too.
     */
    ValidatedPath validate(
        final X509Certificate signer,
        final Collection<X509Certificate> carried,
        final Instant signingTime,
        final Instant at)
    {
        final List<X509Certificate> named = namedPath(signer, carried);
        final ValidatedPath remembered = named == null ? null : validatedPaths.get(named);
        if (remembered != null)
        {
            checkValidity(remembered.certificates(), signingTime, at);
            return remembered;
        }
        final List<X509Certificate> path = buildPath(signer, carried);
        checkValidity(path, signingTime, at);
        checkKeyStrength(path);
        checkPkix(path, signingTime);
        checkSignerUsage(signer);
        return remember(path);
    }

    private ValidatedPath remember(final List<X509Certificate> path)
    {
        if (validatedPaths.size() >= VALIDATED_PATHS_MAX)
        {
            validatedPaths.clear();
        }
        final List<String> subjects = new ArrayList<>(path.size());
        for (final X509Certificate certificate : path)
        {
            subjects.add(subject(certificate));
        }
        final ValidatedPath validated = new ValidatedPath(List.copyOf(path), List.copyOf(subjects));
        validatedPaths.put(validated.certificates(), validated);
        return validated;
    }

    /**
     * The path as issuer names alone lead from {@code signer} to a trust root, taking the first certificate of
     * each name; null when the names lead nowhere. Only a path that was validated as a whole may be trusted.
     */
    private List<X509Certificate> namedPath(final X509Certificate signer, final Collection<X509Certificate> carried)
    {
        final List<X509Certificate> path = new ArrayList<>(3);
        X509Certificate current = signer;
        while (path.size() < PATH_LENGTH_MAX - 1)
        {
            path.add(current);
            final X509Certificate root = firstNamedIssuer(trustRoots, current);
            if (root != null)
            {
                path.add(root);
                return path;
            }
            current = firstNamedIssuer(carried, current);
            if (current == null || isSelfIssued(current))
            {
                return null;
            }
        }
        return null;
    }

    private static X509Certificate firstNamedIssuer(
        final Collection<X509Certificate> certificates, final X509Certificate certificate)
    {
        for (final X509Certificate candidate : certificates)
        {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
            {
                return candidate;
            }
        }
        return null;
    }

    private static void checkValidity(final List<X509Certificate> path, final Instant signingTime, final Instant at)
    {
        for (final X509Certificate certificate : path)
        {
            checkValidity(certificate, signingTime, "the signing time");
        }
        for (final X509Certificate certificate : path)
        {
            checkValidity(certificate, at, "the verification time");
        }
    }

    /**
     * A chain is as strong as its weakest key: an RSA intermediate or root shorter than the signer's minimum
     * would let whoever factors it issue signers at will.
     */
    private static void checkKeyStrength(final List<X509Certificate> path)
    {
        for (final X509Certificate certificate : path)
        {
            if (certificate.getPublicKey() instanceof RSAKey rsaKey
                && rsaKey.getModulus().bitLength() < KeyAlgorithm.RSA.keyBits())
            {
                throw new VerificationException(Reason.WEAK_KEY, certificate.getSubjectX500Principal().getName()
                    + ": RSA key of " + rsaKey.getModulus().bitLength() + " bits, fewer than "
                    + KeyAlgorithm.RSA.keyBits());
            }
        }
    }

    private List<X509Certificate> buildPath(final X509Certificate signer, final Collection<X509Certificate> carried)
    {
        if (isSelfIssued(signer))
        {
            throw new VerificationException(Reason.SELF_SIGNED_SIGNER,
                "the signer certificate " + subject(signer) + " is its own issuer; it must be issued by a CA");
        }
        final List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = signer;
        while (path.size() < PATH_LENGTH_MAX - 1)
        {
            path.add(current);
            final List<X509Certificate> namedRoots = issuersNamedIn(trustRoots, current);
            if (!namedRoots.isEmpty())
            {
                path.add(signingIssuer(current, namedRoots));
                return path;
            }
            current = carriedIssuer(current, carried);
        }
        throw new VerificationException(Reason.CHAIN_INVALID,
            "no trust root within " + PATH_LENGTH_MAX + " certificates of the signer " + subject(signer));
    }

    private static X509Certificate signingIssuer(final X509Certificate certificate, final List<X509Certificate> roots)
    {
        for (final X509Certificate root : roots)
        {
            if (isSignedBy(certificate, root))
            {
                return root;
            }
        }
        for (final X509Certificate root : roots)
        {
            if (namesKeyOf(certificate, root))
            {
                throw new VerificationException(Reason.CERTIFICATE_SIGNATURE_INVALID, "the certificate " +
                    subject(certificate) + " names the key of the trust root " + subject(root) +
                    " as its issuer's but does not verify with it");
            }
        }
        throw new VerificationException(Reason.UNTRUSTED_ROOT, subject(certificate) +
            " is not signed by the trust root of that name (a different key: another PKI's root?)");
    }

    /**
     * Whether {@code certificate}'s authority key identifier is {@code issuer}'s subject key identifier: a
     * certificate that names the trusted key but does not verify with it was altered, not issued elsewhere.
     */
    private static boolean namesKeyOf(final X509Certificate certificate, final X509Certificate issuer)
    {
        final byte[] authorityKey = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        final byte[] subjectKey = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (authorityKey == null || subjectKey == null)
        {
            return false;
        }
        try
        {
            final byte[] named = AuthorityKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(authorityKey).getOctets()).getKeyIdentifier();
            return named != null && Arrays.equals(named, SubjectKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(subjectKey).getOctets()).getKeyIdentifier());
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
    }

    private static X509Certificate carriedIssuer(
        final X509Certificate certificate, final Collection<X509Certificate> carried)
    {
        final List<X509Certificate> candidates = issuersNamedIn(carried, certificate);
        candidates.removeIf(CertificateChainValidator::isSelfIssued);
        if (candidates.isEmpty())
        {
            final String issuer = certificate.getIssuerX500Principal().getName();
            if (certificate.getBasicConstraints() >= 0 || !issuersNamedIn(carried, certificate).isEmpty())
            {
                throw new VerificationException(Reason.UNTRUSTED_ROOT, "the chain ends at " + subject(certificate) +
                    ", whose issuer " + issuer + " is not a trust root");
            }
            throw new VerificationException(Reason.CHAIN_INCOMPLETE, "the signature carries no certificate of " +
                issuer + ", the issuer of " + subject(certificate) + " (is the intermediate CA missing?)");
        }
        for (final X509Certificate candidate : candidates)
        {
            if (isSignedBy(certificate, candidate))
            {
                return candidate;
            }
        }
        throw new VerificationException(Reason.CERTIFICATE_SIGNATURE_INVALID, "the certificate " +
            subject(certificate) + " does not verify with the key of its issuer " + subject(candidates.get(0)));
    }

    private static void checkValidity(final X509Certificate certificate, final Instant at, final String which)
    {
        try
        {
            certificate.checkValidity(Date.from(at));
        }
        catch (final CertificateExpiredException ex)
        {
            throw new VerificationException(Reason.CERTIFICATE_EXPIRED, subject(certificate) + " expired at " +
                certificate.getNotAfter().toInstant() + ", before " + which + " " + at, ex);
        }
        catch (final CertificateNotYetValidException ex)
        {
            throw new VerificationException(Reason.CERTIFICATE_NOT_YET_VALID, subject(certificate) +
                " is valid from " + certificate.getNotBefore().toInstant() + ", after " + which + " " + at, ex);
        }
    }

    private static void checkPkix(final List<X509Certificate> path, final Instant at)
    {
        final X509Certificate root = path.get(path.size() - 1);
        try
        {
            final PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            parameters.addCertPathChecker(new ExtendedKeyUsageChecked());
            CertPathValidator.getInstance("PKIX", BouncyCastle.PROVIDER).validate(
                CertificateFactory.getInstance("X.509", BouncyCastle.PROVIDER)
                    .generateCertPath(path.subList(0, path.size() - 1)),
                parameters);
        }
        catch (final CertPathValidatorException ex)
        {
            throw new VerificationException(Reason.CHAIN_INVALID, "PKIX path validation to " + subject(root) +
                " failed: " + ex.getMessage(), ex);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("PKIX path validation is unavailable", ex);
        }
    }

    private static void checkSignerUsage(final X509Certificate signer)
    {
        final boolean[] keyUsage = signer.getKeyUsage();
        if (keyUsage == null || !keyUsage[DIGITAL_SIGNATURE_BIT])
        {
            throw new VerificationException(Reason.SIGNER_KEY_USAGE, "the signer certificate " + subject(signer) +
                (keyUsage == null ? " has no keyUsage extension" : " lacks the digitalSignature key usage"));
        }
        final List<String> extendedKeyUsage;
        try
        {
            extendedKeyUsage = signer.getExtendedKeyUsage();
        }
        catch (final CertificateParsingException ex)
        {
            throw new VerificationException(Reason.SIGNER_NOT_CODE_SIGNING,
                "the extendedKeyUsage of " + subject(signer) + " is unreadable", ex);
        }
        if (extendedKeyUsage == null || !extendedKeyUsage.contains(CODE_SIGNING))
        {
            throw new VerificationException(Reason.SIGNER_NOT_CODE_SIGNING, "the signer certificate " +
                subject(signer) + " lacks the codeSigning extended key usage");
        }
    }

    private static List<X509Certificate> issuersNamedIn(
        final Collection<X509Certificate> certificates, final X509Certificate certificate)
    {
        final List<X509Certificate> named = new ArrayList<>();
        for (final X509Certificate candidate : certificates)
        {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
            {
                named.add(candidate);
            }
        }
        return named;
    }

    private static boolean isSelfIssued(final X509Certificate certificate)
    {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    private static boolean isSignedBy(final X509Certificate certificate, final X509Certificate issuer)
    {
        try
        {
            certificate.verify(issuer.getPublicKey(), BouncyCastle.PROVIDER);
            return true;
        }
        catch (final GeneralSecurityException | RuntimeException ex)
        {
            return false;
        }
    }

    static String subject(final X509Certificate certificate)
    {
        return certificate.getSubjectX500Principal().getName();
    }

    /**
     * Tells PKIX that extendedKeyUsage is handled (by {@link #checkSignerUsage}), so a signer whose code-signing
     * usage is marked critical, as OpenSSL configurations often do, is not refused as an unknown critical
     * extension.
     */
    private static final class ExtendedKeyUsageChecked extends PKIXCertPathChecker
    {
        private static final Set<String> EXTENDED_KEY_USAGE = Set.of(Extension.extendedKeyUsage.getId());

        @Override
        public void init(final boolean forward)
        {
        }

        @Override
        public boolean isForwardCheckingSupported()
        {
            return false;
        }

        @Override
        public Set<String> getSupportedExtensions()
        {
            return EXTENDED_KEY_USAGE;
        }

        @Override
        public void check(final Certificate certificate, final Collection<String> unresolved)
        {
            unresolved.remove(Extension.extendedKeyUsage.getId());
        }
    }
}
