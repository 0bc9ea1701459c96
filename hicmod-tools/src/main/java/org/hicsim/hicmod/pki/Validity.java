package org.hicsim.hicmod.pki;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A certificate's validity period, both ends inclusive as in X.509, in whole seconds (the precision X.509 keeps).
 */
public record Validity(Instant notBefore, Instant notAfter)
{
    public Validity
    {
        notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
        notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
        if (!notAfter.isAfter(notBefore))
        {
            throw new IllegalArgumentException("notAfter=" + notAfter + " is not after notBefore=" + notBefore);
        }
    }

    /**
     * A period of calendar {@code length} (in UTC) that starts at {@code start}.
     */
    public static Validity startingAt(final Instant start, final Period length)
    {
        return new Validity(start, start.atOffset(ZoneOffset.UTC).plus(length).toInstant());
    }
}
