package org.hicsim.core0.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import org.agrona.collections.Long2ObjectHashMap;
import org.hicsim.core0.audit.AuditSink;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.cost.Cost;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.sim.EventHandler;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.Trace;

/**
 * Core-0's persistent store: a simulated device of named files that outlives every sandbox, so a Module Manager
 * that is killed and restarted finds what it wrote. A sandbox reaches it through a capability of kind
 * {@link ObjectKind#PERSISTENT_STORE} naming {@link #DEVICE_ID}: {@link Rights#READ} to read and ask lengths,
 * {@link Rights#WRITE} to append, truncate and delete.
 * <p>
 * The device does one operation at a time, in the order they were accepted, like a single-channel disk: each
 * takes {@code store.latency} plus its bytes at {@code store.bandwidth} ({@link CostTable#storeTransferNs}), so a
 * slower store makes everything queued behind it slower. An operation ends in an event in virtual time, which
 * calls its {@link StoreListener}; a refusal at the door (capability, {@link StoreError#FULL},
 * {@link StoreError#QUEUE_FULL}, {@link StoreError#TOO_LARGE}) is returned at once, traced and audited.
 * <p>
 * A write is durable once its completion event has fired, not before. The writer streams the bytes from its
 * memory, so if its sandbox dies while an append is moving, or the device {@link #crash() crashes}, only the
 * prefix that had moved by then is on the device: the last record is torn. Queued operations of a dead sandbox
 * are dropped and never reported; a crash reports every lost one as {@link StoreError#CRASHED}. A truncation or
 * deletion in flight is not done.
 * <p>
 * File lengths and the free space are Core-0's own bookkeeping, as a file system keeps its directory in memory:
 * asking them costs no device time. Bytes live off-heap ({@link StoreFile}), bounded by the capacity. Every
 * operation's kind and size (never its bytes) is traced; every write that ends is audited.
 */
public final class PersistentStore
{
    /** The object id a {@link ObjectKind#PERSISTENT_STORE} capability names: the one device of a run. */
    public static final int DEVICE_ID = 0;
    public static final long DEFAULT_CAPACITY_BYTES = 1L << 30;
    /** Bound on one operation's bytes: a larger write is split by its caller, as a file system would. */
    public static final int OPERATION_LENGTH_MAX = 32 << 20;
    /** Bound on accepted operations not yet ended, the one in flight included. */
    public static final int QUEUE_DEPTH_MAX = 4096;
    public static final int FILE_NAME_LENGTH_MAX = 128;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Simulation simulation;
    private final Trace trace;
    private final CapabilitySystem capabilities;
    private final AuditSink audit;
    private final CostTable costs;
    private final long capacityBytes;
    private final TreeMap<String, StoreFile> files = new TreeMap<>();
    private final ArrayDeque<StoreOperation> queue = new ArrayDeque<>();
    private final Long2ObjectHashMap<StoreOperation> lostInCrash = new Long2ObjectHashMap<>();
    private final EventHandler finishHandler = this::finish;
    private final EventHandler reportLostHandler = this::reportLost;
    private StoreOperation current;
    private StoreFaults faults = StoreFaults.NONE;
    private long storedBytes;
    private long reservedBytes;
    private long nextRequestId = 1;

    /**
     * @param capacityBytes how many bytes the device holds, all files together; positive.
     */
    public PersistentStore(
        final Simulation simulation,
        final CapabilitySystem capabilities,
        final AuditSink audit,
        final CostTable costs,
        final long capacityBytes)
    {
        if (capacityBytes <= 0)
        {
            throw new IllegalArgumentException("capacityBytes=" + capacityBytes + " must be positive");
        }
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        this.trace = simulation.trace();
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.costs = Objects.requireNonNull(costs, "costs");
        this.capacityBytes = capacityBytes;
        trace.record("store.boot", "device=" + DEVICE_ID + " capacityBytes=" + capacityBytes);
    }

