package org.hicsim.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.sim.SimulatedEpoch;
import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.BundleWriter;
import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.ManifestParser;
import org.hicsim.hicmod.pki.BundleSigner;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.KeyAlgorithm;
import org.hicsim.hicmod.pki.ModulePki;
import org.hicsim.hicmod.pki.PkiGenerator;
import org.hicsim.hicmod.pki.VerifiedBundle;

/**
 * A module made at test time from classes of the test class path: its jar holds the entry class, its
 * superclasses and the extra classes given, each with its nested classes, byte for byte as javac wrote them;
 * its bundle is signed by a PKI generated once per JVM and verified as the host requires.
 */
final class TestModule
{
    /** Two days before virtual time 0, at which the tests' kernels verify what they load. */
    static final Instant ISSUED_AT = SimulatedEpoch.DEFAULT_EPOCH.minus(Duration.ofDays(2));
    static final Instant SIGNED_AT = ISSUED_AT.plus(Duration.ofDays(1));
    static final String DEFAULT_VERSION = "1.0.0";
    static final String DEFAULT_MEMORY = "64KiB";
    static final int CPU_QUOTA_PERCENT = 10;

    private static final long ENTRY_TIME = ISSUED_AT.toEpochMilli();
    private static final String TEST_PACKAGE_ROOT = "org.hicsim.host.";
    private static final ModulePki PKI = generatePki();

    private final String name;
    private final Class<?> entry;
    private final List<Class<?>> classes = new ArrayList<>();
    private final Map<String, String> dependencies = new LinkedHashMap<>();
    private final List<String> capabilities = new ArrayList<>();
    private final Map<String, String> config = new LinkedHashMap<>();
    private String version = DEFAULT_VERSION;
    private String memory = DEFAULT_MEMORY;
    private String migration;
    private int cpuQuotaPercent = CPU_QUOTA_PERCENT;

    private TestModule(final String name, final Class<?> entry)
    {
        this.name = name;
        this.entry = entry;
        for (Class<?> type = entry; type != null && type.getName().startsWith(TEST_PACKAGE_ROOT);
            type = type.getSuperclass())
        {
            classes.add(type);
        }
    }

    static TestModule of(final String name, final Class<?> entry)
    {
        return new TestModule(name, entry);
    }

    static ModulePki pki()
    {
        return PKI;
    }

    static BundleVerifier verifier()
    {
        return new BundleVerifier(List.of(PKI.root().certificate()));
    }

    static Clock fixedAt(final Instant instant)
    {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    TestModule version(final String version)
    {
        this.version = version;
        return this;
    }

    TestModule memory(final String memory)
    {
        this.memory = memory;
        return this;
    }

    TestModule cpuQuota(final int percent)
    {
        this.cpuQuotaPercent = percent;
        return this;
    }

    /** Also packs {@code extra}, and its nested classes, into the jar. */
    TestModule with(final Class<?> extra)
    {
        classes.add(extra);
        return this;
    }

    TestModule dependency(final String module, final String constraint)
    {
        dependencies.put(module, constraint);
        return this;
    }

    TestModule capability(final String request)
    {
        capabilities.add(request);
        return this;
    }

    /** A default configuration value in the manifest's {@code config}. */
    TestModule config(final String key, final String value)
    {
        config.put(key, value);
        return this;
    }

    /**
     * @param protocols e.g. {@code "1.3", "1.4"}.
     */
    TestModule migration(final int stateVersion, final String... protocols)
    {
        migration = "migration:\n  protocols: [\"" + String.join("\", \"", protocols) + "\"]\n  state_version: "
            + stateVersion + "\n";
        return this;
    }

    Manifest manifest()
    {
        final StringBuilder yaml = new StringBuilder()
            .append("name: ").append(name).append('\n')
            .append("version: ").append(version).append('\n')
            .append("uuid: ").append(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8))).append('\n')
            .append("entry: ").append(entry.getName()).append('\n');
        if (!dependencies.isEmpty())
        {
            yaml.append("dependencies:\n");
            dependencies.forEach((module, constraint) ->
                yaml.append("  ").append(module).append(": \"").append(constraint).append("\"\n"));
        }
        yaml.append("resources:\n  memory: ").append(memory).append("\n  cpu_quota: ")
            .append(cpuQuotaPercent).append("%\n");
        if (!capabilities.isEmpty())
        {
            yaml.append("  capabilities: [").append(String.join(", ", capabilities)).append("]\n");
        }
        if (migration != null)
        {
            yaml.append(migration);
        }
        if (!config.isEmpty())
        {
            yaml.append("config:\n");
            config.forEach((key, value) -> yaml.append("  ").append(key).append(": \"").append(value).append("\"\n"));
        }
        return ManifestParser.parse("manifest.yaml", yaml.toString().getBytes(StandardCharsets.UTF_8));
    }

    byte[] jar()
    {
        return jar(entries());
    }

    /** The jar's entries: each class file under its own name, in a map the caller may add to. */
    Map<String, byte[]> entries()
    {
        final Map<String, byte[]> entries = new LinkedHashMap<>();
        for (final Class<?> type : classes)
        {
            for (final Class<?> member : type.getNestMembers())
            {
                entries.put(member.getName().replace('.', '/') + ".class", classFile(member));
            }
        }
        return entries;
    }

    Bundle unsigned()
    {
        return bundle(jar());
    }

    /** An unsigned bundle of this manifest and any jar. */
    Bundle bundle(final byte[] jar)
    {
        return BundleReader.read(BundleWriter.pack(manifest(), jar));
    }

    Bundle signed()
    {
        return BundleReader.read(signedBytes());
    }

    /** The signed bundle as a .hicmod file holds it. */
    byte[] signedBytes()
    {
        return new BundleSigner(PKI.signingCredentials(), fixedAt(SIGNED_AT)).sign(unsigned());
    }

    /**
     * The signed bundle verified at the simulated time of the kernel it is for.
     */
    VerifiedBundle verifiedFor(final Kernel kernel)
    {
        return verifier().verifyBundle(signed(), SimulatedEpoch.DEFAULT.now(kernel.simulation()));
    }

    static byte[] jar(final Map<String, byte[]> entries)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes))
        {
            for (final Map.Entry<String, byte[]> entry : entries.entrySet())
            {
                final JarEntry jarEntry = new JarEntry(entry.getKey());
                jarEntry.setTime(ENTRY_TIME);
                jar.putNextEntry(jarEntry);
                jar.write(entry.getValue());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    static byte[] classFile(final Class<?> type)
    {
        final String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = TestModule.class.getClassLoader().getResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new IllegalStateException("resource=" + resource + " is not on the test class path");
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static ModulePki generatePki()
    {
        return new PkiGenerator(fixedAt(ISSUED_AT), new SecureRandom()).generate(KeyAlgorithm.ED25519);
    }
}
