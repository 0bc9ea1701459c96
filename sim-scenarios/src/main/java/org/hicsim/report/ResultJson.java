package org.hicsim.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code result.json}: a {@link RunRecord}, its keys in snake_case in the record's order, indented by two spaces,
 * with a final newline. The keys and their shapes are a contract, documented in {@code docs/run-outputs.md} with
 * a JSON Schema beside it ({@code docs/result.schema.json}).
 */
public final class ResultJson
{
    private ResultJson()
    {
    }

    public static void write(final RunRecord record, final OutputStream out) throws IOException
    {
        out.write(text(record).getBytes(StandardCharsets.UTF_8));
    }

    public static String text(final RunRecord record)
    {
        try
        {
            return ReportJson.pretty().writeValueAsString(record) + "\n";
        }
        catch (final JsonProcessingException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The same content as a tree, for embedding in another document. */
    static JsonNode tree(final RunRecord record)
    {
        return ReportJson.mapper().valueToTree(record);
    }
}
