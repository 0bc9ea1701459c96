package org.hicsim.services.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

import org.hicsim.core0.sim.SimulatedEpoch;
import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.ManifestParser;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.services.sample.EchoReplies;
import org.hicsim.services.sample.ReachesBuildTool;
import org.hicsim.services.sample.v1_0_0.Echo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue build on the fixture service {@link Echo} (test classes, not the real catalogue).
 */
class CatalogueBuilderTest
{
    private static final String ECHO_UUID = "3f0c2a5e-9b1d-4c7e-8a6f-2d4b1e0c9a77";

    /** One PKI for the whole class, as for repeated builds: RSA key generation is slow. */
    @TempDir
    static Path pki;

    @TempDir
    Path directory;

    private Path catalogue;
    private Path bundles;

    @BeforeEach
    void createCatalogue() throws IOException
    {
        catalogue = Files.createDirectory(directory.resolve("catalogue"));
        bundles = directory.resolve("bundles");
    }

    @Test
    void shouldWriteOneSignedBundlePerManifestThatVerifiesAgainstTheTrustRoot() throws Exception
    {
        writeManifest("echo-1.0.0.yaml", echoYaml(""));
        writeManifest("echo-1.0.0-slow.yaml", echoYaml("fault: slow percent=30\n"));

        final List<Path> written = build();

        assertEquals(List.of(bundles.resolve("echo-1.0.0-slow.hicmod"), bundles.resolve("echo-1.0.0.hicmod")),
            written);
        final BundleVerifier verifier = new BundleVerifier(
            Pem.readCertificates(bundles.resolve(CatalogueBuilder.TRUST_ROOT)));
        for (final Path file : written)
        {
            assertEquals(CatalogueBuilder.SIGNED_AT,
                verifier.verify(BundleReader.read(file), SimulatedEpoch.DEFAULT_EPOCH).signingTime());
        }
        assertEquals(ManifestParser.read(catalogue.resolve("echo-1.0.0-slow.yaml")),
            BundleReader.read(written.get(0)).manifest());
    }

    @Test
    void shouldPackTheEntryAndTheServiceClassesItReachesAndNothingElse() throws Exception
    {
        writeManifest("echo-1.0.0.yaml", echoYaml(""));

        final Bundle bundle = BundleReader.read(build().get(0));

        assertEquals(List.of(
                "org/hicsim/services/sample/EchoChecksum.class",
                "org/hicsim/services/sample/EchoReplies.class",
                "org/hicsim/services/sample/v1_0_0/Echo.class"),
            jarEntries(bundle));
    }

    @Test
    void shouldWriteTheSameJarOnEveryBuild() throws Exception
    {
        writeManifest("echo-1.0.0.yaml", echoYaml(""));
        final Bundle first = BundleReader.read(build().get(0));

        bundles = directory.resolve("other-bundles");
        final Bundle second = BundleReader.read(build().get(0));

        assertArrayEquals(first.signedBytes(), second.signedBytes());
    }

    @Test
    void shouldLeaveAnUnchangedBundleAndTheTrustRootAsTheyAre() throws Exception
    {
        writeManifest("echo-1.0.0.yaml", echoYaml(""));
        final Path file = build().get(0);
        final byte[] bundleBefore = Files.readAllBytes(file);
        final byte[] trustRootBefore = Files.readAllBytes(bundles.resolve(CatalogueBuilder.TRUST_ROOT));

        build();

        assertArrayEquals(bundleBefore, Files.readAllBytes(file));
        assertArrayEquals(trustRootBefore, Files.readAllBytes(bundles.resolve(CatalogueBuilder.TRUST_ROOT)));
    }

    @Test
    void shouldSignAgainABundleWhoseSignatureNoLongerVerifies() throws Exception
    {
        writeManifest("echo-1.0.0.yaml", echoYaml(""));
        final Path file = build().get(0);
        final byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);

        build();

