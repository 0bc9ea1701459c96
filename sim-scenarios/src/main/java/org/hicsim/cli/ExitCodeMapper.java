package org.hicsim.cli;

import org.hicsim.hicmod.HicmodFormatException;
import org.hicsim.hicmod.pki.PkiInputException;
import org.hicsim.hicmod.pki.VerificationException;
import org.hicsim.host.ModuleRefusedException;
import org.hicsim.scenario.ScenarioFormatException;
import picocli.CommandLine;

/**
 * The one place where the model's typed exceptions become {@link ExitCodes}: set on the root command, so that
 * {@code hic run}, {@code hic mod} and {@code hic services} answer alike. An exception it does not know is a bug
 * in HIC-Sim.
 */
final class ExitCodeMapper implements CommandLine.IExitCodeExceptionMapper
{
    @Override
    public int getExitCode(final Throwable exception)
    {
        if (exception instanceof HicmodFormatException)
        {
            // A digest that does not match well-formed bytes is a tampered bundle: refused, as a bad signature is.
            return ((HicmodFormatException)exception).isIntegrityFailure() ? ExitCodes.REFUSED : ExitCodes.USAGE;
        }
        if (exception instanceof VerificationException || exception instanceof ModuleRefusedException)
        {
            return ExitCodes.REFUSED;
        }
        if (exception instanceof PkiInputException || exception instanceof ScenarioFormatException
            || exception instanceof CommandLine.ParameterException)
        {
            return ExitCodes.USAGE;
        }
        return ExitCodes.INTERNAL_ERROR;
    }

    /** Whether {@code exception} is one the user is told about in one line, rather than a bug. */
    boolean isUserError(final Throwable exception)
    {
        return getExitCode(exception) != ExitCodes.INTERNAL_ERROR;
    }
}
