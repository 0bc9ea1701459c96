package org.hicsim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.BundleWriter;
import org.hicsim.hicmod.ManifestParser;
import org.hicsim.hicmod.pki.BundleSigner;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.KeyAlgorithm;
import org.hicsim.hicmod.pki.ModulePki;
import org.hicsim.hicmod.pki.PkiGenerator;
import org.hicsim.hicmod.pki.VerifiedSignature;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full bundle signature verification as a Module Manager makes it for every bundle it loads:
 * {@link BundleVerifier#verify} of a read bundle of a netstack-sized (64 KiB, incompressible) jar: the CMS
 * structure, the message digest over the bundle's signed bytes (which cover the payload), the signature, and the
 * chain at the signing time and the verification instant. One verifier verifies bundle after bundle, as a loader
 * does, so from the second on the chain it validated is remembered.
 * <p>
 * The baseline is the irreducible part: the message digest of the same signed bytes (SHA-384; SHA-512 with
 * Ed25519, as RFC 8419 has it) and one bare Bouncy Castle verify of
 * a signature of the signer's key over 160 bytes (the size of the signed attributes a CMS signature covers).
 * Target: the full verification within 1.3x of it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = JvmFlags.AGRONA_EXPORTS)
public class BundleVerifyBenchmark
{
    private static final int JAR_ENTRY_LENGTH = 64 * 1024;
    private static final int SIGNED_ATTRIBUTES_LENGTH = 160;
    private static final Instant ISSUED_AT = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant SIGNED_AT = Instant.parse("2025-12-01T00:00:00Z");
    /** Virtual time 0 of a simulation. */
    private static final Instant VERIFIED_AT = Instant.parse("2026-01-01T00:00:00Z");

    @Param({ "RSA", "ED25519" })
    KeyAlgorithm algorithm;

    private Bundle bundle;
    private BundleVerifier verifier;
    private byte[] signedBytes;
    private MessageDigest messageDigest;
    private Signature rawVerifier;
    private final byte[] signedAttributes = new byte[SIGNED_ATTRIBUTES_LENGTH];
    private byte[] rawSignature;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException, IOException
    {
        final SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(42);
        final ModulePki pki = new PkiGenerator(Clock.fixed(ISSUED_AT, ZoneOffset.UTC), random).generate(algorithm);
        final byte[] unsigned = BundleWriter.pack(ManifestParser.parse("manifest.yaml",
            BundleReadBenchmark.MANIFEST.getBytes(StandardCharsets.UTF_8)), BundleReadBenchmark.randomJar(JAR_ENTRY_LENGTH));
        bundle = BundleReader.read(new BundleSigner(pki.signingCredentials(), Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
            .sign(BundleReader.read(unsigned)));
        verifier = new BundleVerifier(List.of(pki.root().certificate()));
        verifyBundle();

        signedBytes = bundle.signedBytes();
        messageDigest = MessageDigest.getInstance(algorithm == KeyAlgorithm.RSA ? "SHA-384" : "SHA-512");
        new SplittableRandom(42).nextBytes(signedAttributes);
        final BouncyCastleProvider provider = new BouncyCastleProvider();
        final Signature rawSigner = Signature.getInstance(algorithm.signatureAlgorithm(), provider);
        rawSigner.initSign(pki.signer().privateKey());
        rawSigner.update(signedAttributes);
        rawSignature = rawSigner.sign();
        rawVerifier = Signature.getInstance(algorithm.signatureAlgorithm(), provider);
        rawVerifier.initVerify(pki.signer().certificate().getPublicKey());
        if (!baselineIrreducibleParts())
        {
            throw new IllegalStateException("bare signature does not verify, algorithm=" + algorithm);
        }
    }

    @Benchmark
    public VerifiedSignature verifyBundle()
    {
        return verifier.verify(bundle, VERIFIED_AT);
    }

    @Benchmark
    public boolean baselineIrreducibleParts() throws GeneralSecurityException
    {
        final byte[] digest = messageDigest.digest(signedBytes);
        rawVerifier.update(signedAttributes);
        return rawVerifier.verify(rawSignature) && digest.length > 0;
    }
}
