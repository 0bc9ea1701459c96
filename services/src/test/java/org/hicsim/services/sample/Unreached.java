package org.hicsim.services.sample;

/**
 * A service class that no fixture entry reaches, so no fixture bundle may hold it.
 */
public final class Unreached
{
    private Unreached()
    {
    }

    public static int answer()
    {
        return 42;
    }
}
