package org.hicsim.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.hicsim.core0.sim.SimulatedEpoch;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.BundleWriter;
import org.hicsim.hicmod.ManifestParser;
import org.hicsim.hicmod.pki.BundleSigner;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.KeyAlgorithm;
import org.hicsim.hicmod.pki.ModulePki;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.hicmod.pki.PkiGenerator;
import org.hicsim.hicmod.pki.VerifiedBundle;

/**
 * Signed bundles made in memory for tests: jars of given class files, packed with a manifest and signed by a PKI
 * issued in the past (so that any "now" of the test accepts the signing time), Ed25519 because it is fast.
 */
public final class TestBundles
{
    public static final Instant ISSUED_AT = Instant.parse("2025-01-01T00:00:00Z");
    public static final Instant SIGNED_AT = Instant.parse("2025-01-02T00:00:00Z");

    private static final ModulePki PKI = generatePki();

    private TestBundles()
    {
    }

    /** A PKI of its own: nothing it signs verifies against {@link #writeTrustRoot}'s root. */
    public static ModulePki generatePki()
    {
        return new PkiGenerator(Clock.fixed(ISSUED_AT, ZoneOffset.UTC), new SecureRandom())
            .generate(KeyAlgorithm.ED25519);
    }

    /** The root every bundle of {@link #signed(String, byte[])} verifies against. */
    public static Path writeTrustRoot(final Path file)
    {
        Pem.writeCertificates(file, List.of(PKI.root().certificate()), false);
        return file;
    }

    public static byte[] signed(final String manifestYaml, final byte[] jar)
    {
        return signed(manifestYaml, jar, PKI);
    }

    public static byte[] signed(final String manifestYaml, final byte[] jar, final ModulePki pki)
    {
        final byte[] unsigned = BundleWriter.pack(
            ManifestParser.parse("manifest.yaml", manifestYaml.getBytes(StandardCharsets.UTF_8)), jar);
        return new BundleSigner(pki.signingCredentials(), Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
            .sign(BundleReader.read(unsigned));
    }

    /** A bundle of {@link #signed(String, byte[])}, verified as the CLI would: at virtual time 0. */
    public static VerifiedBundle verified(final byte[] bundle)
    {
        return new BundleVerifier(List.of(PKI.root().certificate()))
            .verifyBundle(BundleReader.read(bundle), SimulatedEpoch.DEFAULT_EPOCH);
    }

    /** A jar of the classes' own class files, read from the test class path. */
    public static byte[] jarOf(final Class<?>... classes)
    {
        final Map<String, byte[]> files = new TreeMap<>();
        for (final Class<?> type : classes)
        {
            final String entry = type.getName().replace('.', '/') + ".class";
            try (InputStream in = type.getClassLoader().getResourceAsStream(entry))
            {
                files.put(entry, in.readAllBytes());
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        return jar(files);
    }

    /** A jar of class files by entry name ({@code org/example/Counter.class}). */
    public static byte[] jar(final Map<String, byte[]> classFiles)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes))
        {
            for (final Map.Entry<String, byte[]> file : classFiles.entrySet())
            {
                jar.putNextEntry(new JarEntry(file.getKey()));
                jar.write(file.getValue());
                jar.closeEntry();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }
}
