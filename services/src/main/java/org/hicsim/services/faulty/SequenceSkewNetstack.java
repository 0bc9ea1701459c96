package org.hicsim.services.faulty;

import java.util.Arrays;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.services.common.LittleEndian;
import org.hicsim.services.netstack.ConnectionRecordV1Descriptor;

/**
 * Fault {@value #KIND}: once armed, every connection it takes over (from another instance, or its own coming
 * back) resumes with its next send sequence number {@value #SEQUENCE_SKEW_KEY} (by default
 * {@value #SEQUENCE_SKEW_DEFAULT}) ahead of the one it was handed: a conversion bug that accepts the record and
 * breaks the stream. The record is otherwise sound, so activation succeeds; only a check of the connection's
 * counters after its move (the update's sequence continuity check) sees it.
 */
public final class SequenceSkewNetstack extends DelayedFaultNetstack
{
    public static final String KIND = "sequence-skew";
    public static final String SEQUENCE_SKEW_KEY = "fault.sequence_skew";
    public static final long SEQUENCE_SKEW_DEFAULT = 1000;
    /** Half of TCP's sequence space at the most. */
    public static final long SEQUENCE_SKEW_MAX = 1L << 31;

    @Override
    public int activateConnection(
        final long connectionId, final byte[] state, final int stateLength, final long bufferRegionHandle)
    {
        if (!isArmed() || stateLength < ConnectionRecordV1Descriptor.SND_NXT_OFFSET + Integer.BYTES)
        {
            return super.activateConnection(connectionId, state, stateLength, bufferRegionHandle);
        }
        final byte[] skewed = Arrays.copyOf(state, stateLength);
        final int sendNext = LittleEndian.getInt(skewed, ConnectionRecordV1Descriptor.SND_NXT_OFFSET);
        LittleEndian.putInt(skewed, ConnectionRecordV1Descriptor.SND_NXT_OFFSET, sendNext + (int)parameter());
        return super.activateConnection(connectionId, skewed, stateLength, bufferRegionHandle);
    }

    /**
     * @throws IllegalArgumentException when the skew is not an integer from 1 to {@value #SEQUENCE_SKEW_MAX}.
     */
    @Override
    protected long parameter(final Configuration configuration)
    {
        return integerIn(configuration, SEQUENCE_SKEW_KEY, SEQUENCE_SKEW_DEFAULT, 1, SEQUENCE_SKEW_MAX);
    }
}
