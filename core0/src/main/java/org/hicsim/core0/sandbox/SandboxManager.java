package org.hicsim.core0.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;

import org.hicsim.core0.audit.AuditSink;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cpu.CpuScheduler;
import org.hicsim.core0.memory.FrameType;
import org.hicsim.core0.memory.PageKind;
import org.hicsim.core0.memory.PagePermissions;
import org.hicsim.core0.memory.PageTable;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.metrics.InstanceMetrics;
import org.hicsim.core0.sim.Simulation;

/**
 * Creates, starts, suspends, resumes and ends sandboxes (HIC's domains), and is the one place a sandbox dies,
 * whether destroyed on request or killed by a fault: its capabilities are deleted and everything derived from
 * them revoked, its frames zeroed and freed, an audit record written and the listeners told. Every other
 * sandbox goes on untouched.
 * <p>
 * Ids run from 1 ({@link CapabilitySystem#CORE0} is Core-0) and are reused after death: a reused id gets a new
 * capability space with a new token, so no handle of the dead sandbox works for the new one.
 */
public final class SandboxManager
{
    /** The termination reason of a sandbox destroyed on purpose (a graceful shutdown), not killed. */
    public static final String DESTROYED = "destroyed";

    private final Simulation simulation;
    private final PhysicalMemory memory;
    private final CapabilitySystem capabilities;
    private final CpuScheduler cpu;
    private final AuditSink audit;
    private final Sandbox[] sandboxes;
    private final SplittableRandom uuidRandom;
    private final Map<String, Integer> idByName = new LinkedHashMap<>();
    private final List<SandboxListener> listeners = new ArrayList<>();
    private int liveCount;
    private int highestIdUsed;

    /**
     * @param sandboxesMax ids run from 1 to {@code sandboxesMax - 1}; the capability system must hold as many.
     */
    public SandboxManager(
        final Simulation simulation,
        final PhysicalMemory memory,
        final CapabilitySystem capabilities,
        final CpuScheduler cpu,
        final AuditSink audit,
        final int sandboxesMax)
    {
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.cpu = Objects.requireNonNull(cpu, "cpu");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.sandboxes = new Sandbox[sandboxesMax];
        this.uuidRandom = simulation.splitRandom();
    }

