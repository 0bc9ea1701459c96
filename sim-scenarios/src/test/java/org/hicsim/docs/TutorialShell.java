package org.hicsim.docs;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.spi.ToolProvider;

import org.hicsim.cli.Hic;
import picocli.CommandLine;

/**
 * Runs, in this JVM, the few commands a tutorial types at the repository root: {@code mkdir -p DIR},
 * {@code javac …} and {@code jar …} (through {@link ToolProvider}), {@code ./hic …} (through
 * {@link Hic#newCommandLine()}) and {@code echo $?}. A JVM cannot change its working directory, so paths are
 * rewritten instead: an argument starting with the tutorial's work directory ({@code counter-tutorial/}) is
 * resolved in a scratch directory, one starting with {@code core0/} in the real repository; output has the
 * scratch directory's path taken out, so it reads as the user sees it. Anything else a shell would interpret
 * (quotes, globs, redirections, variables other than {@code $?}) is refused, so a tutorial cannot show a command
 * this shell would run differently.
 */
final class TutorialShell
{
    /** What a command printed (standard output, then standard error) and its exit code. */
    record Result(int exitCode, List<String> lines)
    {
    }

    private static final String SHELL_SYNTAX = "'\"\\*?<>|;&`$(){}~#";
    private static final String EXIT_CODE_OF_LAST = "$?";

    private final Path repository;
    private final Path scratch;
    private final String workDirectory;
    private int lastExitCode;

    /**
     * @param workDirectory the tutorial's own directory, relative, with its trailing slash.
     */
    TutorialShell(final Path repository, final Path scratch, final String workDirectory)
    {
        this.repository = repository;
        this.scratch = scratch;
        this.workDirectory = workDirectory;
    }

    Result run(final String commandLine)
    {
        final List<String> words = words(commandLine);
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode;
        try (PrintWriter outWriter = new PrintWriter(out, true); PrintWriter errWriter = new PrintWriter(err, true))
        {
            exitCode = execute(words, outWriter, errWriter);
        }
        lastExitCode = exitCode;
        final List<String> lines = new ArrayList<>();
        for (final String text : List.of(out.toString(), err.toString()))
        {
            text.lines().map(line -> line.replace(scratch + "/", "")).forEach(lines::add);
        }
        return new Result(exitCode, lines);
    }

    private int execute(final List<String> words, final PrintWriter out, final PrintWriter err)
    {
        final String command = words.get(0);
        final String[] args = words.subList(1, words.size()).stream().map(this::resolve).toArray(String[]::new);
        switch (command)
        {
            case "mkdir":
                return mkdir(args);
            case "echo":
                if (!Arrays.equals(args, new String[] { EXIT_CODE_OF_LAST }))
                {
                    throw new IllegalArgumentException("only 'echo $?' is supported, not echo " + List.of(args));
                }
                out.println(lastExitCode);
                return 0;
            case "javac":
            case "jar":
                return ToolProvider.findFirst(command).orElseThrow().run(out, err, args);
            case "./hic":
                return hic(args, out, err);
            default:
                throw new IllegalArgumentException("command '" + command + "' is not one the tutorial shell runs");
        }
    }

    private static int hic(final String[] args, final PrintWriter out, final PrintWriter err)
    {
        final CommandLine hic = Hic.newCommandLine();
        hic.setOut(out);
        hic.setErr(err);
        return hic.execute(args);
    }

    private static int mkdir(final String[] args)
    {
        if (args.length != 2 || !args[0].equals("-p"))
        {
            throw new IllegalArgumentException("only 'mkdir -p DIR' is supported, not mkdir " + List.of(args));
        }
        try
        {
            Files.createDirectories(Path.of(args[1]));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return 0;
    }

    /** A path in the scratch directory for a file the tutorial names. */
    Path file(final String relativePath)
    {
        return Path.of(resolve(relativePath));
    }

    private String resolve(final String word)
    {
        if (word.startsWith(workDirectory))
        {
            return scratch.resolve(word).toString();
        }
        if (word.startsWith("core0/"))
        {
            return repository.resolve(word).toString();
        }
        return word;
    }

    private static List<String> words(final String commandLine)
    {
        final List<String> words = List.of(commandLine.strip().split("\\s+"));
        for (final String word : words)
        {
            if (!word.equals(EXIT_CODE_OF_LAST) && word.chars().anyMatch(c -> SHELL_SYNTAX.indexOf(c) >= 0))
            {
                throw new IllegalArgumentException("'" + word + "' means something else to a shell: "
                    + "the tutorial shell runs only plain words");
            }
        }
        return words;
    }
}
