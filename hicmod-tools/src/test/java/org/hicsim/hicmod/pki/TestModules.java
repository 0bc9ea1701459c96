package org.hicsim.hicmod.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.BundleWriter;
import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.ManifestParser;

/**
 * Unsigned bundles of small made-up modules for signature and repository tests, deterministic byte for byte.
 */
public final class TestModules
{
    public static final UUID NETSTACK_UUID = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");
    public static final UUID ETH_DRIVER_UUID = UUID.fromString("6fa459ea-ee8a-3ca4-894e-db77e160355e");

    private static final long ENTRY_TIME = 1_700_000_000_000L;

    private TestModules()
    {
    }

    /**
     * The manifest of a module as a user writes it.
     */
    public static String manifestYaml(final String name, final String version, final UUID uuid)
    {
        return String.join("\n",
            "name: " + name,
            "version: " + version,
            "uuid: " + uuid,
            "entry: org.hicsim.services." + name + ".Service",
            "resources:",
            "  memory: 16MiB",
            "  cpu_quota: 10%",
            "");
    }

    public static Bundle unsigned(final String name, final String version, final UUID uuid)
    {
        final Manifest manifest = ManifestParser.parse(
            "manifest.yaml", manifestYaml(name, version, uuid).getBytes(StandardCharsets.UTF_8));
        return BundleReader.read(BundleWriter.pack(manifest, jar(name)));
    }

    public static Bundle netstack(final String version)
    {
        return unsigned("netstack", version, NETSTACK_UUID);
    }

    /**
     * A small jar whose one entry names the module.
     */
    public static byte[] jar(final String name)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes))
        {
            final JarEntry entry = new JarEntry("org/hicsim/services/" + name + "/Service.class");
            entry.setTime(ENTRY_TIME);
            jar.putNextEntry(entry);
            jar.write(new byte[] { (byte)0xCA, (byte)0xFE, (byte)0xBA, (byte)0xBE });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }
}
