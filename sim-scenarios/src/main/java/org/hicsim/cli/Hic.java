package org.hicsim.cli;

import java.util.List;

import org.hicsim.cli.mod.ModCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code hic} command line. It only builds the command tree and exits with the code the
 * command returned, or the one {@link ExitCodeMapper} gives the exception it threw: 0 success, 1 refusal or failed
 * expectation, 2 usage error or malformed input, 3 internal error (a bug in HIC-Sim).
 */
public final class Hic
{
    /** The root's subcommands, in the order its help lists them. */
    static final List<Class<?>> COMMANDS = List.of(
        CommandLine.HelpCommand.class,
        DemoCommand.class,
        ModCommand.class,
        ServicesCommand.class,
        RunCommand.class,
        ScenariosCommand.class,
        ValidateCommand.class);

    private Hic()
    {
    }

    public static void main(final String[] args)
    {
        if (args.length > 0 && RunCommand.NAME.equals(args[0]))
        {
            RunCommand.warmUp();
        }
        System.exit(newCommandLine(args).execute(args));
    }

    /**
     * The configured command tree. Tests use it with {@link CommandLine#setOut} and {@link CommandLine#setErr}
     * to capture what a user would see.
     */
    public static CommandLine newCommandLine()
    {
        return newCommandLine(COMMANDS);
    }

    /**
     * The command tree {@code args} need: when they start with a command's name (but help's, which describes the
     * others), the root with that command alone, which answers them as the whole tree would; the whole tree
     * otherwise. Picocli builds the model of every command it is given from its annotations, by reflection, and
     * the whole tree's took about a tenth of a second of {@code hic run}'s start-up.
     */
    static CommandLine newCommandLine(final String[] args)
    {
        if (args.length > 0 && !"help".equals(args[0]))
        {
            for (final Class<?> command : COMMANDS)
            {
                if (command.getAnnotation(Command.class).name().equals(args[0]))
                {
                    return newCommandLine(List.of(command));
                }
            }
        }
        return newCommandLine();
    }

    private static CommandLine newCommandLine(final List<Class<?>> commands)
    {
        final CommandLine root = new CommandLine(new HicCommand());
        commands.forEach(root::addSubcommand);
        return configure(root);
    }

    /**
     * {@code commandLine} (the root's, or a single command's in a test) answering as {@code hic} does: usage errors
     * and exceptions in one line, with the exit codes of {@link ExitCodeMapper}.
     */
    public static CommandLine configure(final CommandLine commandLine)
    {
        final ExitCodeMapper exitCodes = new ExitCodeMapper();
        commandLine.setParameterExceptionHandler(new OneLineUsageErrorHandler());
        commandLine.setExitCodeExceptionMapper(exitCodes);
        commandLine.setExecutionExceptionHandler(new OneLineErrorHandler(exitCodes));
        return commandLine;
    }
}
