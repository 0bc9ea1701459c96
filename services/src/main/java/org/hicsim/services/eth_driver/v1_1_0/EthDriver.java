package org.hicsim.services.eth_driver.v1_1_0;

import org.hicsim.services.eth_driver.EthStatsLayout;
import org.hicsim.services.eth_driver.NicDriver;

/**
 * eth_driver 1.1.0: a 256-slot TX ring, no offloads, 32-bit counters that wrap (state version 1).
 */
public final class EthDriver extends NicDriver
{
    public static final int RING_SLOTS = 256;
    public static final long TX_FLAGS = 0;

    public EthDriver()
    {
        super(RING_SLOTS, TX_FLAGS, EthStatsLayout.V1);
    }
}
