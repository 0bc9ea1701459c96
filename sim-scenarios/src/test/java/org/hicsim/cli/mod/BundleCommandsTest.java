package org.hicsim.cli.mod;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hicsim.cli.ExitCodes;
import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.BundleWriter;
import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.ManifestParser;
import org.hicsim.hicmod.SectionType;
import org.hicsim.hicmod.pki.ModulePki;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.hicmod.pki.PkiDirectory;
import org.hicsim.hicmod.pki.PkiGenerator;
import org.hicsim.hicmod.pki.TestModules;
import org.hicsim.hicmod.pki.TestPki;
import org.hicsim.hicmod.pki.VerificationException.Reason;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BundleCommandsTest
{
    private static final Clock SIGNING = TestPki.fixedAt(TestPki.SIGNED_AT);
    private static final Clock VERIFYING = TestPki.fixedAt(TestPki.SIGNED_AT.plus(Duration.ofDays(1)));
    private static final int REFUSED = ExitCodes.REFUSED;
    private static final int USAGE = ExitCodes.USAGE;

    @TempDir
    Path directory;

    /** Runs the command under test; {@link #signing} runs the signing that tests of other commands start with. */
    private final CommandRunner cli = new CommandRunner();
    private final CommandRunner signing = new CommandRunner();
    private final ModulePki pki = TestPki.rsa();
    private Path bundle;
    private Path root;

    @BeforeEach
    void writePkiAndUnsignedBundle() throws Exception
    {
        PkiDirectory.write(directory.resolve("pki"), pki, false);
        root = pki(PkiDirectory.ROOT_CERTIFICATE);
        bundle = directory.resolve("netstack.hicmod");
        Files.write(bundle, TestModules.netstack("1.3.0").toBytes());
    }

    @Test
    void signShouldSignInPlaceAndSayWhoSignedWhen() throws Exception
    {
        assertEquals(0, sign());
        assertTrue(BundleReader.read(bundle).isSigned());
        assertEquals(bundle + ": netstack 1.3.0 signed by " + PkiGenerator.SIGNER_SUBJECT + " at " +
            TestPki.SIGNED_AT + " (SHA384withRSA)\n", signing.out());
    }

    @Test
    void signShouldWriteToOutAndLeaveTheBundleAlone() throws Exception
    {
        final Path out = directory.resolve("signed.hicmod");
        final byte[] before = Files.readAllBytes(bundle);
        assertEquals(0, sign("--out", out.toString()));
        assertArrayEquals(before, Files.readAllBytes(bundle));
        assertTrue(BundleReader.read(out).isSigned());
    }

    @Test
    void signShouldExitTwoForKeyOfAnotherCertificate()
    {
        assertEquals(USAGE, signing.run(new SignCommand(SIGNING), bundle.toString(),
            "--key", pki(PkiDirectory.INTERMEDIATE_KEY).toString(),
            "--cert", pki(PkiDirectory.SIGNER_CERTIFICATE).toString(),
            "--chain", pki(PkiDirectory.INTERMEDIATE_CERTIFICATE).toString()));
        assertOneLine(signing.err(), "sign: " + pki(PkiDirectory.INTERMEDIATE_KEY));
    }

    @Test
    void signShouldExitTwoAndLeaveTheBundleAloneForASigningTimeBeforeTheCertificatesAreValid() throws Exception
    {
        final byte[] before = Files.readAllBytes(bundle);
        final Instant early = TestPki.ISSUED_AT.minus(Duration.ofDays(31));
        assertEquals(USAGE, sign("--signing-time", early.toString()));
        assertOneLine(signing.err(), "sign: " + pki(PkiDirectory.SIGNER_CERTIFICATE) + ", "
            + pki(PkiDirectory.INTERMEDIATE_CERTIFICATE) + ": the certificate "
            + PkiGenerator.SIGNER_SUBJECT + " is valid from " + TestPki.ISSUED_AT);
        assertTrue(signing.err().contains("not at the signing time " + early), signing.err());
        assertArrayEquals(before, Files.readAllBytes(bundle));
    }

    @Test
    void verifyShouldExitZeroAndShowSignerTimeAndChain()
    {
        sign();
        assertEquals(0, cli.run(new VerifyCommand(VERIFYING), bundle.toString(), "--trust", root.toString()));
        assertTrue(cli.out().startsWith(bundle + ": valid: netstack 1.3.0 (" + TestModules.NETSTACK_UUID +
            ") signed by " + PkiGenerator.SIGNER_SUBJECT + " at " + TestPki.SIGNED_AT), cli.out());
        assertTrue(cli.out().contains("chain: " + PkiGenerator.SIGNER_SUBJECT + " <- " +
            PkiGenerator.INTERMEDIATE_SUBJECT + " <- " + PkiGenerator.ROOT_SUBJECT), cli.out());
    }

    @Test
    void verifyExitsOneForTamperedBundle() throws Exception
    {
        sign();
        final byte[] bytes = Files.readAllBytes(bundle);
        final byte[] certificate = pki.intermediate().certificate().getEncoded();
        final int at = indexOf(bytes, certificate) + certificate.length - 1;
        bytes[at] ^= 1;
        Files.write(bundle, bytes);
        assertEquals(REFUSED, verify(root));
        assertOneLine(cli.err(), "verify: " + bundle + ": " + Reason.CERTIFICATE_SIGNATURE_INVALID.description());
    }

    @Test
    void verifyExitsOneForUnsignedBundle()
    {
        assertEquals(REFUSED, verify(root));
        assertOneLine(cli.err(), "verify: " + bundle + ": " + Reason.NOT_SIGNED.description());
    }

    @Test
    void verifyExitsOneForAnotherTrustRoot() throws Exception
    {
        sign();
        final Path otherRoot = directory.resolve("other-root.pem");
        Pem.writeCertificates(otherRoot, List.of(TestPki.ed25519().root().certificate()), false);
        assertEquals(REFUSED, verify(otherRoot));
        assertOneLine(cli.err(), "verify: " + bundle + ": " + Reason.UNTRUSTED_ROOT.description());
    }

    @Test
    void verifyExitsOneForAChangedPayloadByte() throws Exception
    {
        sign();
        final byte[] bytes = Files.readAllBytes(bundle);
        final Bundle parsed = BundleReader.read(bytes);
        bytes[parsed.section(SectionType.PAYLOAD).end() - 1] ^= 1;
        Files.write(bundle, bytes);
        assertEquals(REFUSED, verify(root));
        assertOneLine(cli.err(), "verify: " + bundle + ": payload: ");
    }

    @Test
    void verifyExitsTwoForTruncatedBundle() throws Exception
    {
        sign();
        final byte[] bytes = Files.readAllBytes(bundle);
        Files.write(bundle, Arrays.copyOf(bytes, bytes.length - 1));
        assertEquals(USAGE, verify(root));
        assertOneLine(cli.err(), "verify: " + bundle + ": ");
    }

    @Test
    void anInstantThatIsNotIso8601IsOneLineNamingTheFormWithoutAJavaClass()
    {
        assertEquals(USAGE, cli.run(new VerifyCommand(VERIFYING), bundle.toString(), "--trust", root.toString(),
            "--at", "2026-01-01"));
        assertEquals("verify: Invalid value for option '--at': '2026-01-01' is not an ISO-8601 instant such as"
            + " 2026-01-01T00:00:00Z (see 'verify --help')\n", cli.err());
        assertEquals(USAGE, sign("--signing-time", "yesterday"));
        assertTrue(signing.err().contains("'yesterday' is not an ISO-8601 instant"), signing.err());
    }

    @Test
    void exportSignatureShouldWriteTheSignatureAndTheSignedBytes() throws Exception
    {
        sign();
        final Path signature = directory.resolve("sig.der");
        final Path content = directory.resolve("signed.bin");
        assertEquals(0, cli.run(new ExportSignatureCommand(), bundle.toString(),
            "--signature", signature.toString(), "--content", content.toString()));
        final Bundle signed = BundleReader.read(bundle);
        assertArrayEquals(signed.signature(), Files.readAllBytes(signature));
        assertArrayEquals(signed.signedBytes(), Files.readAllBytes(content));
    }

    @Test
    void exportSignatureExitsOneForUnsignedBundle()
    {
        assertEquals(REFUSED, cli.run(new ExportSignatureCommand(), bundle.toString(),
            "--signature", directory.resolve("sig.der").toString(),
            "--content", directory.resolve("signed.bin").toString()));
        assertFalse(Files.exists(directory.resolve("sig.der")));
    }

    @Test
    void inspectShouldShowSignerChainAndSigningTimeWithoutTrust() throws Exception
    {
        sign();
        assertEquals(0, cli.run(new InspectCommand(VERIFYING), bundle.toString(), "--json"));
        final JsonNode json = new ObjectMapper().readTree(cli.out());
        assertEquals(PkiGenerator.SIGNER_SUBJECT, json.at("/signature/signer").asText());
        assertEquals(2, json.at("/signature/chain").size());
        assertEquals(TestPki.SIGNED_AT.toString(), json.at("/signature/signing_time").asText());
        assertTrue(json.at("/verification").isMissingNode());
    }

    @Test
    void inspectWithTrustShouldReportValidChain() throws Exception
    {
        sign();
        assertEquals(0, cli.run(new InspectCommand(VERIFYING), bundle.toString(), "--json", "--trust",
            root.toString()));
        final JsonNode json = new ObjectMapper().readTree(cli.out());
        assertEquals("valid", json.at("/verification/result").asText());
        assertEquals(PkiGenerator.ROOT_SUBJECT, json.at("/verification/chain/2").asText());
    }

    @Test
    void inspectWithTrustShouldReportRefusalAndExitOne() throws Exception
    {
        assertEquals(REFUSED, cli.run(new InspectCommand(VERIFYING), bundle.toString(), "--trust",
            root.toString()));
        assertTrue(cli.out().contains("result:  refused"), cli.out());
        assertOneLine(cli.err(), "inspect: " + bundle + ": " + Reason.NOT_SIGNED.description());
    }

    @Test
    void inspectShouldShowTheDeclaredFaultInTextAndJson() throws Exception
    {
        final String yaml = TestModules.manifestYaml("netstack", "1.3.0", TestModules.NETSTACK_UUID)
            + "fault: crash-after-requests requests=100\n";
        final Manifest manifest = ManifestParser.parse("manifest.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        Files.write(bundle, BundleWriter.pack(manifest, TestModules.jar("netstack")));

        assertEquals(0, cli.run(new InspectCommand(VERIFYING), bundle.toString()));
        assertTrue(cli.out().contains("fault:          crash-after-requests requests=100"), cli.out());
        final CommandRunner json = new CommandRunner();
        assertEquals(0, json.run(new InspectCommand(VERIFYING), bundle.toString(), "--json"));
        assertEquals("crash-after-requests requests=100", new ObjectMapper().readTree(json.out()).at("/module/fault")
            .asText());
    }

    @Test
    void inspectShouldShowNoFaultForARealModule() throws Exception
    {
        assertEquals(0, cli.run(new InspectCommand(VERIFYING), bundle.toString(), "--json"));
        assertTrue(new ObjectMapper().readTree(cli.out()).at("/module/fault").isNull());
    }

    private int sign(final String... extra)
    {
        final String[] arguments = {
            bundle.toString(),
            "--key", pki(PkiDirectory.SIGNER_KEY).toString(),
            "--cert", pki(PkiDirectory.SIGNER_CERTIFICATE).toString(),
            "--chain", pki(PkiDirectory.INTERMEDIATE_CERTIFICATE).toString() };
        final String[] all = Arrays.copyOf(arguments, arguments.length + extra.length);
        System.arraycopy(extra, 0, all, arguments.length, extra.length);
        return signing.run(new SignCommand(SIGNING), all);
    }

    private int verify(final Path trust)
    {
        return cli.run(new VerifyCommand(VERIFYING), bundle.toString(), "--trust", trust.toString());
    }

    private Path pki(final String name)
    {
        return directory.resolve("pki").resolve(name);
    }

    private static void assertOneLine(final String text, final String prefix)
    {
        assertTrue(text.startsWith(prefix), text);
        assertEquals(1, text.lines().count(), text);
    }

    private static int indexOf(final byte[] haystack, final byte[] needle)
    {
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length))
            {
                return i;
            }
        }
        throw new AssertionError("needle not found");
    }
}
