package org.hicsim.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.BundleWriter;
import org.hicsim.hicmod.ManifestParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse throughput of a {@code .hicmod} bundle whose payload is a 5 MiB jar: {@link BundleReader#read(byte[])},
 * which checks the header and section table, the manifest's digest and canonical form, the payload's CRC32C, LZ4
 * decompression and the jar's SHA-384. The jar holds pseudo-random bytes, as incompressible as the deflated
 * classes of a real jar, so LZ4 has nothing to gain and the payload is about as large as the jar.
 * <p>
 * The baseline is the one step no reader can skip: the SHA-384 of the same jar with the JDK's
 * {@link MessageDigest}. Divide the jar's length by the time per operation for MB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = JvmFlags.AGRONA_EXPORTS)
public class BundleReadBenchmark
{
    /** The jar's uncompressed entry; with the jar's own framing the payload is a little over 5 MiB. */
    private static final int ENTRY_LENGTH = 5 * 1024 * 1024;
    private static final long ENTRY_TIME = 1_700_000_000_000L;
    static final String MANIFEST = String.join("\n",
        "name: netstack",
        "version: 1.3.0",
        "uuid: 550e8400-e29b-41d4-a716-446655440000",
        "entry: org.hicsim.services.netstack.Netstack",
        "resources:",
        "  memory: 64MiB",
        "  cpu_quota: 20%",
        "");

    private byte[] bundle;
    private byte[] jar;
    private MessageDigest sha384;

    @Setup(Level.Trial)
    public void setUp() throws IOException, NoSuchAlgorithmException
    {
        jar = randomJar(ENTRY_LENGTH);
        bundle = BundleWriter.pack(
            ManifestParser.parse("manifest.yaml", MANIFEST.getBytes(StandardCharsets.UTF_8)), jar);
        sha384 = MessageDigest.getInstance("SHA-384");
        if (BundleReader.read(bundle).jar().remaining() != jar.length)
        {
            throw new IllegalStateException("the bundle does not read back its jar, length=" + jar.length);
        }
    }

    @Benchmark
    public Bundle readBundle()
    {
        return BundleReader.read(bundle);
    }

    @Benchmark
    public byte[] baselineSha384OfJar()
    {
        return sha384.digest(jar);
    }

    /**
     * A jar of one entry of {@code entryLength} pseudo-random bytes.
     */
    static byte[] randomJar(final int entryLength) throws IOException
    {
        final byte[] entry = new byte[entryLength];
        new SplittableRandom(42).nextBytes(entry);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(entryLength + 4096);
        try (JarOutputStream out = new JarOutputStream(bytes))
        {
            final JarEntry data = new JarEntry("org/hicsim/services/netstack/data.bin");
            data.setTime(ENTRY_TIME);
            out.putNextEntry(data);
            out.write(entry);
        }
        return bytes.toByteArray();
    }
}
