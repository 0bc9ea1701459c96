package org.hicsim.core0.cap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CapFlagsTest
{
    @Test
    void shouldUseHicBitPositions()
    {
        assertEquals(1, CapFlags.REVOKED);
        assertEquals(1 << 1, CapFlags.IMMUTABLE);
        assertEquals(1 << 2, CapFlags.PINNED);
    }

    @Test
    void shouldRenderOneColumnPerFlagInBitOrder()
    {
        assertEquals("-IP", CapFlags.toString(CapFlags.IMMUTABLE | CapFlags.PINNED));
        assertEquals("---", CapFlags.toString(CapFlags.NONE));
    }

    @Test
    void shouldRefuseToIssueTheRevokedMark()
    {
        assertThrows(IllegalArgumentException.class, () -> CapFlags.checkIssuable(CapFlags.REVOKED));
    }
}
