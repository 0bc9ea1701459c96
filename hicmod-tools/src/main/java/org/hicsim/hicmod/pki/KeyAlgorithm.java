package org.hicsim.hicmod.pki;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECKey;
import java.security.spec.NamedParameterSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * The key algorithms a module signer may use, with the signature algorithm each one signs with: RSA with
 * SHA-384 and PKCS#1 v1.5 padding (what OpenSSL 3.0 verifies in CMS), or Ed25519 (RFC 8419).
 */
public enum KeyAlgorithm
{
    /** RSA keys of 3072 bits, the length generated here and the minimum accepted from a signer. */
    RSA("rsa3072", "RSA", 3072, "SHA384withRSA"),
    ED25519("ed25519", "Ed25519", 255, "Ed25519");

    private final String cliName;
    private final String jcaKeyAlgorithm;
    private final int keyBits;
    private final String signatureAlgorithm;

    KeyAlgorithm(final String cliName, final String jcaKeyAlgorithm, final int keyBits, final String signatureAlgorithm)
    {
        this.cliName = cliName;
        this.jcaKeyAlgorithm = jcaKeyAlgorithm;
        this.keyBits = keyBits;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /**
     * The name users type, e.g. {@code --algorithm rsa3072}.
     */
    public String cliName()
    {
        return cliName;
    }

    /**
     * The JCA name of the signature algorithm keys of this kind sign certificates and CMS with.
     */
    public String signatureAlgorithm()
    {
        return signatureAlgorithm;
    }

    /**
     * The key length generated; for RSA also the shortest modulus accepted from a signer.
     */
    public int keyBits()
    {
        return keyBits;
    }

    public KeyPair generateKeyPair(final SecureRandom random)
    {
        try
        {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaKeyAlgorithm, BouncyCastle.PROVIDER);
            generator.initialize(keyBits, random);
            return generator.generateKeyPair();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("Bouncy Castle cannot generate algorithm=" + jcaKeyAlgorithm, ex);
        }
    }

    /**
     * The algorithm of a public or private key, or empty when it is neither RSA nor Ed25519.
     */
    public static Optional<KeyAlgorithm> of(final Key key)
    {
        switch (key.getAlgorithm())
        {
            case "RSA":
                return Optional.of(RSA);
            case "Ed25519":
                return Optional.of(ED25519);
            case "EdDSA":
                // The JDK's own EdDSA keys name the curve only in their parameters.
                return key instanceof EdECKey && NamedParameterSpec.ED25519.getName().equals(
                    ((EdECKey)key).getParams().getName()) ? Optional.of(ED25519) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /**
     * The algorithm named {@code cliName} ({@code rsa3072} or {@code ed25519}, any case).
     *
     * @throws IllegalArgumentException naming the accepted values when there is none of that name.
     */
    public static KeyAlgorithm fromCliName(final String cliName)
    {
        final String wanted = cliName.toLowerCase(Locale.ROOT);
        for (final KeyAlgorithm algorithm : values())
        {
            if (algorithm.cliName.equals(wanted))
            {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown key algorithm '" + cliName + "' (expected rsa3072 or ed25519)");
    }
}
