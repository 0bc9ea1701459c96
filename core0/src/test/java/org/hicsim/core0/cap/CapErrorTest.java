package org.hicsim.core0.cap;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapErrorTest
{
    @Test
    void shouldHaveDistinctNegativeCodes()
    {
        final CapError[] errors = CapError.values();
        assertTrue(Arrays.stream(errors).allMatch(error -> error.code() < 0));
        assertEquals(errors.length, Arrays.stream(errors).mapToInt(CapError::code).distinct().count());
    }

    @Test
    void shouldKeepPublishedCodesStable()
    {
        assertEquals(-101, CapError.INVALID_HANDLE.code());
        assertEquals(-102, CapError.STALE_HANDLE.code());
        assertEquals(-103, CapError.WRONG_SANDBOX.code());
        assertEquals(-105, CapError.INSUFFICIENT_RIGHTS.code());
        assertEquals(-114, CapError.BADGE_ALREADY_SET.code());
    }

    @Test
    void shouldDecodeEveryCode()
    {
        for (final CapError error : CapError.values())
        {
            assertEquals(error, CapError.fromCode(error.code()));
        }
    }

    @Test
    void shouldRejectACodeThatIsNoError()
    {
        assertThrows(IllegalArgumentException.class, () -> CapError.fromCode(0));
    }
}
