package org.hicsim.hicmod.pki;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance this package hands to every JCA call. It is passed explicitly rather
 * than registered with {@link java.security.Security}, so that using this library changes no JVM-wide state.
 */
final class BouncyCastle
{
    static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle()
    {
    }
}
