package org.hicsim.services.eth_driver;

import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.services.common.LittleEndian;

/**
 * One of the counter layouts of {@link EthStatsDescriptor}, with the reads and writes that convert between them:
 * a counter a layout does not have reads as zero and its writes are dropped, and a 32-bit counter keeps the low
 * 32 bits of what is written, which is what the 1.1.0 hardware register would hold. So converting up widens
 * without loss, and converting down gives 1.1.0 exactly the counters it would have counted itself.
 * <p>
 * Constants rather than an enum: an enum's generated {@code valueOf} names {@code java.lang.Class}, which the
 * loader's reference check refuses in service code.
 */
public final class EthStatsLayout
{
    public static final EthStatsLayout V1 =
        new EthStatsLayout(1, EthStatsDescriptor.V1_COUNTER_LENGTH, EthStatsDescriptor.V1_COUNTERS);
    public static final EthStatsLayout V2 =
        new EthStatsLayout(2, EthStatsDescriptor.V2_COUNTER_LENGTH, EthStatsDescriptor.V2_COUNTERS);

    private final int stateVersion;
    private final int counterLength;
    private final int counters;

    private EthStatsLayout(final int stateVersion, final int counterLength, final int counters)
    {
        this.stateVersion = stateVersion;
        this.counterLength = counterLength;
        this.counters = counters;
    }

    /** The state structure version whose snapshots carry this layout. */
    public int stateVersion()
    {
        return stateVersion;
    }

    public int length()
    {
        return counterLength * counters;
    }

    /**
     * @return the layout of {@code stateVersion}, or null if there is none.
     */
    public static EthStatsLayout ofStateVersion(final int stateVersion)
    {
        return stateVersion == V1.stateVersion ? V1 : stateVersion == V2.stateVersion ? V2 : null;
    }

    public long load(final ServiceContext context, final long statsAddress, final int counter)
    {
        if (counter >= counters)
        {
            return 0;
        }
        final long address = statsAddress + EthStatsDescriptor.counterOffset(counterLength, counter);
        return counterLength == Integer.BYTES ? context.loadInt(address) & 0xFFFF_FFFFL : context.loadLong(address);
    }

    public void store(final ServiceContext context, final long statsAddress, final int counter, final long value)
    {
        if (counter >= counters)
        {
            return;
        }
        final long address = statsAddress + EthStatsDescriptor.counterOffset(counterLength, counter);
        if (counterLength == Integer.BYTES)
        {
            context.storeInt(address, (int)value);
        }
        else
        {
            context.storeLong(address, value);
        }
    }

    public void add(final ServiceContext context, final long statsAddress, final int counter, final long delta)
    {
        store(context, statsAddress, counter, load(context, statsAddress, counter) + delta);
    }

    /**
     * Reads all {@link EthStatsDescriptor#COUNTERS_MAX} counters from {@code src} at {@code offset} into
     * {@code values}, those this layout lacks as zero.
     */
    public void decode(final byte[] src, final int offset, final long[] values)
    {
        for (int counter = 0; counter < EthStatsDescriptor.COUNTERS_MAX; counter++)
        {
            final int at = offset + EthStatsDescriptor.counterOffset(counterLength, counter);
            values[counter] = counter >= counters ? 0 :
                counterLength == Integer.BYTES ? LittleEndian.getUnsignedInt(src, at) : LittleEndian.getLong(src, at);
        }
    }

    /**
     * Writes all {@link EthStatsDescriptor#COUNTERS_MAX} counters of {@code src}, a counter block in this layout,
     * into {@code dst} at {@code offset} as 64-bit little-endian values, those this layout lacks as zero. The
     * 64-bit layout with every counter is that form already, so its block is copied as it is.
     */
    public void widen(final byte[] src, final byte[] dst, final int offset)
    {
        if (counterLength == Long.BYTES && counters == EthStatsDescriptor.COUNTERS_MAX)
        {
            System.arraycopy(src, 0, dst, offset, length());
            return;
        }
        for (int counter = 0; counter < EthStatsDescriptor.COUNTERS_MAX; counter++)
        {
            final int at = EthStatsDescriptor.counterOffset(counterLength, counter);
            LittleEndian.putLong(dst, offset + counter * Long.BYTES, counter >= counters ? 0 :
                counterLength == Integer.BYTES ? LittleEndian.getUnsignedInt(src, at) : LittleEndian.getLong(src, at));
        }
    }

    /**
     * Writes the counters this layout has from {@code values} into {@code dst} at {@code offset}.
     */
    public void encode(final long[] values, final byte[] dst, final int offset)
    {
        for (int counter = 0; counter < counters; counter++)
        {
            final int at = offset + EthStatsDescriptor.counterOffset(counterLength, counter);
            if (counterLength == Integer.BYTES)
            {
                LittleEndian.putInt(dst, at, (int)values[counter]);
            }
            else
            {
                LittleEndian.putLong(dst, at, values[counter]);
            }
        }
    }
}
