package org.hicsim.bench;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.hicsim.hicmod.pki.CmsSigner;
import org.hicsim.hicmod.pki.CmsVerifier;
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
 * Module signatures per second: {@link CmsSigner#sign} and {@link CmsVerifier#verify} of a detached CMS
 * SignedData over 1 KiB, against a bare Bouncy Castle {@link Signature} sign and verify of the same bytes with
 * the same key (the provider the CMS classes use). A CMS verify also validates the certificate chain, which is
 * two more signature verifications (root to intermediate, intermediate to signer), so it cannot come close to
 * one bare verify; the ratio shows what the CMS structure and the chain cost.
 * <p>
 * The 1 KiB content keeps the figures about the signature itself, comparable with {@code openssl speed}: a
 * bundle's own digest is measured by {@link BundleReadBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = JvmFlags.AGRONA_EXPORTS)
public class SignatureBenchmark
{
    private static final int CONTENT_LENGTH = 1024;
    /** A fixed clock: the certificates' validity and the signing time are the same in every run. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Param({ "RSA", "ED25519" })
    KeyAlgorithm algorithm;

    private final byte[] content = new byte[CONTENT_LENGTH];
    private CmsSigner signer;
    private CmsVerifier verifier;
    private byte[] cmsSignature;
    private Signature rawSigner;
    private Signature rawVerifier;
    private byte[] rawSignature;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException
    {
        final SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(42);
        final ModulePki pki = new PkiGenerator(CLOCK, random).generate(algorithm);
        new SplittableRandom(42).nextBytes(content);

        signer = new CmsSigner(pki.signingCredentials(), CLOCK);
        verifier = new CmsVerifier(List.of(pki.root().certificate()));
        cmsSignature = signer.sign(content);
        verifier.verify(content, cmsSignature, CLOCK.instant());

        final BouncyCastleProvider provider = new BouncyCastleProvider();
        rawSigner = Signature.getInstance(algorithm.signatureAlgorithm(), provider);
        rawSigner.initSign(pki.signer().privateKey());
        rawVerifier = Signature.getInstance(algorithm.signatureAlgorithm(), provider);
        rawVerifier.initVerify(pki.signer().certificate().getPublicKey());
        rawSignature = baselineRawSign();
        if (!baselineRawVerify())
        {
            throw new IllegalStateException("bare signature does not verify, algorithm=" + algorithm);
        }
    }

    @Benchmark
    public byte[] cmsSign()
    {
        return signer.sign(content);
    }

    @Benchmark
    public VerifiedSignature cmsVerify()
    {
        return verifier.verify(content, cmsSignature, CLOCK.instant());
    }

    @Benchmark
    public byte[] baselineRawSign() throws GeneralSecurityException
    {
        rawSigner.update(content);
        return rawSigner.sign();
    }

    @Benchmark
    public boolean baselineRawVerify() throws GeneralSecurityException
    {
        rawVerifier.update(content);
        return rawVerifier.verify(rawSignature);
    }
}
