package org.hicsim.cli;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The help of {@code hic mod ...} and {@code hic services ...} as a user reads it: picocli prints each element of a
 * description or footer on a line of its own and a parent's command list shows only a command's first element, so
 * an element that stops mid-sentence is a broken line in the help, or a summary cut short.
 */
class ModServicesHelpTest
{
    @Test
    void shouldEndEveryHelpParagraphOfModAndServicesWithItsSentence()
    {
        final List<String> broken = new ArrayList<>();
        for (final CommandSpec command : commands())
        {
            paragraphs(command.qualifiedName(), command.usageMessage().description(), broken);
            paragraphs(command.qualifiedName() + " footer", command.usageMessage().footer(), broken);
            for (final ArgSpec argument : command.args())
            {
                paragraphs(command.qualifiedName() + " " + argument.paramLabel(), argument.description(), broken);
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void shouldListServicesRunWithItsWholeSummary()
    {
        final CommandLine services = Hic.newCommandLine().getSubcommands().get("services");
        final String help = services.getUsageMessage(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        final String list = help.substring(help.indexOf("Commands:")).replaceAll("\\s+", " ");
        assertTrue(list.contains("print the trace digest."), help);
    }

    private static List<CommandSpec> commands()
    {
        final List<CommandSpec> commands = new ArrayList<>();
        final CommandLine root = Hic.newCommandLine();
        addTree(root.getSubcommands().get("mod"), commands);
        addTree(root.getSubcommands().get("services"), commands);
        return commands;
    }

    private static void addTree(final CommandLine command, final List<CommandSpec> commands)
    {
        commands.add(command.getCommandSpec());
        command.getSubcommands().forEach((name, subcommand) ->
        {
            if (!"help".equals(name))
            {
                addTree(subcommand, commands);
            }
        });
    }

    private static void paragraphs(final String where, final String[] elements, final List<String> broken)
    {
        for (final String element : elements)
        {
            final String text = element.strip();
            if (!text.isEmpty() && !text.endsWith(".") && !text.endsWith(".)"))
            {
                broken.add(where + ": " + text);
            }
        }
    }
}
