package org.hicsim.hicmod.repo;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

import org.hicsim.common.SemanticVersion;

/**
 * The newest of a module the repository has accepted: its UUID, version and signing time. A bundle is newer when
 * its version is higher, or its version equal and its signing time later (a re-signed release); anything else is
 * a downgrade or a replay.
 */
public record AcceptedVersion(UUID uuid, SemanticVersion version, Instant signingTime)
    implements Comparable<AcceptedVersion>
{
    private static final Comparator<AcceptedVersion> ORDER = Comparator
        .comparing(AcceptedVersion::version)
        .thenComparing(AcceptedVersion::signingTime);

    /**
     * Orders by version, then signing time; the UUID takes no part.
     */
    @Override
    public int compareTo(final AcceptedVersion other)
    {
        return ORDER.compare(this, other);
    }
}
