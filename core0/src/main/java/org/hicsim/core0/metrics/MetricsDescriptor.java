package org.hicsim.core0.metrics;

/**
 * Layout of the snapshot Core-0 publishes of one instance's {@link InstanceMetrics} in a shared region
 * ({@link MetricsRegions}); {@link MetricsView} reads it. Little-endian, every field 8-byte aligned.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                          Sandbox Id                           |
 *  +---------------------------------------------------------------+
 *  |                          Flags                            |C|A|
 *  +---------------------------------------------------------------+
 *  |                     Sampled At (ns, u64)                      |
 *  +---------------------------------------------------------------+
 *  |                        Requests (u64)                         |
 *  +---------------------------------------------------------------+
 *  |                         Errors (u64)                          |
 *  +---------------------------------------------------------------+
 *  |                     Latency Count (u64)                       |
 *  +---------------------------------------------------------------+
 *  |            Latency p50, p90, p99, p99.9, max (ns, u64 each)   |
 *  +---------------------------------------------------------------+
 *  |                 Requests In The Last Second (u64)             |
 *  +---------------------------------------------------------------+
 *  |                     CPU Consumed (ns, u64)                    |
 *  +---------------------------------------------------------------+
 *  |                     Memory In Use (bytes, u64)                |
 *  +---------------------------------------------------------------+
 * </pre>
 * A: the instance's sandbox is alive; C: it died other than by being destroyed (a crash or a kill). Requests
 * counts those answered and those refused, errors those whose status was not 0; latency is from the client's
 * send to the reply, 0 with no samples; the last second is the last whole second before Sampled At; memory in use
 * is the sandbox's frames written since they were allocated, as Core-0's page tables mark them
 * ({@link InstanceMetrics#memoryInUseBytes}), not the memory it was given; 0 once it is dead.
 */
public final class MetricsDescriptor
{
    public static final int SANDBOX_ID_OFFSET = 0;
    public static final int FLAGS_OFFSET = SANDBOX_ID_OFFSET + Integer.BYTES;
    public static final int SAMPLED_AT_NS_OFFSET = FLAGS_OFFSET + Integer.BYTES;
    public static final int REQUESTS_OFFSET = SAMPLED_AT_NS_OFFSET + Long.BYTES;
    public static final int ERRORS_OFFSET = REQUESTS_OFFSET + Long.BYTES;
    public static final int LATENCY_COUNT_OFFSET = ERRORS_OFFSET + Long.BYTES;
    public static final int LATENCY_P50_NS_OFFSET = LATENCY_COUNT_OFFSET + Long.BYTES;
    public static final int LATENCY_P90_NS_OFFSET = LATENCY_P50_NS_OFFSET + Long.BYTES;
    public static final int LATENCY_P99_NS_OFFSET = LATENCY_P90_NS_OFFSET + Long.BYTES;
    public static final int LATENCY_P999_NS_OFFSET = LATENCY_P99_NS_OFFSET + Long.BYTES;
    public static final int LATENCY_MAX_NS_OFFSET = LATENCY_P999_NS_OFFSET + Long.BYTES;
    public static final int REQUESTS_LAST_SECOND_OFFSET = LATENCY_MAX_NS_OFFSET + Long.BYTES;
    public static final int CPU_CONSUMED_NS_OFFSET = REQUESTS_LAST_SECOND_OFFSET + Long.BYTES;
    public static final int MEMORY_IN_USE_BYTES_OFFSET = CPU_CONSUMED_NS_OFFSET + Long.BYTES;
    public static final int LENGTH = MEMORY_IN_USE_BYTES_OFFSET + Long.BYTES;

    public static final int FLAG_ALIVE = 1;
    public static final int FLAG_CRASHED = 1 << 1;

    private MetricsDescriptor()
    {
    }
}
