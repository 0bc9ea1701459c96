package org.hicsim.cli.mod;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import picocli.CommandLine;

/**
 * Reads an option's ISO-8601 instant ({@code --at}, {@code --signing-time}, {@code --valid-from}) and refuses
 * any other text by naming the form expected, where picocli's default names the Java class and parser exception.
 */
final class InstantConverter implements CommandLine.ITypeConverter<Instant>
{
    @Override
    public Instant convert(final String value)
    {
        try
        {
            return Instant.parse(value);
        }
        catch (final DateTimeParseException ex)
        {
            throw new CommandLine.TypeConversionException(
                "'" + value + "' is not an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }
}
