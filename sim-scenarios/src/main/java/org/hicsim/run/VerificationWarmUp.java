package org.hicsim.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.hicsim.core0.sim.SimulatedEpoch;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.mm.BundleRepository;

/**
 * Pays, on a thread of its own while the command line is parsed and the kernel built, what a JVM's first bundle
 * verification costs whatever the bundle: Bouncy Castle's provider set up and its classes loaded from their signed
 * jar (which no class-data archive can hold), the JDK's certificate path classes, and Bouncy Castle's check of each
 * RSA modulus (a Miller-Rabin test of a 3072-bit number that it runs once per modulus and JVM, about 0.2 s for the
 * catalogue's three while the code is not yet compiled). It does so by verifying one catalogue bundle against the
 * catalogue's trust root and dropping the result.
 * <p>
 * Nothing of it reaches a run: the run reads its own trust roots and the Module Manager verifies every bundle in
 * full at the simulated clock, as without the warm-up; they only find those costs paid. A warm-up that fails (no
 * catalogue, say) warms less, and the run reports the failure itself. The run {@link #await}s the warm-up before
 * it first uses Bouncy Castle, so that two threads never initialise its classes at once.
 */
public final class VerificationWarmUp
{
    private static Thread started;

    private VerificationWarmUp()
    {
    }

    /** Starts warming up on a daemon thread with {@code catalogue}'s trust root and first bundle. */
    public static synchronized void start(final Path catalogue)
    {
        if (started == null)
        {
            started = new Thread(() -> verifyFirstBundle(catalogue), "verification-warm-up");
            started.setDaemon(true);
            started.start();
        }
    }

    /** Returns once the warm-up {@link #start}ed in this JVM has ended; at once if none was. */
    public static void await()
    {
        final Thread warmUp;
        synchronized (VerificationWarmUp.class)
        {
            warmUp = started;
        }
        if (warmUp == null)
        {
            return;
        }
        try
        {
            warmUp.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void verifyFirstBundle(final Path catalogue)
    {
        try
        {
            final Optional<Path> bundle = firstBundle(catalogue);
            if (bundle.isPresent())
            {
                final List<X509Certificate> trustRoots = Pem.readCertificates(catalogue.resolve(ScenarioRunner.TRUST_ROOT));
                new BundleVerifier(trustRoots).verify(BundleReader.read(Files.readAllBytes(bundle.get())),
                    SimulatedEpoch.DEFAULT_EPOCH);
            }
        }
        catch (final IOException | RuntimeException ignored)
        {
            // Warmed less: the run reads and verifies for itself, and says what it cannot.
        }
    }

    private static Optional<Path> firstBundle(final Path catalogue) throws IOException
    {
        try (Stream<Path> files = Files.list(catalogue))
        {
            return files.filter(file -> file.getFileName().toString().endsWith(BundleRepository.SUFFIX)).sorted()
                .findFirst();
        }
    }
}
