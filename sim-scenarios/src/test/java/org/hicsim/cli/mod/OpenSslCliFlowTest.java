package org.hicsim.cli.mod;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hicsim.hicmod.pki.OpenSsl;
import org.hicsim.hicmod.pki.PkiDirectory;
import org.hicsim.hicmod.pki.TestModules;
import org.hicsim.hicmod.pki.TestPki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole command-line flow with OpenSSL as the independent check: pki init, pack, sign, verify,
 * export-signature, then {@code openssl cms -verify}. OpenSSL checks certificates at the wall-clock time, so the
 * commands run with a clock fixed at an instant read once from the system clock.
 */
class OpenSslCliFlowTest
{
    @TempDir
    Path directory;

    private final Clock clock = TestPki.fixedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private Path pki;

    @BeforeEach
    void requireOpenSsl()
    {
        assumeTrue(OpenSsl.isAvailable(), "openssl is not on PATH");
        pki = directory.resolve("pki");
    }

    @Test
    void openSslShouldVerifyWhatTheCommandsSigned() throws Exception
    {
        signAndExport();
        assertEquals(0, openSslVerify().exitCode());
    }

    @Test
    void openSslShouldRefuseExportedSignatureOverChangedContent() throws Exception
    {
        signAndExport();
        final Path content = directory.resolve("signed.bin");
        final byte[] bytes = Files.readAllBytes(content);
        bytes[bytes.length - 1] ^= 1;
        Files.write(content, bytes);
        assertNotEquals(0, openSslVerify().exitCode());
    }

    private void signAndExport() throws Exception
    {
        final Path manifest = directory.resolve("manifest.yaml");
        Files.writeString(manifest, TestModules.manifestYaml("netstack", "1.3.0", TestModules.NETSTACK_UUID));
        final Path jar = directory.resolve("netstack.jar");
        Files.write(jar, TestModules.jar("netstack"));
        final Path bundle = directory.resolve("netstack.hicmod");

        run(new PkiInitCommand(clock), pki.toString());
        run(new PackCommand(), "--manifest", manifest.toString(), "--code", jar.toString(), "--out", bundle.toString());
        run(new SignCommand(clock), bundle.toString(), "--key", pki.resolve(PkiDirectory.SIGNER_KEY).toString(),
            "--cert", pki.resolve(PkiDirectory.SIGNER_CERTIFICATE).toString(),
            "--chain", pki.resolve(PkiDirectory.INTERMEDIATE_CERTIFICATE).toString());
        run(new VerifyCommand(clock), bundle.toString(), "--trust", root().toString());
        run(new ExportSignatureCommand(), bundle.toString(), "--signature", directory.resolve("sig.der").toString(),
            "--content", directory.resolve("signed.bin").toString());
    }

    private OpenSsl.Result openSslVerify() throws Exception
    {
        return OpenSsl.run(directory, "cms", "-verify", "-binary", "-inform", "DER", "-in", "sig.der",
            "-content", "signed.bin", "-CAfile", root().toString(), "-purpose", "any");
    }

    private Path root()
    {
        return pki.resolve(PkiDirectory.ROOT_CERTIFICATE);
    }

    private static void run(final Object command, final String... arguments)
    {
        final CommandRunner runner = new CommandRunner();
        assertEquals(0, runner.run(command, arguments), runner.err());
    }
}
