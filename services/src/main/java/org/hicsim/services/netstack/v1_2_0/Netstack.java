package org.hicsim.services.netstack.v1_2_0;

import org.hicsim.services.netstack.AbstractNetstack;
import org.hicsim.services.netstack.StateFormatV1;

/**
 * netstack 1.2.0: state version 1 ({@link org.hicsim.services.netstack.ConnectionRecordV1Descriptor}), a fixed
 * round trip. It exports and imports version 1 only: asked for a later version it exports nothing.
 */
public final class Netstack extends AbstractNetstack
{
    public Netstack()
    {
        super(new StateFormatV1());
    }
}
