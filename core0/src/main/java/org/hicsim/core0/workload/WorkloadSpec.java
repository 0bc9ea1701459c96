package org.hicsim.core0.workload;

import java.util.Arrays;
import java.util.Objects;

import org.hicsim.core0.spi.ConnectionClass;

/**
 * What a {@link Workload} does: how many connections of each {@link ConnectionClass} it keeps open, how many
 * requests per second it sends in all (Poisson arrivals), which connection each goes to (a class drawn by
 * {@code classWeights} times its connection count, then a connection of it by {@code keys}), how the connections
 * open (spread evenly over {@code openOverNs}) and how long each lives before it is closed and opened again
 * ({@code meanLifetimeNs}, exponentially distributed; 0 for the whole run).
 * <p>
 * Connection number {@code k} (its key) keeps its user and device through every reopen: user {@code k}, device
 * {@code k % devices}. A canary by user or device routes on those.
 *
 * @param connections       per class, indexed by {@link ConnectionClass#ordinal()}; each >= 0.
 * @param requestsPerSecond >= 0.
 * @param classWeights      per class: how much of the traffic a connection of that class draws (idle: none).
 * @param devices           >= 1.
 */
public record WorkloadSpec(
    int[] connections,
    double requestsPerSecond,
    KeyDistribution keys,
    long openOverNs,
    long meanLifetimeNs,
    int[] classWeights,
    int devices)
{
    /** HIC 3.1's classes: idle connections carry no data, high-priority ones the most. */
    public static final int[] DEFAULT_CLASS_WEIGHTS = {0, 1, 4, 16, 2};
    private static final int CLASSES = ConnectionClass.values().length;

    public WorkloadSpec
    {
        Objects.requireNonNull(keys, "keys");
        connections = checkedPerClass("connections", connections);
        classWeights = checkedPerClass("classWeights", classWeights);
        if (!(requestsPerSecond >= 0 && requestsPerSecond <= 1e9) || openOverNs < 0 || meanLifetimeNs < 0 || devices < 1)
        {
            throw new IllegalArgumentException("requestsPerSecond=" + requestsPerSecond + " openOverNs=" + openOverNs
                + " meanLifetimeNs=" + meanLifetimeNs + " devices=" + devices
                + ": rate in [0, 1e9], times >= 0, devices >= 1");
        }
    }

    /**
     * Connections of each class, opened at once and kept, uniform keys, the default weights, one device each.
     */
    public static WorkloadSpec of(
        final int idle, final int low, final int medium, final int high, final int persistent,
        final double requestsPerSecond)
    {
        final int[] connections = {idle, low, medium, high, persistent};
        return new WorkloadSpec(connections, requestsPerSecond, KeyDistribution.UNIFORM, 0, 0, DEFAULT_CLASS_WEIGHTS,
            Math.max(1, Arrays.stream(connections).sum()));
    }

    /** Requests that name no connection (an {@link OperationMix}), at a rate. */
    public static WorkloadSpec connectionless(final double requestsPerSecond)
    {
        return of(0, 0, 0, 0, 0, requestsPerSecond);
    }

    public WorkloadSpec withKeys(final KeyDistribution newKeys)
    {
        return new WorkloadSpec(connections, requestsPerSecond, newKeys, openOverNs, meanLifetimeNs, classWeights, devices);
    }

    public WorkloadSpec withOpenOver(final long newOpenOverNs)
    {
        return new WorkloadSpec(connections, requestsPerSecond, keys, newOpenOverNs, meanLifetimeNs, classWeights, devices);
    }

    public WorkloadSpec withMeanLifetime(final long newMeanLifetimeNs)
    {
        return new WorkloadSpec(connections, requestsPerSecond, keys, openOverNs, newMeanLifetimeNs, classWeights, devices);
    }

    public WorkloadSpec withRate(final double newRequestsPerSecond)
    {
        return new WorkloadSpec(connections, newRequestsPerSecond, keys, openOverNs, meanLifetimeNs, classWeights, devices);
    }

    /** The same rate and settings with no connections: requests that name none (a generic service's clients). */
    public WorkloadSpec withoutConnections()
    {
        return new WorkloadSpec(new int[connections.length], requestsPerSecond, keys, openOverNs, meanLifetimeNs,
            classWeights, devices);
    }

    public WorkloadSpec withDevices(final int newDevices)
    {
        return new WorkloadSpec(connections, requestsPerSecond, keys, openOverNs, meanLifetimeNs, classWeights, newDevices);
    }

    /** All connections, every class. */
    public int totalConnections()
    {
        return Arrays.stream(connections).sum();
    }

    public int connections(final ConnectionClass connectionClass)
    {
        return connections[connectionClass.ordinal()];
    }

    @Override
    public int[] connections()
    {
        return connections.clone();
    }

    @Override
    public int[] classWeights()
    {
        return classWeights.clone();
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof WorkloadSpec && toString().equals(other.toString());
    }

    @Override
    public int hashCode()
    {
        return toString().hashCode();
    }

    /** Every setting, as a run's trace records it. */
    @Override
    public String toString()
    {
        return "connections=" + Arrays.toString(connections).replace(" ", "") + " rate=" + requestsPerSecond
            + " keys=" + keys + " openOverNs=" + openOverNs + " meanLifetimeNs=" + meanLifetimeNs
            + " classWeights=" + Arrays.toString(classWeights).replace(" ", "") + " devices=" + devices;
    }

    private static int[] checkedPerClass(final String name, final int[] values)
    {
        if (values == null || values.length != CLASSES)
        {
            throw new IllegalArgumentException(name + " needs one value per connection class (" + CLASSES + ")");
        }
        for (final int value : values)
        {
            if (value < 0)
            {
                throw new IllegalArgumentException(name + "=" + Arrays.toString(values) + " must not be negative");
            }
        }
        return values.clone();
    }
}