    /**
     * Appends {@code length} bytes of {@code src} to {@code file}, making the file if it does not exist. The
     * bytes are copied now, so {@code src} may be reused at once. Needs {@link Rights#WRITE}.
     *
     * @return the request id ({@code > 0}), or a negative {@link org.hicsim.core0.cap.CapError} or
     * {@link StoreError} code ({@link StoreError#FULL}, {@link StoreError#QUEUE_FULL}, {@link StoreError#TOO_LARGE}).
     */
    public long append(
        final int caller,
        final long handle,
        final String file,
        final byte[] src,
        final int srcOffset,
        final int length,
        final StoreListener listener)
    {
        checkFileName(file);
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        Objects.requireNonNull(listener, "listener");
        final long refused = admit(caller, handle, Rights.WRITE, StoreOperation.Kind.APPEND, file, length);
        if (refused < 0)
        {
            return refused;
        }
        if (storedBytes + reservedBytes + length > capacityBytes)
        {
            return refuse(caller, StoreOperation.Kind.APPEND, file, StoreError.FULL.code());
        }
        reservedBytes += length;
        final byte[] copy = new byte[length];
        System.arraycopy(src, srcOffset, copy, 0, length);
        return accept(new StoreOperation(
            nextRequestId++, StoreOperation.Kind.APPEND, caller, file, copy, 0, length, 0, listener));
    }

    /**
     * Reads up to {@code length} bytes of {@code file} from {@code position} into {@code dst}, filled when the
     * operation ends; the result is how many were read, fewer at the end of the file. Needs {@link Rights#READ}.
     *
     * @return the request id, or a negative capability or {@link StoreError} code.
     */
    public long read(
        final int caller,
        final long handle,
        final String file,
        final long position,
        final byte[] dst,
        final int dstOffset,
        final int length,
        final StoreListener listener)
    {
        checkFileName(file);
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        checkNotNegative("position", position);
        Objects.requireNonNull(listener, "listener");
        final long refused = admit(caller, handle, Rights.READ, StoreOperation.Kind.READ, file, length);
        if (refused < 0)
        {
            return refused;
        }
        return accept(new StoreOperation(
            nextRequestId++, StoreOperation.Kind.READ, caller, file, dst, dstOffset, length, position, listener));
    }

    /**
     * Cuts {@code file} to {@code newLength} bytes (no longer than it is): how a journal drops a torn tail before
     * it appends again. Needs {@link Rights#WRITE}.
     *
     * @return the request id, or a negative capability or {@link StoreError} code.
     */
    public long truncate(
        final int caller, final long handle, final String file, final long newLength, final StoreListener listener)
    {
        checkFileName(file);
        checkNotNegative("newLength", newLength);
        Objects.requireNonNull(listener, "listener");
        final long refused = admit(caller, handle, Rights.WRITE, StoreOperation.Kind.TRUNCATE, file, 0);
        if (refused < 0)
        {
            return refused;
        }
        return accept(new StoreOperation(
            nextRequestId++, StoreOperation.Kind.TRUNCATE, caller, file, null, 0, 0, newLength, listener));
    }

    /**
     * Deletes {@code file}; its space is free once the deletion ends. Needs {@link Rights#WRITE}.
     *
     * @return the request id, or a negative capability or {@link StoreError} code.
     */
    public long delete(final int caller, final long handle, final String file, final StoreListener listener)
    {
        checkFileName(file);
        Objects.requireNonNull(listener, "listener");
        final long refused = admit(caller, handle, Rights.WRITE, StoreOperation.Kind.DELETE, file, 0);
        if (refused < 0)
        {
            return refused;
        }
        return accept(new StoreOperation(
            nextRequestId++, StoreOperation.Kind.DELETE, caller, file, null, 0, 0, 0, listener));
    }

    /**
     * The length of {@code file} as durable now (operations still queued not counted). Needs {@link Rights#READ}.
     *
     * @return the length, {@link StoreError#NO_SUCH_FILE}'s code, or a capability code.
     */
    public long length(final int caller, final long handle, final String file)
    {
        checkFileName(file);
        final int objectId = capabilities.check(caller, handle, ObjectKind.PERSISTENT_STORE, Rights.READ);
        if (objectId < 0)
        {
            return refuse(caller, "length", file, objectId);
        }
        return fileLength(file);
    }

