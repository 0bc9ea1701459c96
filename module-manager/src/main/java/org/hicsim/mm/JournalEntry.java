package org.hicsim.mm;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.mm.journal.JournalRecord;

/**
 * One fact of the Module Manager's journal: what kind, and its fields as {@code key=value} lines in key order.
 * Enough for a restarted Module Manager, built from the store alone, to know what is installed and how far the
 * update in progress got: before its point of no return it is cancelled, after it rolled back.
 *
 * @param kind   what happened.
 * @param fields the facts, by name.
 */
record JournalEntry(Kind kind, SortedMap<String, String> fields)
{
    /** The kinds of fact, by their record type (1 up: append only). */
    enum Kind
    {
        /** A service was installed: {@code service}, {@code stem}, {@code sandbox}. */
        INSTALLED,
        /**
         * An update began: {@code service}, {@code from}, {@code to}, and {@code config.KEY} for each value its new
         * instance is started with ({@link UpdatePolicy#newInstanceConfiguration()}).
         */
        UPDATE_BEGIN,
        /** Its new instance runs: {@code service}, {@code sandbox}. */
        NEW_INSTANCE,
        /** It passed its point of no return: {@code service}. */
        POINT_OF_NO_RETURN,
        /** It ended: {@code service}, {@code outcome}, and the {@code stem} and {@code sandbox} now serving. */
        UPDATE_END,
        /** What the service runs became permanent: {@code service}, {@code stem}. */
        COMMITTED,
        /**
         * The update's strategy changes from its next stage boundary on: {@code service}, {@code strategy} (as
         * {@link Strategy#toString()} writes it).
         */
        STRATEGY_CHANGED,
        /**
         * A batch's members became permanent together, in one record so that a torn write commits all or none:
         * {@code services} (comma-separated), and {@code NAME.stem}, {@code NAME.sandbox} for each.
         */
        BATCH_COMMITTED,
        /**
         * A rollback of the update in progress began: {@code service}, {@code kind} ({@link RollbackKind#key()}),
         * {@code reason}. A restarted Module Manager finishes it as that kind.
         */
        ROLLBACK_BEGUN,
        /**
         * A configuration version was applied to the service: {@code service}, {@code version}, {@code values}
         * ({@code key=value} pairs joined by {@code ;}), and {@code cause} ({@code configure} or {@code rollback}).
         */
        CONFIGURED,
        /** A bundle was marked problematic (or cleared, {@code problematic=false}): {@code digest}, {@code reason}. */
        BUNDLE_MARKED;

        int type()
        {
            return ordinal() + 1;
        }

        static Kind of(final int type)
        {
            return type >= 1 && type <= values().length ? values()[type - 1] : null;
        }
    }

    /** Before each configuration key in an entry's fields. */
    private static final String CONFIG_PREFIX = "config.";
    private static final String CONFIG_VERSION = "config_version";

    JournalEntry
    {
        fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }

    static JournalEntry of(final Kind kind, final String... keyValues)
    {
        final TreeMap<String, String> fields = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2)
        {
            fields.put(keyValues[i], keyValues[i + 1]);
        }
        return new JournalEntry(kind, fields);
    }

    /** This entry with a {@code config.KEY} field for each of the configuration's values, and its version. */
    JournalEntry withConfiguration(final Configuration configuration)
    {
        if (configuration.values().isEmpty())
        {
            return this;
        }
        final TreeMap<String, String> withValues = new TreeMap<>(fields);
        withValues.put(CONFIG_VERSION, Long.toString(configuration.version()));
        configuration.values().forEach((key, value) -> withValues.put(CONFIG_PREFIX + key, value));
        return new JournalEntry(kind, withValues);
    }

    /** The configuration {@link #withConfiguration} recorded; empty if none. */
    Configuration configuration()
    {
        final Configuration.Builder builder = Configuration.builder(Long.parseLong(fields.getOrDefault(CONFIG_VERSION,
            "0")));
        fields.forEach((key, value) ->
        {
            if (key.startsWith(CONFIG_PREFIX))
            {
                builder.put(key.substring(CONFIG_PREFIX.length()), value);
            }
        });
        return builder.build();
    }

    String get(final String key)
    {
        return fields.getOrDefault(key, "");
    }

    JournalRecord toRecord()
    {
        final StringBuilder text = new StringBuilder();
        fields.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return new JournalRecord(kind.type(), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @return the entry, or null for a record of a type this build does not know. */
    static JournalEntry of(final JournalRecord record)
    {
        final Kind kind = Kind.of(record.type());
        if (kind == null)
        {
            return null;
        }
        final TreeMap<String, String> fields = new TreeMap<>();
        for (final String line : new String(record.payload(), StandardCharsets.UTF_8).split("\n"))
        {
            final int equals = line.indexOf('=');
            if (equals > 0)
            {
                fields.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return new JournalEntry(kind, fields);
    }
}