    public void addListener(final SandboxListener listener)
    {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Creates a sandbox in state READY: contiguous memory of the spec's size mapped read-write from
     * {@link Sandbox#MEMORY_BASE} in a page table of its own, the memory quota set to that size, its CPU quota,
     * and an empty capability space.
     *
     * @return the new sandbox's id, or a negative {@link SandboxError} code.
     */
    public int create(final SandboxSpec spec)
    {
        Objects.requireNonNull(spec, "spec");
        if (idByName.containsKey(spec.name()))
        {
            return refuse(SandboxError.NAME_IN_USE, spec.name());
        }
        final int id = freeId();
        if (id < 0)
        {
            return refuse(SandboxError.TOO_MANY_SANDBOXES, spec.name());
        }
        final FrameType frameType = spec.type() == SandboxType.APPLICATION ? FrameType.APPLICATION : FrameType.PRIVILEGED;
        final int firstFrame = memory.allocateContiguous(spec.frames(), id, frameType);
        if (firstFrame < 0)
        {
            return refuse(SandboxError.NO_CONTIGUOUS_MEMORY, spec.name());
        }
        memory.setQuota(id, spec.frames());

        final PageTable pageTable = new PageTable(memory, id);
        final long firstPage = Sandbox.MEMORY_BASE >>> PageTable.PAGE_SHIFT;
        for (int i = 0; i < spec.frames(); i++)
        {
            pageTable.map(firstPage + i, firstFrame + i, PagePermissions.READ_WRITE, PageKind.DATA);
        }
        capabilities.createSpace(id, spec.capabilitySlots());
        cpu.add(id, spec.cpuQuotaPercent());

        final InstanceMetrics metrics = new InstanceMetrics(id, cpu.quota(id), memory);
        final Sandbox sandbox = new Sandbox(id, spec, pageTable, firstFrame, simulation.nowNs(), nextUuid(), metrics);
        sandbox.moveTo(SandboxState.READY);
        sandboxes[id] = sandbox;
        idByName.put(spec.name(), id);
        liveCount++;
        highestIdUsed = Math.max(highestIdUsed, id);

        final String detail = "id=" + id + " name=" + spec.name() + " uuid=" + sandbox.uuid() + " type=" + spec.type()
            + " memoryBytes=" + spec.memoryBytes() + " firstFrame=" + firstFrame
            + " cpuQuotaPercent=" + spec.cpuQuotaPercent();
        audit.record("sandbox.create", id, detail);
        simulation.trace().record("sandbox.create", detail);
        return id;
    }

    /**
     * HIC's parallel create from a template: a new sandbox with the template's layer and capability-space size,
     * under a new name and with the given quotas (the quota override).
     *
     * @return the new sandbox's id, or a negative {@link SandboxError} code.
     */
    public int createFromTemplate(
        final int templateId, final String name, final long memoryBytes, final int cpuQuotaPercent)
    {
        final Sandbox template = live(templateId);
        if (template == null)
        {
            return refuse(SandboxError.NO_SUCH_SANDBOX, name);
        }
        return create(template.spec().derive(name, memoryBytes, cpuQuotaPercent));
    }

    public boolean start(final int id)
    {
        return move(id, SandboxState.RUNNING, SandboxState.READY, "sandbox.start");
    }

    public boolean suspend(final int id)
    {
        return move(id, SandboxState.SUSPENDED, SandboxState.RUNNING, "sandbox.suspend");
    }

    public boolean resume(final int id)
    {
        return move(id, SandboxState.RUNNING, SandboxState.SUSPENDED, "sandbox.resume");
    }

    /**
     * Ends a sandbox on request (graceful shutdown done, or an update reclaiming the old instance).
     *
     * @return false if no live sandbox has that id.
     */
    public boolean destroy(final int id)
    {
        return end(id, "sandbox.destroy", DESTROYED);
    }

    /**
     * Ends a sandbox that misbehaved: a page fault, a crash. Only that sandbox is touched.
     *
     * @return false if no live sandbox has that id.
     */
    public boolean kill(final int id, final String reason)
    {
        return end(id, "sandbox.kill", reason);
    }

    /**
     * @return the live or dead sandbox last given this id, or null.
     */
    public Sandbox get(final int id)
    {
        return id > 0 && id < sandboxes.length ? sandboxes[id] : null;
    }

    /**
     * @return the live sandbox of this id, or null.
     */
    public Sandbox live(final int id)
    {
        final Sandbox sandbox = get(id);
        return sandbox != null && sandbox.isAlive() ? sandbox : null;
    }

    /**
     * @return the id of the live sandbox of this name, or {@link SandboxError#NO_SUCH_SANDBOX}'s code.
     */
    public int idOf(final String name)
    {
        final Integer id = idByName.get(name);
        return id == null ? SandboxError.NO_SUCH_SANDBOX.code() : id;
    }

    public int liveCount()
    {
        return liveCount;
    }

    /** The largest id a sandbox was ever given: no live sandbox has a larger one (what a scan of them stops at). */
    public int highestIdUsed()
    {
        return highestIdUsed;
    }

    public int capacity()
    {
        return sandboxes.length - 1;
    }

    private boolean move(final int id, final SandboxState next, final SandboxState required, final String event)
    {
        final Sandbox sandbox = live(id);
        if (sandbox == null || sandbox.state() != required)
        {
            audit.record("sandbox.refused", Math.max(id, 0), "op=" + event + " id=" + id
                + " state=" + (sandbox == null ? "NONE" : sandbox.state()) + " reason=" + SandboxError.ILLEGAL_STATE);
            return false;
        }
        sandbox.moveTo(next);
        simulation.trace().record(event, "id=" + id + " name=" + sandbox.name());
        return true;
    }

    private boolean end(final int id, final String event, final String reason)
    {
        final Sandbox sandbox = live(id);
        if (sandbox == null)
        {
            return false;
        }
        final int capabilitiesDeleted = capabilities.destroySpace(id);
        final int controlRevoked = capabilities.revokeObject(ObjectKind.SANDBOX_CONTROL, id);
        sandbox.pageTable().clear();
        final int framesReleased = memory.releaseAllOwnedBy(id);
        memory.setQuota(id, PhysicalMemory.UNLIMITED);
        cpu.remove(id);
        sandbox.terminated(reason);
        sandbox.metrics().retire();
        idByName.remove(sandbox.name());
        liveCount--;

        final String detail = "id=" + id + " name=" + sandbox.name() + " reason=" + reason.replace(' ', '_')
            + " capabilitiesDeleted=" + capabilitiesDeleted + " controlCapsRevoked=" + controlRevoked
            + " framesReleased=" + framesReleased;
        audit.record(event, id, detail);
        simulation.trace().record(event, detail);
        for (final SandboxListener listener : listeners)
        {
            listener.onTerminated(id, sandbox.name(), reason);
        }
        return true;
    }

    /** A version 4 (random) UUID drawn from the run's seed. */
    private UUID nextUuid()
    {
        final long versionMask = 0xF000L;
        final long version4 = 0x4000L;
        final long variantMask = 0xC000_0000_0000_0000L;
        final long variantIetf = 0x8000_0000_0000_0000L;
        final long high = (uuidRandom.nextLong() & ~versionMask) | version4;
        final long low = (uuidRandom.nextLong() & ~variantMask) | variantIetf;
        return new UUID(high, low);
    }

    private int freeId()
    {
        for (int id = 1; id < sandboxes.length; id++)
        {
            if (sandboxes[id] == null || !sandboxes[id].isAlive())
            {
                return id;
            }
        }
        return -1;
    }

    private int refuse(final SandboxError error, final String name)
    {
        audit.record("sandbox.refused", CapabilitySystem.CORE0, "op=sandbox.create name=" + name + " reason=" + error);
        return error.code();
    }
}