        new BundleVerifier(Pem.readCertificates(bundles.resolve(CatalogueBuilder.TRUST_ROOT)))
            .verify(BundleReader.read(file), SimulatedEpoch.DEFAULT_EPOCH);
    }

    @Test
    void shouldRemoveTheBundleOfAManifestThatIsGone() throws Exception
    {
        writeManifest("echo-1.0.0.yaml", echoYaml(""));
        final Path file = build().get(0);
        Files.delete(catalogue.resolve("echo-1.0.0.yaml"));

        assertEquals(List.of(), build());

        assertFalse(Files.exists(file));
        assertTrue(Files.exists(bundles.resolve(CatalogueBuilder.TRUST_ROOT)));
    }

    @Test
    void shouldWriteOnlyTheTrustRootWhenThereIsNoCatalogueDirectory() throws Exception
    {
        Files.delete(catalogue);

        assertEquals(List.of(), build());

        assertTrue(Files.exists(bundles.resolve(CatalogueBuilder.TRUST_ROOT)));
    }

    @Test
    void shouldRefuseAFileNameThatDoesNotSayTheManifestsFault() throws IOException
    {
        final Path file = writeManifest("echo-1.0.0.yaml", echoYaml("fault: crash-on-start\n"));

        final CatalogueBuildException refusal = assertThrows(CatalogueBuildException.class, this::build);

        assertEquals(file + ": the file name must be echo-1.0.0-crash-on-start.yaml"
            + " (<name>-<version>[-<fault kind>] of the manifest it holds)", refusal.getMessage());
    }

    @Test
    void shouldRefuseAFileNameWithAnotherVersion() throws IOException
    {
        final Path file = writeManifest("echo-1.1.0.yaml", echoYaml(""));

        final CatalogueBuildException refusal = assertThrows(CatalogueBuildException.class, this::build);

        assertTrue(refusal.getMessage().startsWith(file + ": the file name must be echo-1.0.0.yaml"),
            refusal.getMessage());
    }

    @Test
    void shouldRefuseAFileThatIsNotAManifest() throws IOException
    {
        final Path file = Files.writeString(catalogue.resolve("README.md"), "notes");

        final CatalogueBuildException refusal = assertThrows(CatalogueBuildException.class, this::build);

        assertTrue(refusal.getMessage().startsWith(file + ": not a manifest"), refusal.getMessage());
    }

    @Test
    void shouldRefuseAnEntryClassThatWasNotCompiled() throws IOException
    {
        final Path file = writeManifest("echo-1.0.0.yaml", echoYaml("")
            .replace(Echo.class.getName(), "org.hicsim.services.sample.v1_0_0.Missing"));

        final CatalogueBuildException refusal = assertThrows(CatalogueBuildException.class, this::build);

        assertTrue(refusal.getMessage().startsWith(file + ": "), refusal.getMessage());
        assertTrue(refusal.getMessage().endsWith(": no such class file: org.hicsim.services.sample.v1_0_0.Missing"
            + " is the manifest's entry"), refusal.getMessage());
    }

    @Test
    void shouldRefuseAnEntryClassOutsideTheServicesPackage() throws IOException
    {
        writeManifest("echo-1.0.0.yaml", echoYaml("").replace(Echo.class.getName(), "org.example.Echo"));

        final CatalogueBuildException refusal = assertThrows(CatalogueBuildException.class, this::build);

        assertTrue(refusal.getMessage().contains("entry org.example.Echo is not a service class"),
            refusal.getMessage());
    }

    @Test
    void shouldRefuseAServiceThatReachesTheBuildTool() throws IOException
    {
        writeManifest("echo-1.0.0.yaml", echoYaml("")
            .replace(Echo.class.getName(), ReachesBuildTool.class.getName()));

        final CatalogueBuildException refusal = assertThrows(CatalogueBuildException.class, this::build);

        assertTrue(refusal.getMessage().contains(ReachesBuildTool.class.getName() + " reaches the build tool's "
            + CatalogueBuildException.class.getName()), refusal.getMessage());
    }

    private List<Path> build()
    {
        return new CatalogueBuilder(testClasses(), bundles, pki).build(catalogue);
    }

    private Path writeManifest(final String name, final String yaml) throws IOException
    {
        return Files.writeString(catalogue.resolve(name), yaml);
    }

    private static String echoYaml(final String extra)
    {
        return String.join("\n",
            "name: echo",
            "version: 1.0.0",
            "uuid: " + ECHO_UUID,
            "entry: " + Echo.class.getName(),
            "resources:",
            "  memory: 64KiB",
            "  cpu_quota: 5%",
            "") + extra;
    }

    private static List<String> jarEntries(final Bundle bundle) throws IOException
    {
        final ByteBuffer jar = bundle.jar();
        final byte[] bytes = new byte[jar.remaining()];
        jar.get(bytes);
        final List<String> names = new ArrayList<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bytes)))
        {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry())
            {
                names.add(entry.getName());
            }
        }
        return names;
    }

    /** The directory the fixture service was compiled into. */
    private static Path testClasses()
    {
        try
        {
            return Path.of(EchoReplies.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