    /**
     * Bytes still free, appends already accepted counted as used: what a caller checks before it reserves room
     * for a snapshot. Needs {@link Rights#READ}.
     *
     * @return the free bytes, or a capability code.
     */
    public long freeBytes(final int caller, final long handle)
    {
        final int objectId = capabilities.check(caller, handle, ObjectKind.PERSISTENT_STORE, Rights.READ);
        if (objectId < 0)
        {
            return refuse(caller, "free", "-", objectId);
        }
        return capacityBytes - storedBytes - reservedBytes;
    }

    /**
     * Core-0's side of a sandbox's death (the kernel calls it): the sandbox's queued operations are dropped
     * unreported, and an append of it in flight stops where its bytes had got to.
     */
    public void onSandboxTerminated(final int sandboxId)
    {
        int dropped = 0;
        for (final Iterator<StoreOperation> it = queue.iterator(); it.hasNext(); )
        {
            final StoreOperation op = it.next();
            if (op.sandboxId == sandboxId)
            {
                release(op);
                it.remove();
                dropped++;
            }
        }
        lostInCrash.values().removeIf(op -> op.sandboxId == sandboxId);
        if (dropped > 0)
        {
            trace.record("store.drop", "sandbox=" + sandboxId + " operations=" + dropped);
        }
        if (current != null && current.sandboxId == sandboxId)
        {
            tearCurrent("sandbox-died");
            startNext();
        }
    }

    /**
     * The device loses power and comes back at once: the operation in flight stops where its bytes had got to
     * (an append leaves a prefix), every queued one is lost, and each is reported {@link StoreError#CRASHED}.
     */
    public void crash()
    {
        final int queued = queue.size();
        trace.record("store.crash", "inFlight=" + (current == null ? "none" : current.requestId) + " queued=" + queued);
        audit.record("store.crash", CapabilitySystem.CORE0,
            "inFlight=" + (current == null ? 0 : 1) + " queued=" + queued);
        if (current != null)
        {
            final StoreOperation torn = current;
            tearCurrent("crash");
            reportLater(torn);
        }
        while (!queue.isEmpty())
        {
            final StoreOperation op = queue.poll();
            release(op);
            reportLater(op);
        }
    }

    /**
     * A whole-system restart: the machine loses power ({@link #crash()}: the operation in flight torn, queued ones
     * lost) and boots again, and the device, with what it held, becomes the store of the newly booted Core-0
     * ({@code booted}, which must have no file and nothing queued). This one is left empty. Core-0 only; traced and
     * audited on both sides.
     *
     * @throws IllegalStateException if {@code booted} already holds a file or an operation, or is too small.
     */
    public void moveInto(final PersistentStore booted)
    {
        if (booted == this || !booted.files.isEmpty() || booted.pendingOperations() != 0
            || booted.capacityBytes < storedBytes)
        {
            throw new IllegalStateException("the booted store must be another, empty, idle and large enough: files="
                + booted.files.size() + " pending=" + booted.pendingOperations() + " capacityBytes="
                + booted.capacityBytes + " storedBytes=" + storedBytes);
        }
        crash();
        final String detail = "files=" + files.size() + " storedBytes=" + storedBytes;
        booted.files.putAll(files);
        booted.storedBytes = storedBytes;
        files.clear();
        storedBytes = 0;
        trace.record("store.moved-out", detail);
        audit.record("store.moved-out", CapabilitySystem.CORE0, detail);
        booted.trace.record("store.moved-in", detail);
        booted.audit.record("store.moved-in", CapabilitySystem.CORE0, detail);
    }

    /** Sets the slow-or-failing fault point (Core-0 only: a scenario's fault plan). */
    public void faults(final StoreFaults faults)
    {
        this.faults = Objects.requireNonNull(faults, "faults");
        trace.record("store.faults", faults.toString());
        audit.record("store.faults", CapabilitySystem.CORE0, faults.toString());
    }

    public StoreFaults faults()
    {
        return faults;
    }

