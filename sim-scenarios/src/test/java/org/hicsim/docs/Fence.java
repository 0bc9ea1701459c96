package org.hicsim.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One fenced code block of a Markdown file: the info string after the opening {@code ```} ({@code java
 * file=PATH}, {@code console}), its lines, and the line number of the fence, for messages.
 */
record Fence(int line, String info, List<String> lines)
{
    private static final String FENCE = "```";
    private static final String FILE_ATTRIBUTE = "file=";

    /**
     * Every fenced block of {@code markdown}, in document order.
     */
    static List<Fence> read(final Path markdown)
    {
        final List<String> text;
        try
        {
            text = Files.readAllLines(markdown);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final List<Fence> fences = new ArrayList<>();
        for (int i = 0; i < text.size(); i++)
        {
            if (text.get(i).startsWith(FENCE))
            {
                final int start = i;
                final List<String> lines = new ArrayList<>();
                for (i++; i < text.size() && !text.get(i).startsWith(FENCE); i++)
                {
                    lines.add(text.get(i));
                }
                if (i == text.size())
                {
                    throw new IllegalStateException(markdown + ":" + (start + 1) + ": fence never closed");
                }
                fences.add(new Fence(start + 1, text.get(start).substring(FENCE.length()).strip(), lines));
            }
        }
        return fences;
    }

    /** The first word of the info string: {@code java}, {@code console}. */
    String language()
    {
        final int space = info.indexOf(' ');
        return space < 0 ? info : info.substring(0, space);
    }

    /** The {@code file=PATH} of the info string, or null. */
    String file()
    {
        for (final String word : info.split(" "))
        {
            if (word.startsWith(FILE_ATTRIBUTE))
            {
                return word.substring(FILE_ATTRIBUTE.length());
            }
        }
        return null;
    }

    /** The lines joined with a line feed after each, as an editor saves them. */
    String text()
    {
        return String.join("\n", lines) + "\n";
    }
}
