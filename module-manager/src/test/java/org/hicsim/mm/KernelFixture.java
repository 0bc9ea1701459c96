package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.store.PersistentStore;

/**
 * A kernel with a Module Manager sandbox holding a READ and WRITE capability to the persistent store, which it
 * can kill and restart as Core-0's boot supervisor would; the trace is kept in {@link #trace}.
 */
public final class KernelFixture
{
    public static final String MANAGER = "module-manager";
    public static final long SANDBOX_BYTES = 64 * 1024;
    private static final long EVENTS_MAX = 10_000_000;

    public final Kernel kernel;
    public final List<String> trace = new ArrayList<>();
    public int manager;
    public long storeHandle;

    public KernelFixture(final KernelConfig config, final int managerCpuPercent)
    {
        kernel = new Kernel(config, trace::add);
        startManager(managerCpuPercent);
    }

    public KernelFixture()
    {
        this(KernelConfig.withSeed(17), 100);
    }

    /** Starts the Module Manager's sandbox (again, after a kill) with a fresh store capability. */
    public void startManager(final int cpuPercent)
    {
        manager = sandbox(MANAGER, cpuPercent);
        storeHandle = kernel.capabilities().issue(CapabilitySystem.CORE0, manager, ObjectKind.PERSISTENT_STORE,
            PersistentStore.DEVICE_ID, Rights.READ | Rights.WRITE, 0);
    }

    public void killManager()
    {
        kernel.sandboxes().kill(manager, "test");
    }

    public int sandbox(final String name, final int cpuPercent)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, SANDBOX_BYTES, cpuPercent));
        kernel.sandboxes().start(id);
        return id;
    }

    public PersistentStore store()
    {
        return kernel.store();
    }

    public long now()
    {
        return kernel.simulation().nowNs();
    }

    public void run()
    {
        kernel.simulation().runUntilIdle(EVENTS_MAX);
    }

    public void runUntil(final long timeNs)
    {
        kernel.simulation().runUntil(timeNs);
    }

    /** Trace lines of one kind, e.g. {@code store.submit}. */
    public List<String> traced(final String kind)
    {
        return trace.stream().filter(line -> line.split(" ")[1].equals(kind)).toList();
    }

    /** Writes {@code bytes} to a new file as the manager, raw, and waits until they are durable. */
    public void writeFile(final String file, final byte[] bytes, final int length)
    {
        final long request = store().append(manager, storeHandle, file, bytes, 0, length, (id, result) -> { });
        if (request < 0)
        {
            throw new IllegalStateException("append refused code=" + request);
        }
        run();
    }

    /** The file's bytes, read as the manager. */
    public byte[] readFile(final String file)
    {
        final byte[] bytes = new byte[(int)store().fileLength(file)];
        store().read(manager, storeHandle, file, 0, bytes, 0, bytes.length, (id, result) -> { });
        run();
        return bytes;
    }
}
