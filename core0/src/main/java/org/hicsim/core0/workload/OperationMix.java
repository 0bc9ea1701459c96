package org.hicsim.core0.workload;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;

/**
 * The generic workload for any service: operation codes drawn by weight, each request with a payload of
 * {@code payloadBytes} seeded bytes and its first argument a random 32-bit value, and no connection.
 */
public final class OperationMix extends ConnectionlessShaper
{
    /** Operation codes a workload can tell apart in its replies. */
    public static final int OPERATION_MAX = 255;

    private final int[] operations;
    private final long[] cumulativeWeights;
    private final byte[] payload;

    /**
     * @param operations   operation codes.
     * @param weights      a positive weight per operation.
     * @param payloadBytes 0 to {@link Message#PAYLOAD_LENGTH_MAX}.
     */
    public OperationMix(final int[] operations, final int[] weights, final int payloadBytes)
    {
        if (operations.length == 0 || operations.length != weights.length || payloadBytes < 0
            || Arrays.stream(operations).anyMatch(operation -> operation < 0 || operation > OPERATION_MAX)
            || payloadBytes > Message.PAYLOAD_LENGTH_MAX)
        {
            throw new IllegalArgumentException("operations=" + Arrays.toString(operations) + " weights="
                + weights.length + " payloadBytes=" + payloadBytes
                + ": operations 0 to 255, one positive weight each, payload within a message");
        }
        this.operations = operations.clone();
        this.cumulativeWeights = new long[weights.length];
        long sum = 0;
        for (int i = 0; i < weights.length; i++)
        {
            if (weights[i] <= 0)
            {
                throw new IllegalArgumentException("weights[" + i + "]=" + weights[i] + " must be positive");
            }
            sum += weights[i];
            cumulativeWeights[i] = sum;
        }
        this.payload = new byte[payloadBytes];
    }

    /** One operation, every request alike. */
    public static OperationMix of(final int operation, final int payloadBytes)
    {
        return new OperationMix(new int[] {operation}, new int[] {1}, payloadBytes);
    }

    @Override
    public void request(
        final Message request, final ConnectionClass connectionClass, final long key, final SplittableRandom random)
    {
        final long draw = random.nextLong(cumulativeWeights[cumulativeWeights.length - 1]);
        int i = 0;
        while (draw >= cumulativeWeights[i])
        {
            i++;
        }
        for (int b = 0; b < payload.length; b++)
        {
            payload[b] = (byte)random.nextInt();
        }
        request.clear().operation(operations[i]).argument(0, random.nextInt() & 0xFFFF_FFFFL)
            .payload(payload, 0, payload.length);
    }
}