    /**
     * Bit rot: flips the bits of {@code mask} in one stored byte, as a fault plan does to test that readers
     * notice (checksums). Core-0 only; traced and audited.
     *
     * @throws IllegalArgumentException if the file does not exist or the position is past its end.
     */
    public void flip(final String file, final long position, final byte mask)
    {
        final StoreFile target = files.get(file);
        if (target == null || position < 0 || position >= target.length())
        {
            throw new IllegalArgumentException("file=" + file + " position=" + position + " is not a stored byte");
        }
        target.flip(position, mask);
        final String detail = "file=" + file + " position=" + position + " mask=" + (mask & 0xFF);
        trace.record("store.flip", detail);
        audit.record("store.flip", CapabilitySystem.CORE0, detail);
    }

    /**
     * @return the file's durable length, or {@link StoreError#NO_SUCH_FILE}'s code.
     */
    public long fileLength(final String file)
    {
        final StoreFile stored = files.get(file);
        return stored == null ? StoreError.NO_SUCH_FILE.code() : stored.length();
    }

    /** The names of the files on the device, sorted. */
    public List<String> files()
    {
        return new ArrayList<>(files.keySet());
    }

    public long capacityBytes()
    {
        return capacityBytes;
    }

    /** Bytes in files now. */
    public long storedBytes()
    {
        return storedBytes;
    }

    /** Operations accepted and not yet ended, the one in flight included. */
    public int pendingOperations()
    {
        return queue.size() + (current == null ? 0 : 1);
    }

    /**
     * @throws IllegalArgumentException unless the name is 1 to {@link #FILE_NAME_LENGTH_MAX} printable ASCII
     *                                  characters without spaces (it appears in trace lines as a value).
     */
    public static void checkFileName(final String file)
    {
        Objects.requireNonNull(file, "file");
        boolean valid = !file.isEmpty() && file.length() <= FILE_NAME_LENGTH_MAX;
        for (int i = 0; valid && i < file.length(); i++)
        {
            final char c = file.charAt(i);
            valid = c > ' ' && c < 0x7F;
        }
        if (!valid)
        {
            throw new IllegalArgumentException("file='" + file + "' must be 1 to " + FILE_NAME_LENGTH_MAX
                + " printable ASCII characters without spaces");
        }
    }

    private long admit(
        final int caller,
        final long handle,
        final int rights,
        final StoreOperation.Kind kind,
        final String file,
        final int length)
    {
        final int objectId = capabilities.check(caller, handle, ObjectKind.PERSISTENT_STORE, rights);
        if (objectId < 0)
        {
            return refuse(caller, kind, file, objectId);
        }
        if (length > OPERATION_LENGTH_MAX)
        {
            return refuse(caller, kind, file, StoreError.TOO_LARGE.code());
        }
        if (pendingOperations() >= QUEUE_DEPTH_MAX)
        {
            return refuse(caller, kind, file, StoreError.QUEUE_FULL.code());
        }
        return 0;
    }

    private long accept(final StoreOperation op)
    {
        trace.record("store.submit", op.describe());
        queue.add(op);
        if (current == null)
        {
            startNext();
        }
        return op.requestId;
    }

    private void startNext()
    {
        final StoreOperation op = queue.poll();
        if (op == null)
        {
            return;
        }
        current = op;
        op.refusal = outcomeAtStart(op);
        if (op.refusal == 0 && faults.nextFails())
        {
            op.refusal = StoreError.IO_FAILED.code();
        }
        final long nowNs = simulation.nowNs();
        final long delayNs = faults.extraDelayNs();
        op.startNs = nowNs;
        op.dataStartNs = nowNs + delayNs + costs.value(Cost.STORE_LATENCY);
        simulation.schedule(delayNs + costs.storeTransferNs(op.refusal == 0 ? op.transferBytes : 0), finishHandler,
            op.requestId);
    }

    /** What the device finds when it comes to the operation; sets how many bytes it will move. */
    private int outcomeAtStart(final StoreOperation op)
    {
        final StoreFile file = files.get(op.file);
        switch (op.kind)
        {
            case APPEND:
                op.transferBytes = op.length;
                return 0;
            case READ:
                if (file == null)
                {
                    return StoreError.NO_SUCH_FILE.code();
                }
                if (op.position > file.length())
                {
                    return StoreError.OUT_OF_RANGE.code();
                }
                op.transferBytes = (int)Math.min(op.length, file.length() - op.position);
                return 0;
            case TRUNCATE:
                if (file == null)
                {
                    return StoreError.NO_SUCH_FILE.code();
                }
                return op.position > file.length() ? StoreError.OUT_OF_RANGE.code() : 0;
            default:
                return file == null ? StoreError.NO_SUCH_FILE.code() : 0;
        }
    }

