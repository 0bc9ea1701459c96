package org.hicsim.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.core0.sim.SimulatedEpoch;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.host.probe.CatchesEverything;
import org.hicsim.host.probe.ClaimsAHugeSize;
import org.hicsim.host.probe.FillsForever;
import org.hicsim.host.probe.GrowsAList;
import org.hicsim.host.probe.HashesPlainObjects;
import org.hicsim.host.probe.HoardsLongs;
import org.hicsim.host.probe.LeaksAcrossCalls;
import org.hicsim.host.probe.RecursesAndCatches;
import org.hicsim.host.probe.RepeatsString;
import org.hicsim.host.probe.SpinsForever;
import org.hicsim.host.sample.EchoService;

/**
 * The hostile probes run one after another in one kernel between two echo services, as a forked JVM with other
 * flags must reproduce them byte for byte (sim-scenarios' {@code ForkedJvmDeterminismTest}): each probe gets up
 * to {@link #REQUESTS_MAX} requests, stopping when it dies, and both echo services must answer after each. The
 * bundles are signed once, by {@link #writeBundles}, so that a forked JVM only verifies them.
 */
public final class ProbeDigests
{
    /** The four modules of issue 13's table. */
    public static final List<Class<?>> ISSUE_PROBES = List.of(
        SpinsForever.class, HoardsLongs.class, RecursesAndCatches.class, HashesPlainObjects.class);
    /** Their kin. */
    public static final List<Class<?>> KIN_PROBES = List.of(
        FillsForever.class, CatchesEverything.class, GrowsAList.class, RepeatsString.class, ClaimsAHugeSize.class,
        LeaksAcrossCalls.class);

    static final int REQUESTS_MAX = 80;
    /** A probe's share of the CPU, and so its fuel per call: small, since a forked JVM may interpret it. */
    private static final int PROBE_CPU_QUOTA_PERCENT = 1;
    private static final String TRUST_ROOT = "probe-root.pem";
    private static final String ECHO = "echo";

    private ProbeDigests()
    {
    }

    /** Writes the echo service's and each probe's signed bundle, and their trust root, into {@code directory}. */
    public static void writeBundles(final Path directory, final List<Class<?>> probes)
    {
        Pem.writeCertificates(directory.resolve(TRUST_ROOT), List.of(TestModule.pki().root().certificate()), true);
        write(directory, ECHO, HostFixture.echo());
        for (final Class<?> probe : probes)
        {
            write(directory, probe.getSimpleName(), TestModule.of(
                "probe_" + probe.getSimpleName().toLowerCase(Locale.ROOT), probe).cpuQuota(PROBE_CPU_QUOTA_PERCENT));
        }
    }

    /**
     * Runs the probes from the bundles {@link #writeBundles} wrote.
     *
     * @return a line per probe (whether it and both echo services ended alive, how many requests it served) and
     * last the run's trace digest.
     */
    public static List<String> digests(final Path directory, final List<Class<?>> probes)
    {
        final BundleVerifier verifier = new BundleVerifier(Pem.readCertificates(directory.resolve(TRUST_ROOT)));
        final HostFixture fixture = new HostFixture();
        final ServiceInstance before = load(fixture, verifier, directory, ECHO, "echo-before");
        final List<String> lines = new ArrayList<>();
        for (final Class<?> probe : probes)
        {
            final ServiceInstance prober = load(fixture, verifier, directory, probe.getSimpleName(),
                "probe-" + probe.getSimpleName());
            int served = 0;
            while (served < REQUESTS_MAX
                && prober.handle(new Message().argument(0, served), new Message()) == Status.OK)
            {
                served++;
            }
            final boolean echoServes = before.handle(new Message().operation(EchoService.ECHO), new Message())
                == Status.OK && before.probe(new HealthReport()) == Status.OK;
            lines.add(probe.getSimpleName() + " served=" + served + " alive=" + prober.isAlive()
                + " echoServes=" + echoServes);
        }
        lines.add("probes trace sha256: " + fixture.kernel.simulation().trace().sha256Hex());
        return lines;
    }

    private static ServiceInstance load(
        final HostFixture fixture, final BundleVerifier verifier, final Path directory, final String file,
        final String sandboxName)
    {
        return fixture.host.load(verifier.verifyBundle(BundleReader.read(directory.resolve(file + ".hicmod")),
            SimulatedEpoch.DEFAULT.now(fixture.kernel.simulation())), sandboxName, Grants.none());
    }

    private static void write(final Path directory, final String name, final TestModule module)
    {
        try
        {
            Files.write(directory.resolve(name + ".hicmod"), module.signedBytes());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
