package org.hicsim.hicmod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
    void shouldExitWithTheUsageCodeForMalformedInput()
    {
        assertEquals(CommandLine.ExitCode.USAGE, new HicmodFormatException("header", "bad magic").getExitCode());
        assertEquals(2, CommandLine.ExitCode.USAGE);
    }

    @Test
    void shouldExitOneForAnIntegrityFailureWhereverItIsLocated()
    {
        final HicmodFormatException mismatch = HicmodFormatException.integrity("payload", "SHA-384 mismatch");

        assertEquals(1, mismatch.getExitCode());
        assertEquals(1, mismatch.in("a.hicmod").getExitCode());
    }
}
