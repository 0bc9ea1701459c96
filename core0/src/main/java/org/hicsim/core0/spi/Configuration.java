package org.hicsim.core0.spi;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A service instance's configuration: a version and text values under sorted keys, read through typed getters
 * that answer a default for a key that is not set. A service gets one at start
 * ({@link ServiceContext#configuration()}: its manifest's {@code config} defaults overlaid with what the loader
 * was given) and newer ones at run time ({@link Service#configure}). Immutable.
 * <p>
 * A key is lowercase words of letters, digits and {@code _} joined by dots ({@code connections},
 * {@code fault.after_requests}); a value is printable ASCII without {@code "} or {@code \}, so both print and
 * sign as they are. Numbers are plain decimals, and a key says its unit in its name ({@code buffer_bytes},
 * {@code fault.after_ns}) rather than a value carrying one.
 */
public final class Configuration
{
    public static final int KEY_LENGTH_MAX = 64;
    public static final int VALUE_LENGTH_MAX = 128;
    public static final int ENTRIES_MAX = 64;

    /** Version 0 and no keys: what an instance that was given nothing runs with. */
    public static final Configuration EMPTY = builder(0).build();

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*");
    private static final Pattern VALUE = Pattern.compile("[ !#-\\[\\]-~]*");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,18}(?:\\.[0-9]{1,18})?");

    private final long version;
    private final SortedMap<String, String> values;

    private Configuration(final long version, final SortedMap<String, String> values)
    {
        this.version = version;
        this.values = Collections.unmodifiableSortedMap(values);
    }

    /**
     * @throws IllegalArgumentException if {@code version} is negative.
     */
    public static Builder builder(final long version)
    {
        return new Builder(version);
    }

    /** Higher is newer: a configuration pushed at run time must be newer than the one it replaces. */
    public long version()
    {
        return version;
    }

    /** Every key and its value as written, sorted by key, unmodifiable. */
    public SortedMap<String, String> values()
    {
        return values;
    }

    public boolean contains(final String key)
    {
        return values.containsKey(key);
    }

    public String string(final String key, final String defaultValue)
    {
        return values.getOrDefault(key, defaultValue);
    }

    /**
     * @throws IllegalArgumentException if the value set is not a plain decimal integer that fits a {@code long}.
     */
    public long integer(final String key, final long defaultValue)
    {
        final String value = values.get(key);
        if (value == null)
        {
            return defaultValue;
        }
        if (!INTEGER.matcher(value).matches())
        {
            throw notA("an integer", key, value);
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw notA("an integer", key, value);
        }
    }

    /**
     * @throws IllegalArgumentException if the value set is not a plain decimal ({@code 0.05}, {@code 3}): no
     * exponent, no {@code NaN} or infinity.
     */
    public double decimal(final String key, final double defaultValue)
    {
        final String value = values.get(key);
        if (value == null)
        {
            return defaultValue;
        }
        if (!DECIMAL.matcher(value).matches())
        {
            throw notA("a plain decimal", key, value);
        }
        return Double.parseDouble(value);
    }

    /**
     * @throws IllegalArgumentException if the value set is neither {@code true} nor {@code false}.
     */
    public boolean flag(final String key, final boolean defaultValue)
    {
        final String value = values.get(key);
        if (value == null)
        {
            return defaultValue;
        }
        if (!value.equals("true") && !value.equals("false"))
        {
            throw notA("true or false", key, value);
        }
        return value.equals("true");
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof Configuration
            && ((Configuration)other).version == version
            && ((Configuration)other).values.equals(values);
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(version) * 31 + values.hashCode();
    }

    /** {@code Configuration{version=2 connections=4096 fault.rate=0.05}}: keys in order. */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("Configuration{version=").append(version);
        values.forEach((key, value) -> text.append(' ').append(key).append('=').append(value));
        return text.append('}').toString();
    }

    private static IllegalArgumentException notA(final String what, final String key, final String value)
    {
        return new IllegalArgumentException("key=" + key + " value=" + value + " is not " + what);
    }

    /**
     * Collects values; {@link #build()} freezes them. A key put twice keeps the later value, so defaults put first
     * are overridden by what is put after them.
     */
    public static final class Builder
    {
        private final long version;
        private final SortedMap<String, String> values = new TreeMap<>();

        private Builder(final long version)
        {
            if (version < 0)
            {
                throw new IllegalArgumentException("version=" + version + " must not be negative");
            }
            this.version = version;
        }

        /**
         * @throws IllegalArgumentException if the key or the value breaks the syntax of {@link Configuration}, or
         *                                  the configuration would hold more than {@link #ENTRIES_MAX} keys.
         */
        public Builder put(final String key, final String value)
        {
            if (key == null || key.length() > KEY_LENGTH_MAX || !KEY.matcher(key).matches())
            {
                throw new IllegalArgumentException("key=" + key + " is not a configuration key (lowercase words of"
                    + " letters, digits and '_' joined by '.', at most " + KEY_LENGTH_MAX + " characters)");
            }
            if (value == null || value.length() > VALUE_LENGTH_MAX || !VALUE.matcher(value).matches())
            {
                throw new IllegalArgumentException("key=" + key + " value=" + value + " is not a configuration value"
                    + " (printable ASCII without '\"' or '\\', at most " + VALUE_LENGTH_MAX + " characters)");
            }
            if (!values.containsKey(key) && values.size() == ENTRIES_MAX)
            {
                throw new IllegalArgumentException("key=" + key + " would be entry " + (ENTRIES_MAX + 1)
                    + ", at most " + ENTRIES_MAX);
            }
            values.put(key, value);
            return this;
        }

        /** Puts every entry of {@code entries}, in its order. */
        public Builder putAll(final Map<String, String> entries)
        {
            entries.forEach(this::put);
            return this;
        }

        public Configuration build()
        {
            return new Configuration(version, new TreeMap<>(values));
        }
    }
}
