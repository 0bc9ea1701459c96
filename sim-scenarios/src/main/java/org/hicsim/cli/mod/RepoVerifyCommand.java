package org.hicsim.cli.mod;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import org.hicsim.cli.ExitCodes;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.hicmod.repo.RepositoryVerifier;
import org.hicsim.hicmod.repo.TrustedIndexState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hic mod repo verify DIR --trust ROOT_PEM [--state FILE]}: checks a repository as a Module Manager would
 * before taking a bundle from it ({@link RepositoryVerifier}), and remembers the index it accepted.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Verify a repository: the index's signature, expiry and version (never older than one already"
        + " trusted), and every bundle it lists (size, SHA-384, identity, signature).",
    footer = { "", "Exit codes: 0 valid, 1 refused (the reason is printed), 2 usage error or malformed input." })
public final class RepoVerifyCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The repository directory.")
    Path directory;

    @Option(names = "--trust", required = true, paramLabel = "ROOT_PEM",
        description = "The trusted root CA certificate(s), PEM.")
    Path trustFile;

    @Option(names = "--state", paramLabel = "FILE",
        description = "Where this client remembers the newest index it trusted "
            + "(default: ~/.hicsim/trusted-indexes/, one file per repository path).")
    Path stateFile;

    private final Clock clock;

    public RepoVerifyCommand()
    {
        this(Clock.systemUTC());
    }

    /**
     * @param clock "now", against which the index's expiry is checked.
     */
    RepoVerifyCommand(final Clock clock)
    {
        this.clock = clock;
    }

    @Override
    public Integer call()
    {
        final RepositoryVerifier.VerifiedRepository verified = new RepositoryVerifier(
            Pem.readCertificates(trustFile), clock)
            .verify(directory, stateFile == null ? TrustedIndexState.defaultFile(directory) : stateFile);
        final PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: valid: index version %d signed by %s at %s, expires %s; %d bundle(s) verified%n",
            directory, verified.index().version(), verified.indexSignature().signerSubject(),
            verified.indexSignature().signingTime(), verified.index().expires(), verified.bundles().size());
        for (final RepositoryVerifier.VerifiedBundle bundle : verified.bundles())
        {
            out.printf("  %s %s signed by %s at %s%n", bundle.entry().name(), bundle.entry().version(),
                bundle.signature().signerSubject(), bundle.signature().signingTime());
        }
        return ExitCodes.OK;
    }
}
