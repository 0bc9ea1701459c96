package org.hicsim.cli;

import picocli.CommandLine;

/**
 * {@code -v / --verbose}, accepted by every command (an inherited option), asks for stack traces on errors.
 */
public final class VerboseOption
{
    static final String LONG_NAME = "--verbose";

    @CommandLine.Option(
        names = { "-v", LONG_NAME },
        scope = CommandLine.ScopeType.INHERIT,
        description = "Print stack traces and extra detail on errors.")
    boolean verbose;

    /**
     * Whether {@code --verbose} was given anywhere on the command line, at the root or after a subcommand.
     */
    static boolean isSet(final CommandLine.ParseResult rootParseResult)
    {
        for (CommandLine.ParseResult result = rootParseResult; result != null; result = result.subcommand())
        {
            if (result.hasMatchedOption(LONG_NAME))
            {
                return true;
            }
        }
        return false;
    }
}
