package org.hicsim.hicmod;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import org.hicsim.common.SemanticVersion;

/**
 * A module's manifest: who the module is, what it needs, and what it supports for live update. Immutable.
 * <p>
 * Only {@link ManifestParser} makes one, so every manifest in memory has passed its checks; the key by key
 * description is in {@code docs/hicmod-format.md}.
 */
public final class Manifest
{
    private final String name;
    private final SemanticVersion version;
    private final UUID uuid;
    private final String entry;
    private final SortedMap<String, VersionConstraint> dependencies;
    private final long memoryBytes;
    private final int cpuQuotaPercent;
    private final List<CapabilityRequest> capabilities;
    private final Migration migration;
    private final Fault fault;
    private final SortedMap<String, String> configuration;

    Manifest(
        final String name,
        final SemanticVersion version,
        final UUID uuid,
        final String entry,
        final Map<String, VersionConstraint> dependencies,
        final long memoryBytes,
        final int cpuQuotaPercent,
        final List<CapabilityRequest> capabilities,
        final Migration migration,
        final Fault fault,
        final Map<String, String> configuration)
    {
        this.name = name;
        this.version = version;
        this.uuid = uuid;
        this.entry = entry;
        this.dependencies = Collections.unmodifiableSortedMap(new TreeMap<>(dependencies));
        this.memoryBytes = memoryBytes;
        this.cpuQuotaPercent = cpuQuotaPercent;
        this.capabilities = List.copyOf(capabilities);
        this.migration = migration;
        this.fault = fault;
        this.configuration = Collections.unmodifiableSortedMap(new TreeMap<>(configuration));
    }

    /** The module's name, e.g. {@code netstack}. */
    public String name()
    {
        return name;
    }

    public SemanticVersion version()
    {
        return version;
    }

    public UUID uuid()
    {
        return uuid;
    }

    /** The binary name of the class that implements the service SPI. */
    public String entry()
    {
        return entry;
    }

    /** Module name to the constraint its version must meet, sorted by name. */
    public SortedMap<String, VersionConstraint> dependencies()
    {
        return dependencies;
    }

    /** The memory quota of the module's sandbox. */
    public long memoryBytes()
    {
        return memoryBytes;
    }

    /** The sandbox's share of simulated core time, 1 to 100. */
    public int cpuQuotaPercent()
    {
        return cpuQuotaPercent;
    }

    /** The capabilities the module asks for, sorted, without repeats. */
    public List<CapabilityRequest> capabilities()
    {
        return capabilities;
    }

    /** How the module migrates live state, or empty when it cannot (it can only be restarted). */
    public Optional<Migration> migration()
    {
        return Optional.ofNullable(migration);
    }

    /**
     * The defect this build has on purpose (the simulator's catalogue ships faulty builds), or empty for every
     * real module.
     */
    public Optional<Fault> fault()
    {
        return Optional.ofNullable(fault);
    }

    /**
     * The configuration the module runs with unless its loader is given other values: key to value as written,
     * sorted by key; empty when the manifest has no {@code config}.
     */
    public SortedMap<String, String> configuration()
    {
        return configuration;
    }

    @Override
    public boolean equals(final Object other)
    {
        if (!(other instanceof Manifest))
        {
            return false;
        }
        final Manifest that = (Manifest)other;
        return name.equals(that.name)
            && version.equals(that.version)
            && uuid.equals(that.uuid)
            && entry.equals(that.entry)
            && dependencies.equals(that.dependencies)
            && memoryBytes == that.memoryBytes
            && cpuQuotaPercent == that.cpuQuotaPercent
            && capabilities.equals(that.capabilities)
            && Objects.equals(migration, that.migration)
            && Objects.equals(fault, that.fault)
            && configuration.equals(that.configuration);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(name, version, uuid);
    }

    @Override
    public String toString()
    {
        return name + " " + version + " (" + uuid + ")";
    }
}
