package org.hicsim.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** The JSON Schema of result.json in the project's docs, as the tests validate against it. */
public final class ResultSchema
{
    /** Surefire runs in the module's directory; the schema lives in the project's docs. */
    private static final Path SCHEMA = Path.of("../docs/result.schema.json");

    private static final Schema RESULT_SCHEMA = load();

    private ResultSchema()
    {
    }

    public static Schema get()
    {
        return RESULT_SCHEMA;
    }

    private static Schema load()
    {
        try (InputStream in = Files.newInputStream(SCHEMA))
        {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + SCHEMA.toAbsolutePath(), ex);
        }
    }
}
