package org.hicsim.bench;

import java.lang.management.ManagementFactory;

/** Wall time since the JVM started, as the whole-update benchmarks print it (no simulated result reads it). */
final class JvmUptime
{
    private JvmUptime()
    {
    }

    static long millis()
    {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }
}
