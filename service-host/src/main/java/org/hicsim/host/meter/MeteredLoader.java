package org.hicsim.host.meter;

/**
 * A class loader that defines one sandbox's metered classes: how a class's static initializer finds its
 * sandbox's {@link Meter} ({@link Meter#of(Class)}).
 */
public interface MeteredLoader
{
    Meter meter();
}
