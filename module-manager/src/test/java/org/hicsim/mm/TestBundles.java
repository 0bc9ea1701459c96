package org.hicsim.mm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.BundleWriter;
import org.hicsim.hicmod.ManifestParser;
import org.hicsim.hicmod.pki.BundleSigner;
import org.hicsim.hicmod.pki.PkiDirectory;
import org.hicsim.hicmod.pki.SigningCredentials;

/**
 * Bundles the catalogue does not ship, signed by the catalogue build's own PKI ({@code services/target/pki}):
 * another manifest over a catalogue bundle's code, so that a test can make a version, a dependency graph or a
 * protocol list the catalogue has not.
 */
final class TestBundles
{
    static final Path PKI = Path.of("..", "services", "target", "pki");
    /** Before virtual time 0, after the PKI's validity starts. */
    static final Instant SIGNED_AT = Instant.parse("2025-12-15T00:00:00Z");

    private TestBundles()
    {
    }

    /** A bundle of {@code manifestYaml} over the code of the repository's {@code codeStem}, signed. */
    static byte[] signed(final BundleRepository repository, final String codeStem, final String manifestYaml)
    {
        final Bundle code = BundleReader.read(repository.fetch(codeStem));
        final ByteBuffer jarBuffer = code.jar();
        final byte[] jar = new byte[jarBuffer.remaining()];
        jarBuffer.get(jar);
        final byte[] unsigned = BundleWriter.pack(
            ManifestParser.parse("test", manifestYaml.getBytes(StandardCharsets.UTF_8)), jar);
        final SigningCredentials credentials = SigningCredentials.load(PKI.resolve(PkiDirectory.SIGNER_KEY),
            PKI.resolve(PkiDirectory.SIGNER_CERTIFICATE), PKI.resolve(PkiDirectory.INTERMEDIATE_CERTIFICATE));
        return new BundleSigner(credentials, Clock.fixed(SIGNED_AT, ZoneOffset.UTC)).sign(BundleReader.read(unsigned));
    }

    /** A netstack manifest of another version with these dependencies and protocols, over 1.3.0's code. */
    static String netstack(final String version, final String dependencies, final String protocols)
    {
        return "name: netstack\n"
            + "version: " + version + "\n"
            + "uuid: 550e8400-e29b-41d4-a716-446655440000\n"
            + "entry: org.hicsim.services.netstack.v1_3_0.Netstack\n"
            + "dependencies:\n" + dependencies
            + "resources:\n  memory: 64MiB\n  cpu_quota: 20%\n"
            + "migration:\n  protocols: [" + protocols + "]\n  state_version: 2\n";
    }
}
