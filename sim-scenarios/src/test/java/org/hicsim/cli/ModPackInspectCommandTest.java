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
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hic mod pack} and {@code hic mod inspect} as a user runs them: output, one-line errors, exit codes.
 */
class ModPackInspectCommandTest
{
    private static final String MANIFEST = String.join("\n",
        "name: netstack",
        "version: 1.3.0",
        "uuid: 550e8400-e29b-41d4-a716-446655440000",
        "entry: org.hicsim.services.netstack.Netstack",
        "dependencies:",
        "  eth_driver: \">= 1.2.0\"",
        "  ipc_lib: \"= 2.0.0\"",
        "resources:",
        "  memory: 64MiB",
        "  cpu_quota: 20%",
        "  capabilities: [net.mmio:r, stats:rw]",
        "migration:",
        "  protocols: [\"1.3\", \"1.4\"]",
        "  state_version: 2",
        "");

    @TempDir
    Path directory;

    private Path manifest;
    private Path jar;
    private Path bundle;
    private byte[] jarBytes;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void writeInputs() throws IOException
    {
        manifest = Files.writeString(directory.resolve("manifest.yaml"), MANIFEST);
        jarBytes = jar();
        jar = Files.write(directory.resolve("netstack.jar"), jarBytes);
        bundle = directory.resolve("netstack.hicmod");
    }

    @Test
    void packWritesAnUnsignedBundleAndSaysSo()
    {
        assertEquals(ExitCodes.OK, pack());

        assertTrue(Files.isRegularFile(bundle));
        assertTrue(out.toString().startsWith(bundle + ": netstack 1.3.0, "), out.toString());
        assertTrue(out.toString().strip().endsWith(", unsigned"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void inspectShowsModuleDependenciesPayloadAndSignature() throws Exception
    {
        pack();

        assertEquals(ExitCodes.OK, hic("mod", "inspect", bundle.toString()));

        final String text = out.toString();
        assertTrue(text.contains("name:           netstack"), text);
        assertTrue(text.contains("uuid:           550e8400-e29b-41d4-a716-446655440000"), text);
        assertTrue(text.contains("eth_driver: >=1.2.0"), text);
        assertTrue(text.contains("ipc_lib:    =2.0.0"), text);
        assertTrue(text.contains("capabilities:      net.mmio:r, stats:rw"), text);
        assertTrue(text.contains("jar_sha384:        " + sha384(jarBytes)), text);
        assertTrue(text.contains("signed: false"), text);
    }

    @Test
    void inspectJsonCarriesTheSameFacts() throws Exception
    {
        pack();

        assertEquals(ExitCodes.OK, hic("mod", "inspect", bundle.toString(), "--json"));

        final JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("netstack", json.at("/module/name").asText());
        assertEquals("1.3.0", json.at("/module/version").asText());
        assertEquals(">=1.2.0", json.at("/dependencies/eth_driver").asText());
        assertEquals(64L << 20, json.at("/resources/memory_bytes").asLong());
        assertEquals("stats:rw", json.at("/resources/capabilities/1").asText());
        assertEquals("1.4", json.at("/migration/protocols/1").asText());
        assertEquals(jarBytes.length, json.at("/payload/jar_length").asInt());
        assertEquals(sha384(jarBytes), json.at("/payload/jar_sha384").asText());
        assertEquals("signature", json.at("/sections/2/type").asText());
        assertEquals(0, json.at("/signature/length").asInt());
        assertEquals(Files.size(bundle), json.at("/length").asLong());
    }

    @Test
    void packRefusesABadManifestWithItsPositionAndExitsTwo() throws IOException
    {
        Files.writeString(manifest, MANIFEST.replace("version: 1.3.0", "version: 1.x"));

        assertEquals(ExitCodes.USAGE, pack());

        assertEquals("hic mod pack: " + manifest + ":2:10: version: '1.x' is not a semantic version",
            err.toString().strip());
        assertFalse(Files.exists(bundle));
    }

    @Test
    void packRefusesCodeThatIsNotAJar() throws IOException
    {
        Files.writeString(jar, "not a jar");

        assertEquals(ExitCodes.USAGE, pack());

        assertEquals("hic mod pack: " + jar + ": not a jar (it does not start with a zip local file header)",
            err.toString().strip());
    }

    @Test
    void inspectRefusesATruncatedBundleInOneLine() throws IOException
    {
        pack();
        final byte[] bytes = Files.readAllBytes(bundle);
        Files.write(bundle, Arrays.copyOf(bytes, bytes.length - 1));

        assertEquals(ExitCodes.USAGE, hic("mod", "inspect", bundle.toString()));

        final String error = err.toString();
        assertTrue(error.startsWith("hic mod inspect: " + bundle + ": section table: entry 1 (payload)"), error);
        assertEquals(1, error.lines().count(), error);
    }

    @Test
    void inspectRefusesAMissingFile()
    {
        final Path missing = directory.resolve("missing.hicmod");

        assertEquals(ExitCodes.USAGE, hic("mod", "inspect", missing.toString()));

        assertEquals("hic mod inspect: " + missing + ": cannot read (no such file or directory)",
            err.toString().strip());
    }

    @Test
    void packWithoutItsOptionsIsAUsageError()
    {
        assertEquals(ExitCodes.USAGE, hic("mod", "pack", "--manifest", manifest.toString()));

        assertTrue(err.toString().startsWith("hic mod pack: Missing required options"), err.toString());
    }

    @Test
    void modWithoutASubcommandIsAUsageError()
    {
        assertEquals(ExitCodes.USAGE, hic("mod"));

        assertEquals("hic mod: a subcommand is required, e.g. 'hic mod pack' (see 'hic mod --help')",
            err.toString().strip());
    }

    @Test
    void modHelpListsPackAndInspect()
    {
        assertEquals(ExitCodes.OK, hic("mod", "--help"));

        assertTrue(out.toString().contains("pack"), out.toString());
        assertTrue(out.toString().contains("inspect"), out.toString());
    }

    private int pack()
    {
        return hic("mod", "pack", "--manifest", manifest.toString(), "--code", jar.toString(),
            "--out", bundle.toString());
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

    private static byte[] jar() throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes))
        {
            jar.putNextEntry(new JarEntry("org/hicsim/services/netstack/Netstack.class"));
            jar.write("not really a class, but a jar's contents are the loader's business".getBytes(
                StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String sha384(final byte[] bytes) throws Exception
    {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-384").digest(bytes));
    }
}
