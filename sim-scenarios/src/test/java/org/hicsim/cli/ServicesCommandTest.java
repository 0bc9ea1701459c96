package org.hicsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.BundleWriter;
import org.hicsim.hicmod.ManifestParser;
import org.hicsim.hicmod.pki.BundleSigner;
import org.hicsim.hicmod.pki.ModulePki;
import org.hicsim.hicmod.pki.Pem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hic services} on a catalogue directory built here as the services build writes one: signed bundles
 * beside {@code trust-root.pem} (Ed25519, because RSA key generation is slow).
 */
class ServicesCommandTest
{
    private static final String NETSTACK = "netstack-1.3.0.hicmod";
    private static final String FAULTY_NETSTACK = "netstack-1.3.0-crash-after-requests.hicmod";
    private static final String ETH_DRIVER = "eth_driver-1.2.0.hicmod";

    @TempDir
    Path directory;

    private Path catalogue;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void buildCatalogue() throws IOException
    {
        catalogue = Files.createDirectory(directory.resolve("bundles"));
        final ModulePki pki = TestBundles.generatePki();
        Pem.writeCertificates(catalogue.resolve(ServicesCommand.TRUST_ROOT), List.of(pki.root().certificate()),
            false);
        final BundleSigner signer =
            new BundleSigner(pki.signingCredentials(), Clock.fixed(TestBundles.SIGNED_AT, ZoneOffset.UTC));
        writeBundle(signer, ETH_DRIVER, manifest("eth_driver", "1.2.0", "6fa459ea-ee8a-3ca4-894e-db77e160355e", ""));
        writeBundle(signer, NETSTACK, netstackManifest(""));
        writeBundle(signer, FAULTY_NETSTACK, netstackManifest("fault: crash-after-requests requests=100\n"));
    }

    @Test
    void listsEveryBundleInAnAlignedTableAndExitsZeroWhenAllVerify()
    {
        assertEquals(ExitCodes.OK, hic("services", "--dir", catalogue.toString()));

        final List<String> lines = out.toString().lines().toList();
        assertEquals(4, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("NAME        VERSION  FAULT"), lines.get(0));
        assertTrue(lines.get(1).startsWith("eth_driver  1.2.0    -"), lines.get(1));
        assertTrue(lines.get(2).startsWith(
            "netstack    1.3.0    crash-after-requests requests=100  eth_driver >=1.2.0, ipc_lib =2.0.0  "
                + catalogue.resolve(FAULTY_NETSTACK)), lines.get(2));
        assertTrue(lines.get(3).endsWith("  yes"), lines.get(3));
        assertEquals(lines.get(0).indexOf("BUNDLE"), lines.get(1).indexOf(catalogue.toString()));
        assertEquals("", err.toString());
    }

    @Test
    void jsonIsAnArrayWithTheSameFacts() throws IOException
    {
        assertEquals(ExitCodes.OK, hic("services", "--json", "--dir", catalogue.toString()));

        final JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(3, json.size());
        final JsonNode faulty = json.get(1);
        assertEquals("netstack", faulty.get("name").asText());
        assertEquals("1.3.0", faulty.get("version").asText());
        assertEquals("crash-after-requests requests=100", faulty.get("fault").asText());
        assertEquals("=2.0.0", faulty.at("/dependencies/ipc_lib").asText());
        assertEquals(catalogue.resolve(FAULTY_NETSTACK).toString(), faulty.get("bundle").asText());
        assertTrue(faulty.get("verifies").asBoolean());
        assertTrue(faulty.get("refusal").isNull());
        assertTrue(json.get(2).get("fault").isNull());
    }

    @Test
    void aTamperedBundleDoesNotVerifyAndExitsOneWhileAllAreListed() throws IOException
    {
        final Path tampered = catalogue.resolve(NETSTACK);
        final byte[] bytes = Files.readAllBytes(tampered);
        bytes[bytes.length - 1] ^= 1;
        Files.write(tampered, bytes);

        assertEquals(ExitCodes.REFUSED, hic("services", "--json", "--dir", catalogue.toString()));

        final JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(3, json.size());
        assertFalse(json.get(2).get("verifies").asBoolean());
        assertFalse(json.get(2).get("refusal").asText().isEmpty());
        assertTrue(json.get(0).get("verifies").asBoolean());
        assertEquals("hic services: 1 of 3 bundle(s) do not verify against "
            + catalogue.resolve(ServicesCommand.TRUST_ROOT), err.toString().strip());
    }

