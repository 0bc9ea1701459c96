package org.hicsim.core0.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.sim.TraceSink;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SandboxIdentityTest
{
    private static List<UUID> uuids(final long seed)
    {
        final Kernel kernel = new Kernel(KernelConfig.withSeed(seed), TraceSink.NONE);
        final List<UUID> uuids = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            final int id = kernel.sandboxes().create(SandboxSpec.privileged("s" + i, 4096, 10));
            uuids.add(kernel.sandboxes().get(id).uuid());
            kernel.sandboxes().destroy(id);
        }
        return uuids;
    }

    @Test
    void shouldGiveEachInstanceItsOwnRandomUuidEvenWhenItsIdIsReused()
    {
        final List<UUID> uuids = uuids(1);

        assertEquals(3, uuids.stream().distinct().count());
        uuids.forEach(uuid -> assertEquals(4, uuid.version()));
        uuids.forEach(uuid -> assertEquals(2, uuid.variant()));
    }

    @Test
    void shouldDrawTheSameUuidsFromTheSameSeed()
    {
        assertEquals(uuids(7), uuids(7));
        assertNotEquals(uuids(7), uuids(8));
    }
}
