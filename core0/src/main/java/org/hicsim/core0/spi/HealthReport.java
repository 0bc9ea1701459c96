package org.hicsim.core0.spi;

/**
 * What a service says of itself when probed: its {@link Health}, the sandbox memory its own structures use, and
 * how many connections it holds. A flyweight the prober owns and reuses.
 */
public final class HealthReport
{
    private Health health = Health.HEALTHY;
    private long memoryInUseBytes;
    private int connections;

    /**
     * Back to {@link Health#HEALTHY} with no memory in use and no connections, before each probe.
     */
    public HealthReport clear()
    {
        health = Health.HEALTHY;
        memoryInUseBytes = 0;
        connections = 0;
        return this;
    }

    public Health health()
    {
        return health;
    }

    public HealthReport health(final Health health)
    {
        if (health == null)
        {
            throw new IllegalArgumentException("health=null");
        }
        this.health = health;
        return this;
    }

    /** Bytes of the sandbox's memory that the service's structures occupy: how a leak shows. */
    public long memoryInUseBytes()
    {
        return memoryInUseBytes;
    }

    public HealthReport memoryInUseBytes(final long memoryInUseBytes)
    {
        if (memoryInUseBytes < 0)
        {
            throw new IllegalArgumentException("memoryInUseBytes=" + memoryInUseBytes);
        }
        this.memoryInUseBytes = memoryInUseBytes;
        return this;
    }

    public int connections()
    {
        return connections;
    }

    public HealthReport connections(final int connections)
    {
        if (connections < 0)
        {
            throw new IllegalArgumentException("connections=" + connections);
        }
        this.connections = connections;
        return this;
    }

    @Override
    public String toString()
    {
        return "HealthReport{health=" + health + " memoryInUseBytes=" + memoryInUseBytes
            + " connections=" + connections + "}";
    }
}