    @Test
    void anUnreadableBundleIsListedWithItsReason() throws IOException
    {
        final Path truncated = catalogue.resolve(ETH_DRIVER);
        final byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

        assertEquals(ExitCodes.REFUSED, hic("services", "--dir", catalogue.toString()));

        final String row = out.toString().lines().toList().get(1);
        assertEquals(List.of("-", "-", "-", "-", catalogue.resolve(ETH_DRIVER).toString(), "no:", "section",
            "table:"), Arrays.asList(row.split(" +")).subList(0, 8), row);
    }

    @Test
    void aBundleThatCannotBeReadIsListedWithItsReasonNamingTheFileOnce() throws IOException
    {
        final Path directoryBundle = Files.createDirectory(catalogue.resolve("a.hicmod"));

        assertEquals(ExitCodes.REFUSED, hic("services", "--dir", catalogue.toString()));

        final String row = out.toString().lines().toList().get(1);
        assertEquals(List.of("-", "-", "-", "-", directoryBundle.toString(), "no: cannot read (Is a directory)"),
            Arrays.asList(row.split(" {2,}")), row);
    }

    @Test
    void aMissingDirectoryIsOneLineAndExitsTwo()
    {
        final Path missing = directory.resolve("missing");

        assertEquals(ExitCodes.USAGE, hic("services", "--dir", missing.toString()));

        assertEquals("hic services: " + missing + ": no such directory (the build writes the catalogue:"
            + " mvn package)", err.toString().strip());
        assertEquals("", out.toString());
    }

    @Test
    void aMissingTrustRootIsOneLineAndExitsTwo() throws IOException
    {
        Files.delete(catalogue.resolve(ServicesCommand.TRUST_ROOT));

        assertEquals(ExitCodes.USAGE, hic("services", "--dir", catalogue.toString()));

        assertEquals("hic services: " + catalogue.resolve(ServicesCommand.TRUST_ROOT) + ": no trust root (the"
            + " build writes it beside the bundles: mvn package)", err.toString().strip());
    }

    @Test
    void theDefaultDirectoryIsTheBuildsUnderTheProjectHome() throws IOException
    {
        final Path home = directory.resolve("project");
        Files.createDirectories(home.resolve(ServicesCommand.DEFAULT_DIRECTORY).getParent());
        Files.move(catalogue, home.resolve(ServicesCommand.DEFAULT_DIRECTORY));
        final String before = System.getProperty(ServicesCommand.HOME_PROPERTY);
        System.setProperty(ServicesCommand.HOME_PROPERTY, home.toString());
        try
        {
            assertEquals(ExitCodes.OK, hic("services"));
        }
        finally
        {
            if (before == null)
            {
                System.clearProperty(ServicesCommand.HOME_PROPERTY);
            }
            else
            {
                System.setProperty(ServicesCommand.HOME_PROPERTY, before);
            }
        }

        assertTrue(out.toString().contains(home.resolve(ServicesCommand.DEFAULT_DIRECTORY).resolve(NETSTACK)
            .toString()), out.toString());
    }

    private int hic(final String... args)
    {
        out = new StringWriter();
        err = new StringWriter();
        final CommandLine commandLine = Hic.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private void writeBundle(final BundleSigner signer, final String fileName, final String yaml) throws IOException
    {
        final byte[] unsigned = BundleWriter.pack(
            ManifestParser.parse(fileName, yaml.getBytes(StandardCharsets.UTF_8)), jar());
        Files.write(catalogue.resolve(fileName), signer.sign(BundleReader.read(unsigned)));
    }

    private static String netstackManifest(final String extra)
    {
        return manifest("netstack", "1.3.0", "550e8400-e29b-41d4-a716-446655440000",
            "dependencies:\n  eth_driver: \">= 1.2.0\"\n  ipc_lib: \"= 2.0.0\"\n" + extra);
    }

    private static String manifest(final String name, final String version, final String uuid, final String extra)
    {
        return String.join("\n",
            "name: " + name,
            "version: " + version,
            "uuid: " + uuid,
            "entry: org.hicsim.services." + name + ".Main",
            "resources:",
            "  memory: 1MiB",
            "  cpu_quota: 10%",
            "") + extra;
    }

    private static byte[] jar() throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream jar = new ZipOutputStream(bytes))
        {
            jar.putNextEntry(new ZipEntry("org/hicsim/services/Main.class"));
            jar.write(new byte[] { (byte)0xCA, (byte)0xFE, (byte)0xBA, (byte)0xBE });
        }
        return bytes.toByteArray();
    }
}
