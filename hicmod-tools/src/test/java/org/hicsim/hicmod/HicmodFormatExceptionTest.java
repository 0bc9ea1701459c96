package org.hicsim.hicmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HicmodFormatExceptionTest
{
    @Test
    void shouldReadAsRegionThenReason()
    {
        assertEquals("payload: SHA-384 mismatch",
            new HicmodFormatException("payload", "SHA-384 mismatch").getMessage());
    }

    @Test
    void shouldPrefixTheFileItWasFoundIn()
    {
        final HicmodFormatException located = new HicmodFormatException("payload", "SHA-384 mismatch").in("a.hicmod");

        assertEquals("a.hicmod: payload: SHA-384 mismatch", located.getMessage());
        assertEquals("SHA-384 mismatch", located.reason());
    }

    @Test
    void shouldNotCallMalformedInputAnIntegrityFailure()
    {
        assertFalse(new HicmodFormatException("header", "bad magic").isIntegrityFailure());
    }

    @Test
    void shouldStayAnIntegrityFailureWhereverItIsLocated()
    {
        final HicmodFormatException mismatch = HicmodFormatException.integrity("payload", "SHA-384 mismatch");

        assertTrue(mismatch.isIntegrityFailure());
        assertTrue(mismatch.in("a.hicmod").isIntegrityFailure());
    }
}
