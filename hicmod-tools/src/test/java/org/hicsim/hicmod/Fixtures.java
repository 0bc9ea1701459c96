package org.hicsim.hicmod;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Manifests, jars and bundles for tests, all deterministic (a jar's entry times are fixed).
 */
final class Fixtures
{
    /** The manifest of issue 4, as a user writes it. */
    static final String NETSTACK_YAML = String.join("\n",
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

    private static final long ENTRY_TIME = 1_700_000_000_000L;

    private Fixtures()
    {
    }

    static Manifest manifest(final String yaml)
    {
        return ManifestParser.parse("manifest.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    static Manifest netstack()
    {
        return manifest(NETSTACK_YAML);
    }

    /** A small jar holding a class-like entry and a resource of {@code resourceLength} bytes. */
    static byte[] jar(final int resourceLength)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes))
        {
            final JarEntry code = new JarEntry("org/hicsim/services/netstack/Netstack.class");
            code.setTime(ENTRY_TIME);
            jar.putNextEntry(code);
            jar.write(new byte[] { (byte)0xCA, (byte)0xFE, (byte)0xBA, (byte)0xBE });
            final JarEntry resource = new JarEntry("netstack.properties");
            resource.setTime(ENTRY_TIME);
            jar.putNextEntry(resource);
            for (int i = 0; i < resourceLength; i++)
            {
                jar.write("tcp_window=65535\n".charAt(i % 17));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    static byte[] netstackBundle()
    {
        return BundleWriter.pack(netstack(), jar(100));
    }
}
