package org.hicsim.services.netstack.v1_3_0;

import org.hicsim.services.netstack.AbstractNetstack;

/**
 * netstack 1.3.0: state version 2 ({@link ConnectionRecordV2Descriptor}), which measures each connection's
 * smoothed round-trip time. It imports version 1 state by converting it up and exports version 1 for a
 * rollback by converting down ({@link StateFormatV2}).
 */
public final class Netstack extends AbstractNetstack
{
    public Netstack()
    {
        super(new StateFormatV2());
    }
}
