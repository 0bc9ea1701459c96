package org.hicsim.cli.mod;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;

import org.hicsim.cli.ExitCodes;
import org.hicsim.hicmod.pki.KeyAlgorithm;
import org.hicsim.hicmod.pki.ModulePki;
import org.hicsim.hicmod.pki.PkiDirectory;
import org.hicsim.hicmod.pki.PkiGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hic mod pki init DIR}: generates a root CA, an intermediate CA and a module signing certificate into
 * {@code DIR} (see {@link PkiDirectory}). Existing files are kept, and the command refused, unless
 * {@code --force}: overwriting a CA key by accident would orphan every bundle it signed.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = "Generate a root CA, an intermediate CA and a module signing certificate with their keys.",
    footer = { "", "Exit codes: 0 written, 1 a file exists (use --force), 2 usage error or unwritable file." })
public final class PkiInitCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory to write the PEM files into.")
    Path directory;

    @Option(names = "--force", description = "Replace existing files.")
    boolean force;

    @Option(
        names = "--algorithm",
        paramLabel = "ALG",
        defaultValue = "rsa3072",
        converter = KeyAlgorithmConverter.class,
        description = "Key algorithm of all three tiers: rsa3072 (default) or ed25519.")
    KeyAlgorithm algorithm;

    @Option(names = "--valid-from", paramLabel = "INSTANT", converter = InstantConverter.class,
        description = "Start every validity period at this ISO-8601 instant instead of the real time now: a"
            + " simulation checks certificates at its simulated time (virtual time 0 is 2026-01-01T00:00:00Z).")
    Instant validFrom;

    private final Clock clock;

    public PkiInitCommand()
    {
        this(Clock.systemUTC());
    }

    /**
     * @param clock where the validity periods start.
     */
    PkiInitCommand(final Clock clock)
    {
        this.clock = clock;
    }

    @Override
    public Integer call()
    {
        final List<Path> existing = PkiDirectory.existingFiles(directory);
        if (!force && !existing.isEmpty())
        {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + existing.get(0) +
                ": already exists; keeping it (use --force to replace the PKI in " + directory + ")");
            return ExitCodes.REFUSED;
        }
        final ModulePki pki = new PkiGenerator(validFrom == null ? clock : Clock.fixed(validFrom, ZoneOffset.UTC),
            new SecureRandom()).generate(algorithm);
        final List<Path> written = PkiDirectory.write(directory, pki, force);
        final PrintWriter out = spec.commandLine().getOut();
        for (final Path file : written)
        {
            out.println("wrote " + file);
        }
        out.println("signer: " + pki.signer().certificate().getSubjectX500Principal().getName() + " (" +
            algorithm.cliName() + "), valid until " + pki.signer().certificate().getNotAfter().toInstant());
        out.println("trust root for verification: " + directory.resolve(PkiDirectory.ROOT_CERTIFICATE));
        return ExitCodes.OK;
    }

    /**
     * Accepts the {@link KeyAlgorithm#cliName()}s, in any case.
     */
    static final class KeyAlgorithmConverter implements CommandLine.ITypeConverter<KeyAlgorithm>
    {
        @Override
        public KeyAlgorithm convert(final String value)
        {
            try
            {
                return KeyAlgorithm.fromCliName(value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.TypeConversionException(ex.getMessage());
            }
        }
    }
}
