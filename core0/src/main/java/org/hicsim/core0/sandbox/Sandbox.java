package org.hicsim.core0.sandbox;

import java.util.UUID;

import org.hicsim.core0.memory.PageTable;
import org.hicsim.core0.metrics.InstanceMetrics;

/**
 * Core-0's record of one sandbox. Kernel-side only: a service never holds one, it holds capabilities.
 */
public final class Sandbox
{
    /** Virtual address where a sandbox's own memory is mapped; page 0 stays unmapped so null accesses fault. */
    public static final long MEMORY_BASE = 0x10_0000L;

    private final int id;
    private final SandboxSpec spec;
    private final PageTable pageTable;
    private final int firstFrame;
    private final long createdAtNs;
    private final UUID uuid;
    private final InstanceMetrics metrics;
    private SandboxState state = SandboxState.INIT;
    private String terminationReason;

    Sandbox(final int id, final SandboxSpec spec, final PageTable pageTable, final int firstFrame,
        final long createdAtNs, final UUID uuid, final InstanceMetrics metrics)
    {
        this.uuid = uuid;
        this.metrics = metrics;
        this.id = id;
        this.spec = spec;
        this.pageTable = pageTable;
        this.firstFrame = firstFrame;
        this.createdAtNs = createdAtNs;
    }

    public int id()
    {
        return id;
    }

    /**
     * The instance's own identity, drawn from the run's seed when the sandbox was made: unlike its id, which a
     * later sandbox may reuse, and unlike its module's UUID, which every instance of the module shares.
     */
    public UUID uuid()
    {
        return uuid;
    }

    /** What Core-0 counts for this sandbox; kept, readable, after it dies. */
    public InstanceMetrics metrics()
    {
        return metrics;
    }

    public String name()
    {
        return spec.name();
    }

    public SandboxSpec spec()
    {
        return spec;
    }

    public PageTable pageTable()
    {
        return pageTable;
    }

    public int firstFrame()
    {
        return firstFrame;
    }

    public long createdAtNs()
    {
        return createdAtNs;
    }

    public SandboxState state()
    {
        return state;
    }

    public boolean isAlive()
    {
        return state != SandboxState.TERMINATED;
    }

    /**
     * @return why it died, or null while it lives.
     */
    public String terminationReason()
    {
        return terminationReason;
    }

    void moveTo(final SandboxState next)
    {
        if (!state.canMoveTo(next))
        {
            throw new IllegalStateException("sandbox=" + name() + " state=" + state + " next=" + next);
        }
        state = next;
    }

    void terminated(final String reason)
    {
        moveTo(SandboxState.TERMINATED);
        terminationReason = reason;
    }

    @Override
    public String toString()
    {
        return "Sandbox{id=" + id + ", name=" + name() + ", state=" + state + '}';
    }
}
