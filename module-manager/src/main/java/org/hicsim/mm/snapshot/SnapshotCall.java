package org.hicsim.mm.snapshot;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sim.EventHandler;
import org.hicsim.core0.store.PersistentStore;
import org.hicsim.core0.store.StoreListener;

/**
 * Who asked for a snapshot write or read, and about which snapshot: the sandbox whose CPU quota and store
 * capability the work goes through, and the listener that hears how it ended.
 */
record SnapshotCall(Kernel kernel, Sandbox sandbox, long storeHandle, String name, SnapshotListener listener)
{
    int sandboxId()
    {
        return sandbox.id();
    }

    PersistentStore store()
    {
        return kernel.store();
    }

    CostTable costs()
    {
        return kernel.costs();
    }

    /** The caller's sandbox is alive still: work of a dead caller stops unreported. */
    boolean callerAlive()
    {
        return sandbox.isAlive();
    }

    long nowNs()
    {
        return kernel.simulation().nowNs();
    }

    /** Appends to one of the snapshot's files as the caller. */
    long append(final String file, final byte[] bytes, final int length, final StoreListener listener)
    {
        return kernel.store().append(sandbox.id(), storeHandle, file, bytes, 0, length, listener);
    }

    /** Reads {@code dst.length} bytes of one of the snapshot's files as the caller. */
    long read(final String file, final long position, final byte[] dst, final StoreListener listener)
    {
        return kernel.store().read(sandbox.id(), storeHandle, file, position, dst, 0, dst.length, listener);
    }

    /** Runs {@code workNs} of CPU work under the caller's quota, then {@code onDone} with {@code arg}. */
    void compute(final long workNs, final EventHandler onDone, final long arg)
    {
        kernel.cpu().submit(sandbox.id(), workNs, onDone, arg);
    }

    /** Records a trace line about this snapshot: {@code name=… sandbox=…} then {@code detail}. */
    void trace(final String kind, final String detail)
    {
        kernel.simulation().trace().record(kind, "name=" + name + " sandbox=" + sandbox.id() + detail);
    }

    /** Traces and audits the failure, then tells the listener. */
    void fail(final SnapshotException failure)
    {
        final String detail = " reason=" + failure.getMessage().replace(' ', '_');
        trace("mm.snapshot.failed", detail);
        kernel.audit().record("mm.snapshot.failed", sandbox.id(), "name=" + name + detail);
        listener.onFailed(failure);
    }
}
