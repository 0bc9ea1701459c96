package org.hicsim.services.eth_driver.v1_2_0;

import org.hicsim.services.eth_driver.EthDriverProtocol;
import org.hicsim.services.eth_driver.EthStatsLayout;
import org.hicsim.services.eth_driver.NicDriver;

/**
 * eth_driver 1.2.0: a 1024-slot TX ring (bursts four times longer before frames drop), IPv4 header checksum
 * offload, and 64-bit counters with an offload counter (state version 2). It reads 1.1.0 snapshots, widening
 * their counters, and writes them for a rollback, wrapping its counters to 32 bits as 1.1.0's would have.
 */
public final class EthDriver extends NicDriver
{
    public static final int RING_SLOTS = 1024;
    public static final long TX_FLAGS = EthDriverProtocol.TX_FLAG_IPV4_CHECKSUM;

    public EthDriver()
    {
        super(RING_SLOTS, TX_FLAGS, EthStatsLayout.V2);
    }
}
