package org.hicsim.cli.mod;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import org.hicsim.cli.ExitCodes;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.hicmod.repo.IndexEntry;
import org.hicsim.hicmod.repo.ModuleRepository;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hic mod repo add DIR BUNDLE --trust ROOT_PEM [--allow-downgrade]}: verifies a bundle and, when it is
 * newer than anything accepted before for its module, stores it and publishes a new index.
 */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = "Verify a bundle and add it to the repository, refusing a downgrade (an older version) or a"
        + " replay (the same version signed earlier) unless --allow-downgrade.",
    footer = { "", "Exit codes: 0 added (or already there), 1 refused (signature, downgrade, replay, changed UUID),"
        + " 2 usage error or malformed input." })
public final class RepoAddCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The repository directory.")
    Path directory;

    @Parameters(index = "1", paramLabel = "BUNDLE", description = "The signed .hicmod bundle to add.")
    Path bundleFile;

    @Option(names = "--trust", required = true, paramLabel = "ROOT_PEM",
        description = "The trusted root CA certificate(s), PEM.")
    Path trustFile;

    @Option(names = "--allow-downgrade",
        description = "Accept a bundle older than the newest accepted for its module (a deliberate rollback).")
    boolean allowDowngrade;

    private final Clock clock;

    public RepoAddCommand()
    {
        this(Clock.systemUTC());
    }

    /**
     * @param clock "now" for verification, and the new index's signing time.
     */
    RepoAddCommand(final Clock clock)
    {
        this.clock = clock;
    }

    @Override
    public Integer call()
    {
        final ModuleRepository.Admission admission = new ModuleRepository(directory, clock)
            .add(bundleFile, Pem.readCertificates(trustFile), allowDowngrade);
        final IndexEntry entry = admission.entry();
        final String module = entry.name() + " " + entry.version() + " signed at " + entry.signingTime();
        final PrintWriter out = spec.commandLine().getOut();
        if (admission.outcome() == ModuleRepository.Outcome.UNCHANGED)
        {
            out.printf("%s: %s is already in the repository; nothing changed%n", directory, module);
        }
        else
        {
            out.printf("%s: %s %s%s; index version %d%n", directory,
                admission.outcome() == ModuleRepository.Outcome.ADDED ? "added" : "replaced with", module,
                admission.downgradeAllowed() ? " (older than the newest accepted: --allow-downgrade)" : "",
                admission.indexVersion());
        }
        return ExitCodes.OK;
    }
}
