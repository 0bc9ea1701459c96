package org.hicsim.cli;

import org.junit.jupiter.api.Test;

import org.hicsim.hicmod.HicmodFormatException;
import org.hicsim.hicmod.pki.PkiInputException;
import org.hicsim.hicmod.pki.VerificationException;
import org.hicsim.scenario.ScenarioFormatException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one vocabulary: each typed exception of the model answers with one code, whichever command threw it. */
class ExitCodeMapperTest
{
    private final ExitCodeMapper mapper = new ExitCodeMapper();

    @Test
    void shouldCallMalformedInputAUsageError()
    {
        assertEquals(ExitCodes.USAGE, mapper.getExitCode(new HicmodFormatException("header", "bad magic")));
        assertEquals(ExitCodes.USAGE, mapper.getExitCode(new PkiInputException("key.pem: not PEM")));
        assertEquals(ExitCodes.USAGE, mapper.getExitCode(new ScenarioFormatException("s.yaml:1:1", "name: bad")));
    }

    @Test
    void shouldCallATamperedBundleARefusalWhereverItIsLocated()
    {
        final HicmodFormatException mismatch = HicmodFormatException.integrity("payload", "SHA-384 mismatch");

        assertEquals(ExitCodes.REFUSED, mapper.getExitCode(mismatch));
        assertEquals(ExitCodes.REFUSED, mapper.getExitCode(mismatch.in("a.hicmod")));
    }

    /** A module the host refuses is a refusal too: {@code ServicesRunCommandTest} runs one. */
    @Test
    void shouldCallARefusedSignatureARefusal()
    {
        assertEquals(ExitCodes.REFUSED, mapper.getExitCode(
            new VerificationException(VerificationException.Reason.BAD_SIGNATURE, "detail")));
    }

    @Test
    void shouldCallAnythingElseAnInternalError()
    {
        assertEquals(ExitCodes.INTERNAL_ERROR, mapper.getExitCode(new IllegalStateException("a bug")));
        assertEquals(ExitCodes.INTERNAL_ERROR, mapper.getExitCode(new OutOfMemoryError()));
    }
}
