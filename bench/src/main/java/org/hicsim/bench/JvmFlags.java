package org.hicsim.bench;

/**
 * JVM flags every benchmark fork needs, in one place.
 */
final class JvmFlags
{
    /** Agrona 2.x reaches jdk.internal.misc.Unsafe, which JDK 17 exports only on request (shared/FACTS.md). */
    static final String AGRONA_EXPORTS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    private JvmFlags()
    {
    }
}
