package org.hicsim.report;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * The one Jackson set-up every JSON output of a run is written with, so that a record always gives the same bytes:
 * snake_case keys in record-component order, map entries by key, {@code \n} line ends on every platform, and
 * doubles in plain decimals from Jackson's own shortest-representation writer rather than
 * {@link Double#toString}, whose digits changed between JDK releases.
 */
final class ReportJson
{
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        // a decision's 3.000000 stays 3.000000 in the page's copy of result.json, as the trace prints it
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .addModule(new SimpleModule("plain-doubles")
            .addSerializer(Double.class, new PlainDouble())
            .addSerializer(Double.TYPE, new PlainDouble()))
        .build();
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n")));
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter INLINE_IN_HTML = MAPPER.writer().with(new HtmlSafeEscapes());

    private ReportJson()
    {
    }

    static ObjectMapper mapper()
    {
        return MAPPER;
    }

    /** Indented by two spaces: what a person opens ({@code result.json}). */
    static ObjectWriter pretty()
    {
        return PRETTY;
    }

    /** One line: what a program reads ({@code trace.json}, which can be large). */
    static ObjectWriter compact()
    {
        return COMPACT;
    }

    /**
     * Compact, and safe inside an HTML {@code <script>} element: no {@code <}, {@code >} or {@code &} (a text
     * holding {@code </script>} cannot end the element early).
     */
    static ObjectWriter inlineInHtml()
    {
        return INLINE_IN_HTML;
    }

    /**
     * A double in its shortest form that reads back as the same double (Jackson's Schubfach writer, the same on
     * every JDK), without exponent: {@code 0.00042}, not {@code 4.2E-4}.
     */
    static String plain(final double value)
    {
        if (!Double.isFinite(value))
        {
            throw new IllegalArgumentException("value=" + value + " must be finite: JSON has no NaN or infinity");
        }
        return new BigDecimal(NumberOutput.toString(value, true)).toPlainString();
    }

    private static final class PlainDouble extends StdSerializer<Double>
    {
        private static final long serialVersionUID = 1L;

        PlainDouble()
        {
            super(Double.class);
        }

        @Override
        public void serialize(final Double value, final JsonGenerator json, final SerializerProvider provider)
            throws IOException
        {
            json.writeNumber(plain(value));
        }
    }

    private static final class HtmlSafeEscapes extends CharacterEscapes
    {
        private static final long serialVersionUID = 1L;
        private final int[] escapes = standardAsciiEscapesForJSON();

        HtmlSafeEscapes()
        {
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii()
        {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(final int ch)
        {
            return null;
        }
    }
}
