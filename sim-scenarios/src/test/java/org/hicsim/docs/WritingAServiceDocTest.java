package org.hicsim.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that {@code docs/writing-a-service.md} works as written, by doing what it says, in document order:
 * <ul>
 *     <li>a fenced block whose info string has {@code file=PATH} ({@code ```java file=counter-tutorial/…}) is
 *     saved to {@code PATH}; its directory must exist already, made by an earlier {@code mkdir -p}, as a
 *     reader's editor needs it;</li>
 *     <li>a {@code ```console} block is a shell session: each line {@code $ COMMAND} runs the command (see
 *     {@link TutorialShell} for the commands it knows and how paths are mapped); the lines after it, up to the
 *     next {@code $}, are output the command must print, in that order, other lines allowed between them; a
 *     {@code …} in a shown line stands for any text;</li>
 *     <li>a command must exit 0, unless the next command is {@code echo $?}, whose shown output is then the exit
 *     code the reader sees;</li>
 *     <li>every other block ({@code ```text}, {@code ```sh}) is prose and is not run, so a tutorial marks what
 *     a reader types as {@code console}.</li>
 * </ul>
 * Each command is a dynamic test named by its line, run in order; after the first failure the rest fail too.
 */
class WritingAServiceDocTest
{
    static final String DOCUMENT = "docs/writing-a-service.md";
    static final String WORK_DIRECTORY = "counter-tutorial/";

    private static final String PROMPT = "$ ";
    private static final String ANY_TEXT = "…";
    private static final String EXIT_CODE_COMMAND = "echo $?";

    @TempDir
    Path scratch;

    @TestFactory
    List<DynamicTest> everyStepWorksAsWritten()
    {
        final Path repository = repositoryRoot();
        assertTrue(Files.isDirectory(repository.resolve("core0/target/classes/org/hicsim/core0/spi")),
            "core0 must be compiled first (the reactor builds it before sim-scenarios)");
        final TutorialShell shell = new TutorialShell(repository, scratch, WORK_DIRECTORY);
        final List<DynamicTest> steps = new ArrayList<>();
        for (final Fence fence : Fence.read(repository.resolve(DOCUMENT)))
        {
            if (fence.file() != null)
            {
                steps.add(DynamicTest.dynamicTest("line " + fence.line() + ": save " + fence.file(),
                    () -> Files.writeString(shell.file(fence.file()), fence.text())));
            }
            else if (fence.language().equals("console"))
            {
                steps.addAll(commands(fence, shell));
            }
        }
        assertFalse(steps.isEmpty(), DOCUMENT + " has no steps");
        return steps;
    }

    private static List<DynamicTest> commands(final Fence fence, final TutorialShell shell)
    {
        final List<DynamicTest> commands = new ArrayList<>();
        final List<String> lines = fence.lines();
        for (int i = 0; i < lines.size(); i++)
        {
            if (!lines.get(i).startsWith(PROMPT))
            {
                assertTrue(i > 0, DOCUMENT + ":" + (fence.line() + 1) + ": a console block starts with '$ '");
                continue;
            }
            final String command = lines.get(i).substring(PROMPT.length());
            final List<String> shown = new ArrayList<>();
            int next = i + 1;
            for (; next < lines.size() && !lines.get(next).startsWith(PROMPT); next++)
            {
                shown.add(lines.get(next));
            }
            final boolean exitCodeShown = next < lines.size()
                && lines.get(next).substring(PROMPT.length()).equals(EXIT_CODE_COMMAND);
            final int line = fence.line() + 1 + i;
            commands.add(DynamicTest.dynamicTest("line " + line + ": $ " + command,
                () -> runAndCompare(shell, command, shown, exitCodeShown)));
        }
        return commands;
    }

    private static void runAndCompare(
        final TutorialShell shell, final String command, final List<String> shown, final boolean exitCodeShown)
    {
        final TutorialShell.Result result = shell.run(command);
        if (!exitCodeShown)
        {
            assertEquals(0, result.exitCode(), () -> "'" + command + "' exited " + result.exitCode() + ":\n"
                + String.join("\n", result.lines()));
        }
        int actual = 0;
        for (final String expected : shown)
        {
            final Pattern pattern = lineMatching(expected);
            while (actual < result.lines().size() && !pattern.matcher(result.lines().get(actual)).matches())
            {
                actual++;
            }
            if (actual == result.lines().size())
            {
                fail("'" + command + "' did not print, in the order shown:\n" + expected + "\nIt printed:\n"
                    + String.join("\n", result.lines()));
            }
            actual++;
        }
    }

    /** The shown line as a pattern in which each {@code …} matches any text. */
    private static Pattern lineMatching(final String shown)
    {
        final StringBuilder regex = new StringBuilder();
        final String[] parts = shown.split(ANY_TEXT, -1);
        for (int i = 0; i < parts.length; i++)
        {
            regex.append(i == 0 ? "" : ".*").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }

    /** The directory holding the document: the repository, above this module's directory. */
    static Path repositoryRoot()
    {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent())
        {
            if (Files.isRegularFile(directory.resolve(DOCUMENT)))
            {
                return directory;
            }
        }
        throw new IllegalStateException(DOCUMENT + " not found above " + Path.of("").toAbsolutePath());
    }
}
