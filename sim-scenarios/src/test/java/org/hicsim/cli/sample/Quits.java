package org.hicsim.cli.sample;

/**
 * Never called: its mere presence in a bundle's jar must get the module refused.
 */
public final class Quits
{
    private Quits()
    {
    }

    static void now()
    {
        System.exit(1);
    }
}
