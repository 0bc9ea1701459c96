package org.hicsim.core0.cost;

import java.util.Arrays;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The model's cost table: one value per {@link Cost}, the defaults unless a run overrides them. Immutable; every
 * virtual duration that Core-0 and the Module Manager charge for an operation is derived from it, so that
 * changing one entry (a slower store, a costlier request) changes every figure that depends on it and nothing
 * else.
 */
public final class CostTable
{
    /** Bound on a single entry: keeps every derived duration far from overflow. */
    public static final long VALUE_MAX = 1L << 40;
    private static final long BYTES_PER_KIB = 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final CostTable DEFAULTS = new CostTable(defaultValues());

    private final long[] values;

    private CostTable(final long[] values)
    {
        this.values = values;
    }

    public static CostTable defaults()
    {
        return DEFAULTS;
    }

    /**
     * A table with the given entries replaced, by key ({@code ipc.latency}).
     *
     * @throws IllegalArgumentException naming the key if it is unknown (the message lists the known ones), or if
     *                                  a value is negative, zero for a bandwidth, or above {@link #VALUE_MAX}.
     */
    public CostTable withOverrides(final Map<String, Long> overrides)
    {
        final long[] copy = values.clone();
        for (final Map.Entry<String, Long> entry : overrides.entrySet())
        {
            final Cost cost = Cost.byKey(entry.getKey());
            if (cost == null)
            {
                throw new IllegalArgumentException("unknown cost " + entry.getKey() + "; known: " + knownKeys());
            }
            copy[cost.ordinal()] = checked(cost, entry.getValue());
        }
        return new CostTable(copy);
    }

    /**
     * @return a table with one entry replaced.
     * @throws IllegalArgumentException as {@link #withOverrides}.
     */
    public CostTable with(final Cost cost, final long value)
    {
        final long[] copy = values.clone();
        copy[cost.ordinal()] = checked(cost, value);
        return new CostTable(copy);
    }

    public long value(final Cost cost)
    {
        return values[cost.ordinal()];
    }

    /** {@link Cost#IPC_LATENCY}. */
    public long ipcLatencyNs()
    {
        return values[Cost.IPC_LATENCY.ordinal()];
    }

    /** {@link Cost#REQUEST_CPU}. */
    public long requestCpuNs()
    {
        return values[Cost.REQUEST_CPU.ordinal()];
    }

    /** {@link Cost#SANDBOX_CREATE}. */
    public long sandboxCreateNs()
    {
        return values[Cost.SANDBOX_CREATE.ordinal()];
    }

    /** {@link Cost#CAPABILITY_OP}. */
    public long capabilityOpNs()
    {
        return values[Cost.CAPABILITY_OP.ordinal()];
    }

    /** {@link Cost#MIGRATION_CONNECTION}. */
    public long migrationConnectionNs()
    {
        return values[Cost.MIGRATION_CONNECTION.ordinal()];
    }

    /** Verifying a bundle of {@code bytes} signed under a chain of {@code signatures}: each signature, and the hash. */
    public long bundleVerifyNs(final int signatures, final long bytes)
    {
        return signatures * values[Cost.SIGNATURE_VERIFY.ordinal()] + hashNs(bytes);
    }

    /** Virtual time to copy {@code bytes}, rounded up to the nanosecond. */
    public long copyNs(final long bytes)
    {
        return perKib(Cost.COPY_PER_KIB, bytes);
    }

    /** Virtual time to checksum or hash {@code bytes}. */
    public long hashNs(final long bytes)
    {
        return perKib(Cost.HASH_PER_KIB, bytes);
    }

    /** Virtual time to compress {@code bytes}. */
    public long compressNs(final long bytes)
    {
        return perKib(Cost.COMPRESS_PER_KIB, bytes);
    }

    /** Virtual time to decompress to {@code bytes}. */
    public long decompressNs(final long bytes)
    {
        return perKib(Cost.DECOMPRESS_PER_KIB, bytes);
    }

    /** Virtual time to seal or open {@code bytes} with AES-256-GCM. */
    public long aeadNs(final long bytes)
    {
        return perKib(Cost.AEAD_PER_KIB, bytes);
    }

    /** Virtual time for the persistent store to write or read {@code bytes}: its latency plus the transfer. */
    public long storeTransferNs(final long bytes)
    {
        if (bytes < 0)
        {
            throw new IllegalArgumentException("bytes=" + bytes + " must not be negative");
        }
        return values[Cost.STORE_LATENCY.ordinal()]
            + ceilDiv(Math.multiplyExact(bytes, NANOS_PER_SECOND), values[Cost.STORE_BANDWIDTH.ordinal()]);
    }

    /** One {@code key=value} per entry, in the enum's order: what a run writes to its trace at the start. */
    @Override
    public String toString()
    {
        final StringJoiner joiner = new StringJoiner(" ");
        for (final Cost cost : Cost.values())
        {
            joiner.add(cost.key() + "=" + values[cost.ordinal()]);
        }
        return joiner.toString();
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof CostTable && Arrays.equals(values, ((CostTable)other).values);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(values);
    }

    private long perKib(final Cost cost, final long bytes)
    {
        if (bytes < 0)
        {
            throw new IllegalArgumentException("bytes=" + bytes + " must not be negative");
        }
        return ceilDiv(bytes * values[cost.ordinal()], BYTES_PER_KIB);
    }

    private static long ceilDiv(final long dividend, final long divisor)
    {
        return (dividend + divisor - 1) / divisor;
    }

    private static long checked(final Cost cost, final Long value)
    {
        final long minimum = cost.unit() == Cost.Unit.BYTES_PER_SECOND ? 1 : 0;
        if (value == null || value < minimum || value > VALUE_MAX)
        {
            throw new IllegalArgumentException("cost " + cost.key() + "=" + value + " must be in [" + minimum + ", "
                + VALUE_MAX + "]");
        }
        return value;
    }

    private static String knownKeys()
    {
        final StringJoiner joiner = new StringJoiner(", ");
        for (final Cost cost : Cost.values())
        {
            joiner.add(cost.key());
        }
        return joiner.toString();
    }

    private static long[] defaultValues()
    {
        final Cost[] costs = Cost.values();
        final long[] values = new long[costs.length];
        for (final Cost cost : costs)
        {
            values[cost.ordinal()] = cost.defaultValue();
        }
        return values;
    }
}
