package org.hicsim.cli.mod;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.hicsim.cli.ExitCodes;
import org.hicsim.hicmod.repo.ModuleRepository;
import org.hicsim.hicmod.repo.RepositoryIndex;
import org.hicsim.hicmod.repo.RepositoryState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hic mod repo init DIR --key KEY --cert CERT --chain INTERMEDIATE}: creates a repository whose index
 * that key signs, and publishes its first, empty index.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Create a module repository and publish its first (empty) signed index.",
    footer = { "", "The repository records where the key is; it never copies it.",
        "Exit codes: 0 created, 2 usage error, a repository already there, or an unusable key or certificate." })
public final class RepoInitCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The repository directory (created if missing).")
    Path directory;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The index signer's private key, PEM.")
    Path keyFile;

    @Option(names = "--cert", required = true, paramLabel = "CERT",
        description = "The index signer's certificate, PEM (digitalSignature and codeSigning).")
    Path certificateFile;

    @Option(names = "--chain", required = true, paramLabel = "INTERMEDIATE",
        description = "The intermediate CA certificate(s), PEM.")
    Path chainFile;

    @Option(names = "--index-validity-days", paramLabel = "DAYS", defaultValue = "30",
        description = "How long each published index stays valid, 1 to 36500 (default ${DEFAULT-VALUE}).")
    long indexValidityDays;

    private final Clock clock;

    public RepoInitCommand()
    {
        this(Clock.systemUTC());
    }

    /**
     * @param clock the signing time of the first index, from which its expiry counts.
     */
    RepoInitCommand(final Clock clock)
    {
        this.clock = clock;
    }

    @Override
    public Integer call()
    {
        final long daysMax = RepositoryState.INDEX_VALIDITY_MAX.toDays();
        if (indexValidityDays < 1 || indexValidityDays > daysMax)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--index-validity-days must be from 1 to " + daysMax + ", not " + indexValidityDays);
        }
        final RepositoryIndex index = new ModuleRepository(directory, clock).init(
            new RepositoryState.SignerFiles(keyFile, certificateFile, chainFile), Duration.ofDays(indexValidityDays));
        spec.commandLine().getOut().printf("%s: repository created; index version %d published, expires %s%n",
            directory, index.version(), index.expires());
        return ExitCodes.OK;
    }
}
