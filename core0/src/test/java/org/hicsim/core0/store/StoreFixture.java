package org.hicsim.core0.store;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.TraceSink;

/**
 * A kernel whose sandboxes hold capabilities to the persistent store, and a listener that keeps every completion
 * as {@code {requestId, result, timeNs}}.
 */
final class StoreFixture
{
    static final long SANDBOX_BYTES = 64 * 1024;
    private static final long EVENTS_MAX = 1_000_000;

    final Kernel kernel;
    final PersistentStore store;
    final List<long[]> completions = new ArrayList<>();
    final StoreListener recorder = (requestId, result) ->
        completions.add(new long[] {requestId, result, now()});

    StoreFixture(final KernelConfig config, final TraceSink trace)
    {
        kernel = new Kernel(config, trace);
        store = kernel.store();
    }

    StoreFixture()
    {
        this(KernelConfig.withSeed(11), TraceSink.NONE);
    }

    int sandbox(final String name)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, SANDBOX_BYTES, 100));
        kernel.sandboxes().start(id);
        return id;
    }

    long capability(final int holder, final int rights)
    {
        return kernel.capabilities().issue(CapabilitySystem.CORE0, holder, ObjectKind.PERSISTENT_STORE,
            PersistentStore.DEVICE_ID, rights, 0);
    }

    long readWrite(final int holder)
    {
        return capability(holder, Rights.READ | Rights.WRITE);
    }

    long now()
    {
        return kernel.simulation().nowNs();
    }

    void run()
    {
        kernel.simulation().runUntilIdle(EVENTS_MAX);
    }

    void runUntil(final long timeNs)
    {
        kernel.simulation().runUntil(timeNs);
    }

    /** The file's bytes, read through Core-0's side of a fresh reader so the test sees what is on the device. */
    byte[] contents(final String file)
    {
        final int reader = sandbox("reader-" + completions.size() + "-" + now());
        final long handle = capability(reader, Rights.READ);
        final byte[] bytes = new byte[(int)store.fileLength(file)];
        final int before = completions.size();
        store.read(reader, handle, file, 0, bytes, 0, bytes.length, recorder);
        run();
        completions.remove(before);
        kernel.sandboxes().destroy(reader);
        return bytes;
    }

    static byte[] bytes(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seed * 31 + i * 7);
        }
        return bytes;
    }
}
