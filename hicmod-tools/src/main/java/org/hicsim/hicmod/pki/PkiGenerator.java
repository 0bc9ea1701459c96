package org.hicsim.hicmod.pki;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;

/**
 * Generates a fresh {@link ModulePki}: root CA -> intermediate CA -> module signer, all keys of one
 * {@link KeyAlgorithm}. Every validity period starts at the injected clock's instant, so tests with a fixed clock
 * get fixed periods; the keys come from the given {@link SecureRandom}.
 */
public final class PkiGenerator
{
    public static final String ROOT_SUBJECT = "CN=HIC-Sim Root CA,O=HIC-Sim";
    public static final String INTERMEDIATE_SUBJECT = "CN=HIC-Sim Intermediate CA,O=HIC-Sim";
    public static final String SIGNER_SUBJECT = "CN=HIC-Sim Module Signer,O=HIC-Sim";

    /** Each tier outlives the tier below it, so that a signer is never certified beyond its CA's life. */
    public static final Period ROOT_VALIDITY = Period.ofYears(20);
    public static final Period INTERMEDIATE_VALIDITY = Period.ofYears(10);
    public static final Period SIGNER_VALIDITY = Period.ofYears(3);

    private final Clock clock;
    private final SecureRandom random;
    private final CertificateIssuer issuer;

    public PkiGenerator(final Clock clock, final SecureRandom random)
    {
        this.clock = clock;
        this.random = random;
        this.issuer = new CertificateIssuer(random);
    }

    public ModulePki generate(final KeyAlgorithm algorithm)
    {
        final Instant now = clock.instant();
        final CertifiedKey root = issuer.selfSign(
            ROOT_SUBJECT, algorithm.generateKeyPair(random), CertificateProfile.ROOT_CA,
            Validity.startingAt(now, ROOT_VALIDITY));
        final CertifiedKey intermediate = issuer.issue(
            root, INTERMEDIATE_SUBJECT, algorithm.generateKeyPair(random), CertificateProfile.INTERMEDIATE_CA,
            Validity.startingAt(now, INTERMEDIATE_VALIDITY));
        final CertifiedKey signer = issuer.issue(
            intermediate, SIGNER_SUBJECT, algorithm.generateKeyPair(random), CertificateProfile.CODE_SIGNING,
            Validity.startingAt(now, SIGNER_VALIDITY));
        return new ModulePki(root, intermediate, signer);
    }
}