    private void finish(final long requestId)
    {
        final StoreOperation op = current;
        if (op == null || op.requestId != requestId)
        {
            return; // the operation was torn: its sandbox died or the device crashed before it ended
        }
        current = null;
        final long result = op.refusal < 0 ? op.refusal : carryOut(op);
        release(op);
        final String detail = op.describe() + " result=" + result;
        trace.record("store.done", detail);
        if (op.kind != StoreOperation.Kind.READ)
        {
            audit.record("store.write", op.sandboxId, detail);
        }
        startNext();
        op.listener.onComplete(requestId, result);
    }

    private long carryOut(final StoreOperation op)
    {
        switch (op.kind)
        {
            case APPEND:
                final StoreFile target = files.computeIfAbsent(op.file, name -> new StoreFile());
                target.append(op.data, 0, op.length);
                storedBytes += op.length;
                return target.length();
            case READ:
                files.get(op.file).read(op.position, op.data, op.dataOffset, op.transferBytes);
                return op.transferBytes;
            case TRUNCATE:
                final StoreFile cut = files.get(op.file);
                storedBytes -= cut.length() - op.position;
                cut.truncate(op.position);
                return op.position;
            default:
                final StoreFile deleted = files.remove(op.file);
                storedBytes -= deleted.length();
                deleted.truncate(0);
                return 0;
        }
    }

    /** Ends the operation in flight early: an append keeps the prefix that had moved by now. */
    private void tearCurrent(final String reason)
    {
        final StoreOperation op = current;
        current = null;
        long kept = 0;
        if (op.kind == StoreOperation.Kind.APPEND && op.refusal == 0)
        {
            kept = bytesMovedBy(op, simulation.nowNs());
            if (kept > 0)
            {
                files.computeIfAbsent(op.file, name -> new StoreFile()).append(op.data, 0, (int)kept);
                storedBytes += kept;
            }
        }
        release(op);
        final String detail = op.describe() + " kept=" + kept + " reason=" + reason;
        trace.record("store.torn", detail);
        audit.record("store.torn", op.sandboxId, detail);
    }

    private long bytesMovedBy(final StoreOperation op, final long nowNs)
    {
        final long elapsedNs = nowNs - op.dataStartNs;
        if (elapsedNs <= 0)
        {
            return 0;
        }
        // elapsedNs is at most the transfer time, so the product stays near transferBytes * 1e9: no overflow.
        return Math.min(op.transferBytes, elapsedNs * costs.value(Cost.STORE_BANDWIDTH) / NANOS_PER_SECOND);
    }

    /** Gives back the room an accepted append reserved. */
    private void release(final StoreOperation op)
    {
        if (op.kind == StoreOperation.Kind.APPEND)
        {
            reservedBytes -= op.length;
        }
    }

    private void reportLater(final StoreOperation op)
    {
        lostInCrash.put(op.requestId, op);
        simulation.schedule(0, reportLostHandler, op.requestId);
    }

    private void reportLost(final long requestId)
    {
        final StoreOperation op = lostInCrash.remove(requestId);
        if (op != null)
        {
            op.listener.onComplete(requestId, StoreError.CRASHED.code());
        }
    }

    private long refuse(final int caller, final StoreOperation.Kind kind, final String file, final long code)
    {
        return refuse(caller, kind.name(), file, code);
    }

    private long refuse(final int caller, final String op, final String file, final long code)
    {
        final String reason = code <= StoreError.NO_SUCH_FILE.code()
            ? StoreError.fromCode(code).name() : CapError.fromCode(code).name();
        final String detail = "op=" + op + " sandbox=" + caller + " file=" + file + " reason=" + reason
            + " code=" + code;
        trace.record("store.refused", detail);
        audit.record("store.refused", Math.max(caller, CapabilitySystem.CORE0), detail);
        return code;
    }

    private static void checkNotNegative(final String name, final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException(name + "=" + value + " must not be negative");
        }
    }
}
