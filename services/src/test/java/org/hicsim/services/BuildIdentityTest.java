package org.hicsim.services;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.netstack.NetstackProtocol;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two builds that both claim netstack 1.3.0 (the release and its slow faulty build) live in one kernel, each
 * serving, and are told apart by their bundles' digests; each instance has its own UUID.
 */
class BuildIdentityTest
{
    @Test
    void shouldTellTwoBuildsOfOneVersionApartByTheirDigests()
    {
        final BundleHost host = new BundleHost();
        host.load("eth_driver-1.2.0");
        host.load("ipc_lib-2.0.0");
        final ServiceInstance release = host.load("netstack-1.3.0");
        final ServiceInstance slow = host.load("netstack-1.3.0-slow");

        assertTrue(release.isAlive() && slow.isAlive());
        assertEquals(release.version(), slow.version());
        assertNotEquals(release.bundleDigest(), slow.bundleDigest());
        assertNotEquals(release.uuid(), slow.uuid());
        assertEquals(Status.OK, slow.handle(new Message().operation(NetstackProtocol.STATS), new Message()));
        final BundleHost other = new BundleHost(2);
        other.load("eth_driver-1.2.0");
        other.load("ipc_lib-2.0.0");
        assertEquals(other.load("netstack-1.3.0-slow").bundleDigest(), slow.bundleDigest(),
            "the same build loaded in another kernel has the same digest");
    }
}
