package org.hicsim.core0.cap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RightsTest
{
    @Test
    void shouldUseHicBitPositions()
    {
        assertEquals(1, Rights.READ);
        assertEquals(1 << 1, Rights.WRITE);
        assertEquals(1 << 2, Rights.EXECUTE);
        assertEquals(1 << 3, Rights.TRANSFER);
        assertEquals(1 << 4, Rights.DERIVE);
        assertEquals(1 << 5, Rights.REVOKE);
        assertEquals(1 << 6, Rights.CALL);
    }

    @Test
    void shouldTreatEqualAndSmallerSetsAsSubsets()
    {
        assertTrue(Rights.isSubset(Rights.READ, Rights.READ | Rights.WRITE));
        assertTrue(Rights.isSubset(Rights.ALL, Rights.ALL));
        assertTrue(Rights.isSubset(Rights.NONE, Rights.NONE));
    }

    @Test
    void shouldNotTreatALargerSetAsSubset()
    {
        assertFalse(Rights.isSubset(Rights.READ | Rights.WRITE, Rights.READ));
    }

    @Test
    void shouldRenderOneColumnPerRightInBitOrder()
    {
        assertEquals("RW-T--C", Rights.toString(Rights.READ | Rights.WRITE | Rights.TRANSFER | Rights.CALL));
        assertEquals("RWXTDVC", Rights.toString(Rights.ALL));
        assertEquals("-------", Rights.toString(Rights.NONE));
    }

    @Test
    void shouldRejectBitsOutsideAll()
    {
        assertThrows(IllegalArgumentException.class, () -> Rights.checkRights(Rights.ALL + 1));
    }
}
