package org.hicsim.hicmod.pki;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Shared fixtures: PKIs issued at a fixed instant, generated once per JVM because RSA-3072 key generation is slow,
 * and clocks for signing and verifying at fixed instants after it.
 */
public final class TestPki
{
    public static final Instant ISSUED_AT = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant SIGNED_AT = ISSUED_AT.plus(Duration.ofDays(30));
    /** When the verifiers of these fixtures check: a day after {@link #SIGNED_AT}. */
    public static final Instant VERIFIED_AT = SIGNED_AT.plus(Duration.ofDays(1));
    public static final byte[] CONTENT =
        "module bytes: name=netstack version=1.3.0".getBytes(StandardCharsets.UTF_8);

    public static final SecureRandom RANDOM = new SecureRandom();
    public static final CertificateIssuer ISSUER = new CertificateIssuer(RANDOM);

    private static final ModulePki RSA = new PkiGenerator(fixedAt(ISSUED_AT), RANDOM).generate(KeyAlgorithm.RSA);
    private static final ModulePki ED25519 =
        new PkiGenerator(fixedAt(ISSUED_AT), RANDOM).generate(KeyAlgorithm.ED25519);
    private static final KeyPair SPARE_RSA_KEYS = KeyAlgorithm.RSA.generateKeyPair(RANDOM);

    private TestPki()
    {
    }

    public static ModulePki rsa()
    {
        return RSA;
    }

    public static ModulePki ed25519()
    {
        return ED25519;
    }

    /**
     * An RSA key pair certified by nothing yet, for certificates the standard PKI does not have.
     */
    public static KeyPair spareRsaKeys()
    {
        return SPARE_RSA_KEYS;
    }

    public static Clock fixedAt(final Instant instant)
    {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /**
     * A detached signature of {@link #CONTENT} made at {@link #SIGNED_AT}.
     */
    public static byte[] sign(final SigningCredentials credentials)
    {
        return new CmsSigner(credentials, fixedAt(SIGNED_AT)).sign(CONTENT);
    }

    /**
     * A verifier trusting {@code root}; verify at {@link #VERIFIED_AT}.
     */
    public static CmsVerifier verifierTrusting(final CertifiedKey root)
    {
        return new CmsVerifier(List.of(root.certificate()));
    }
}
