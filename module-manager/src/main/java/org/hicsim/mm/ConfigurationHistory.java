package org.hicsim.mm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;

import org.hicsim.core0.spi.Configuration;

/**
 * HIC 4.4's configuration version management: every configuration a service ran, per service, in the order
 * applied, and which of them turned out bad (a configuration rollback undid them). The last known good
 * configuration is the newest one before the current that no rollback undid.
 */
final class ConfigurationHistory
{
    /** How a version came to be applied. */
    enum Cause
    {
        /** What the service started with. */
        INSTALL,
        /** A configure request. */
        CONFIGURE,
        /** A configuration rollback: the values of a known good version, under a new version number. */
        ROLLBACK;

        String key()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One applied configuration. */
    record Version(Configuration configuration, long appliedAtNs, Cause cause)
    {
    }

    private final TreeMap<String, List<Version>> versions = new TreeMap<>();
    private final TreeMap<String, TreeSet<Long>> bad = new TreeMap<>();

    /** The service's history so far, oldest first. */
    List<Version> of(final String service)
    {
        return Collections.unmodifiableList(versions.getOrDefault(service, List.of()));
    }

    /** Whether the service has a history yet. */
    boolean has(final String service)
    {
        return versions.containsKey(service);
    }

    void applied(final String service, final Configuration configuration, final long atNs, final Cause cause)
    {
        versions.computeIfAbsent(service, name -> new ArrayList<>()).add(new Version(configuration, atNs, cause));
    }

    /** A configuration rollback undid this version: it is never a known good one again. */
    void markBad(final String service, final long version)
    {
        bad.computeIfAbsent(service, name -> new TreeSet<>()).add(version);
    }

    /** The newest version before the current one that no rollback undid, or null. */
    Configuration lastKnownGood(final String service)
    {
        final List<Version> history = versions.getOrDefault(service, List.of());
        final TreeSet<Long> undone = bad.getOrDefault(service, new TreeSet<>());
        for (int i = history.size() - 2; i >= 0; i--)
        {
            final Configuration candidate = history.get(i).configuration();
            if (!undone.contains(candidate.version()))
            {
                return candidate;
            }
        }
        return null;
    }

    /** The newest version number applied, or -1. */
    long newestVersion(final String service)
    {
        final List<Version> history = versions.getOrDefault(service, List.of());
        return history.isEmpty() ? -1 : history.get(history.size() - 1).configuration().version();
    }

    /** How many configure requests changed the service's configuration at or after {@code sinceNs}. */
    long changesSince(final String service, final long sinceNs)
    {
        return versions.getOrDefault(service, List.of()).stream()
            .filter(version -> version.cause() == Cause.CONFIGURE && version.appliedAtNs() >= sinceNs).count();
    }
}
