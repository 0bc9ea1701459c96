package org.hicsim.core0.memory.shared;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.hicsim.core0.audit.AuditSink;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.CapFlags;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.HandleDescriptor;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.memory.FrameType;
import org.hicsim.core0.memory.PagePermissions;
import org.hicsim.core0.memory.PageTable;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.sandbox.SandboxManager;
import org.hicsim.core0.sim.Trace;
import org.hicsim.core0.spi.SharedRegionDescriptor;

/**
 * Shared regions reached by system calls (the hybrid isolation model): Core-0 makes a region of
 * {@link FrameType#SHARED} frames that it alone writes, and maps it read-only into the sandbox of each holder of a
 * {@link ObjectKind#SHARED_REGION} capability that asks, where the holder reads it directly
 * ({@link org.hicsim.core0.spi.SharedRegionReader}).
 * <p>
 * A region has one writer: Core-0 itself ({@link #create}), which stages and publishes versions through
 * {@link #region}, or one sandbox ({@link #createWritable}), which holds the region's only capability with
 * {@link Rights#WRITE} (pinned, not derivable) and hands each next version to Core-0 whole ({@link #publish}):
 * writes go through Core-0, never through a mapping, so no sandbox ever maps a shared frame writable. Readers get
 * capabilities with {@link #READER_RIGHTS} from Core-0 ({@link #grantReader}).
 * <p>
 * A mapping belongs to the capability it was made through: when that capability goes (deleted, revoked through
 * an ancestor, moved away, or with its sandbox), Core-0 unmaps the pages at once, so the holder's next load there
 * faults ({@link SharedRegionError#READ_AFTER_REVOKE}), as a store to a mapped region always does
 * ({@link SharedRegionError#WRITE_FAULT}). A region outlives its writer, frozen at its last version, so a reader
 * can still read what a crashed writer last published; its frames stay Core-0's.
 * <p>
 * Operations return a handle or 0 ({@code >= 0}), a {@link CapError} code when the capability check fails, a
 * {@link PhysicalMemory} code when there are no frames, or a {@link SharedRegionError} code. Every change is traced
 * and audited, every refusal audited.
 */
public final class SharedRegions
{
    /** The largest snapshot a region holds: a statistics block, not a data store. */
    public static final int SNAPSHOT_BYTES_MAX = 64 * 1024;
    /** How many regions one sandbox may write, so that no sandbox can spend Core-0's frames without bound. */
    public static final int REGIONS_PER_WRITER_MAX = 4;
    /** A reader's capability: map the region, read-only. It cannot be moved, derived or used to revoke. */
    public static final int READER_RIGHTS = Rights.READ;
    /** The writer's capability: map the region read-only, and publish through Core-0. */
    public static final int WRITER_RIGHTS = Rights.READ | Rights.WRITE;
    /** {@link #writerOf} a region whose writer sandbox has died. */
    public static final int WRITER_GONE = -1;

    private static final String AUDIT_REFUSED = "shared.refused";
    /** Where a sandbox id starts in a {@link #revokedByPage} key, above every virtual page number. */
    private static final int SANDBOX_KEY_SHIFT = PageTable.VIRTUAL_ADDRESS_BITS - PageTable.PAGE_SHIFT;
    private static final int INITIAL_REGION_IDS = 16;

    private final PhysicalMemory memory;
    private final CapabilitySystem capabilities;
    private final SandboxManager sandboxes;
    private final AuditSink audit;
    private final Trace trace;
    /**
     * Indexed by id, null where there is none: a publish finds its region with one read instead of a walk of boxed
     * keys, and what is listed or checked is still in id order. Ids are never reused and a region stays for the
     * rest of the run (only one whose writer could not be given its capability is dropped at once), so the array
     * grows only as regions are made.
     */
    private Entry[] regionsById = new Entry[INITIAL_REGION_IDS];
    private int regionCount;
    /** Live mappings by the handle they were made through: a handle names one capability in the whole system. */
    private final TreeMap<Long, Mapping> mappingsByHandle = new TreeMap<>();
    /** Where mappings were torn down, by (sandbox, first page), until the sandbox maps there again or dies. */
    private final TreeMap<Long, Mapping> revokedByPage = new TreeMap<>();
    private int nextId = 1;

    /** One region: its bytes, its writer ({@link CapabilitySystem#CORE0} for Core-0) and its name for traces. */
    private record Entry(int id, String name, int writer, SharedRegion region)
    {
    }

    /** One mapping of a region into a sandbox's page table. */
    private record Mapping(int regionId, int sandboxId, PageTable table, long firstPage, int pages)
    {
        boolean covers(final long page)
        {
            return page >= firstPage && page < firstPage + pages;
        }
    }

    /**
     * What {@link #forEachMapping} hands over for each live mapping.
     */
    @FunctionalInterface
    public interface MappingVisitor
    {
        void visit(int regionId, int sandboxId, long handle, long firstPage, int firstFrame, int frameCount);
    }

    public SharedRegions(
        final PhysicalMemory memory,
        final CapabilitySystem capabilities,
        final SandboxManager sandboxes,
        final AuditSink audit,
        final Trace trace)
    {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.sandboxes = Objects.requireNonNull(sandboxes, "sandboxes");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.trace = Objects.requireNonNull(trace, "trace");
        capabilities.onRemoval(ObjectKind.SHARED_REGION, this::capabilityRemoved);
    }

    /**
     * Makes a region Core-0 writes, through {@link #region}, for snapshots of up to {@code snapshotBytes}.
     *
     * @return the region's id ({@code > 0}), or {@link SharedRegionError#INVALID_LENGTH}, or
     * {@link PhysicalMemory#NO_CONTIGUOUS_RANGE}.
     */
    public int create(final String name, final int snapshotBytes)
    {
        return allocate(name, CapabilitySystem.CORE0, snapshotBytes);
    }

    /**
     * Makes a region the sandbox {@code writer} writes through {@link #publish}, and issues it the region's one
     * capability with {@link #WRITER_RIGHTS}, pinned to it.
     *
     * @return the writer's handle, or a {@link CapError} code ({@link CapError#NO_SUCH_SANDBOX} when the writer is
     * not live), {@link SharedRegionError#INVALID_LENGTH}, {@link SharedRegionError#TOO_MANY_REGIONS},
     * {@link PhysicalMemory#NO_CONTIGUOUS_RANGE}.
     */
    public long createWritable(final int writer, final String name, final int snapshotBytes)
    {
        if (sandboxes.live(writer) == null)
        {
            audit.record(AUDIT_REFUSED, CapabilitySystem.CORE0, "op=create writer=" + writer + " reason=" +
                CapError.NO_SUCH_SANDBOX);
            return CapError.NO_SUCH_SANDBOX.code();
        }
        if (writtenBy(writer) >= REGIONS_PER_WRITER_MAX)
        {
            return refuse("create", writer, "name=" + name, SharedRegionError.TOO_MANY_REGIONS);
        }
        final int id = allocate(name, writer, snapshotBytes);
        if (id < 0)
        {
            return id;
        }
        final long handle = capabilities.issue(
            CapabilitySystem.CORE0, writer, ObjectKind.SHARED_REGION, id, WRITER_RIGHTS, CapFlags.PINNED);
        if (handle < 0)
        {
            final Entry entry = existing(id);
            regionsById[id] = null;
            regionCount--;
            memory.free(entry.region.firstFrame(), entry.region.frameCount(), PhysicalMemory.CORE0_OWNER);
            record("shared.drop", writer, "region=" + id + " reason=" + CapError.fromCode(handle));
        }
        return handle;
    }

    /**
     * Issues {@code reader} a capability to map the region read-only ({@link #READER_RIGHTS}). Whether the reader
     * may read it is the caller's policy (Core-0's metrics are for Privileged-1 sandboxes only).
     *
     * @return the handle, or a {@link CapError} code.
     * @throws IllegalArgumentException if no region has that id.
     */
    public long grantReader(final int regionId, final int reader)
    {
        existing(regionId);
        return capabilities.issue(
            CapabilitySystem.CORE0, reader, ObjectKind.SHARED_REGION, regionId, READER_RIGHTS, CapFlags.NONE);
    }

    /**
     * Maps the region a capability the caller holds with {@link Rights#READ} names, read-only, header first, at
     * {@code virtualAddress}, where nothing is mapped. The mapping lasts as long as that capability.
     *
     * @return 0, or a {@link CapError} code, or {@link SharedRegionError#INVALID_ADDRESS},
     * {@link SharedRegionError#ALREADY_MAPPED}, {@link SharedRegionError#ADDRESS_IN_USE}.
     */
    public int map(final int sandboxId, final PageTable pageTable, final long handle, final long virtualAddress)
    {
        pageTable.checkBelongsTo(sandboxId);
        final int regionId = capabilities.check(sandboxId, handle, ObjectKind.SHARED_REGION, Rights.READ);
        if (regionId < 0)
        {
            return regionId;
        }
        final SharedRegion region = existing(regionId).region;
        final String subject = "region=" + regionId + " va=0x" + Long.toHexString(virtualAddress);
        if (virtualAddress < 0 || (virtualAddress & PageTable.PAGE_OFFSET_MASK) != 0 ||
            (virtualAddress >>> PageTable.PAGE_SHIFT) > PageTable.VIRTUAL_PAGES - region.frameCount())
        {
            return refuse("map", sandboxId, subject, SharedRegionError.INVALID_ADDRESS);
        }
        if (mappingsByHandle.containsKey(handle))
        {
            return refuse("map", sandboxId, subject, SharedRegionError.ALREADY_MAPPED);
        }
        final long firstPage = virtualAddress >>> PageTable.PAGE_SHIFT;
        if (!region.mapInto(pageTable, firstPage))
        {
            return refuse("map", sandboxId, subject, SharedRegionError.ADDRESS_IN_USE);
        }
        final Mapping mapping = new Mapping(regionId, sandboxId, pageTable, firstPage, region.frameCount());
        mappingsByHandle.put(handle, mapping);
        forgetRevokedUnder(mapping);
        record("shared.map", sandboxId, "sandbox=" + sandboxId + " " + subject + " pages=" + region.frameCount() +
            " permissions=" + PagePermissions.describe(PagePermissions.READ) +
            " handle=" + HandleDescriptor.toString(handle));
        return 0;
    }

    /**
     * The writer hands Core-0 its next version whole: Core-0 stages {@code length} bytes of {@code src} as the
     * snapshot from its offset 0 and publishes them, so readers see the old version or this one, never a mix.
     * Needs {@link Rights#WRITE}, which only the writer's capability has. Not traced: it is a write of data, as a
     * store is.
     *
     * @return 0, or a {@link CapError} code, or {@link SharedRegionError#INVALID_LENGTH}.
     */
    public int publish(final int sandboxId, final long handle, final byte[] src, final int offset, final int length)
    {
        final int regionId = capabilities.check(sandboxId, handle, ObjectKind.SHARED_REGION, Rights.WRITE);
        if (regionId < 0)
        {
            return regionId;
        }
        final SharedRegion region = existing(regionId).region;
        if (length < 0 || length > region.capacity() || offset < 0 || offset > src.length - length)
        {
            return refuse("publish", sandboxId, "region=" + regionId + " length=" + length,
                SharedRegionError.INVALID_LENGTH);
        }
        region.publishWhole(src, offset, length);
        return 0;
    }

    /**
     * Core-0's own side of a region, for a Core-0 writer to stage and publish versions.
     *
     * @throws IllegalArgumentException if no region has that id.
     */
    public SharedRegion region(final int regionId)
    {
        return existing(regionId).region;
    }

    /**
     * @return the sandbox that writes the region, {@link CapabilitySystem#CORE0}, or {@link #WRITER_GONE}.
     * @throws IllegalArgumentException if no region has that id.
     */
    public int writerOf(final int regionId)
    {
        return existing(regionId).writer;
    }

    /**
     * @return the ids of the regions {@code writer} writes, ascending: how Core-0 finds a service's regions to
     * grant their readers.
     */
    public int[] regionsWrittenBy(final int writer)
    {
        return Arrays.stream(regionsById, 0, nextId)
            .filter(entry -> entry != null && entry.writer == writer && writer != CapabilitySystem.CORE0)
            .mapToInt(Entry::id).toArray();
    }

    /** Live regions. */
    public int count()
    {
        return regionCount;
    }

    /**
     * Why a page fault of {@code sandboxId} at {@code virtualAddress} concerns a shared region: a store into one
     * it has mapped, or a load from where one was mapped until its capability went.
     *
     * @param access the {@link PagePermissions} bit the access needed.
     * @return the reason, or null when the fault has nothing to do with a shared region.
     */
    public SharedRegionError faultReason(final int sandboxId, final long virtualAddress, final int access)
    {
        final long page = virtualAddress >>> PageTable.PAGE_SHIFT;
        if (access == PagePermissions.WRITE && mappingAt(sandboxId, page) != null)
        {
            return SharedRegionError.WRITE_FAULT;
        }
        final Map.Entry<Long, Mapping> revoked = revokedByPage.floorEntry(key(sandboxId, page));
        if (revoked != null && revoked.getValue().sandboxId == sandboxId && revoked.getValue().covers(page))
        {
            return SharedRegionError.READ_AFTER_REVOKE;
        }
        return null;
    }

    /**
     * @return the id of the region the sandbox has mapped at {@code page}, or -1.
     */
    public int regionMappedAt(final int sandboxId, final long page)
    {
        final Mapping mapping = mappingAt(sandboxId, page);
        return mapping == null ? -1 : mapping.regionId;
    }

    /** Hands each live mapping to {@code visitor}, by handle: for invariant checks. */
    public void forEachMapping(final MappingVisitor visitor)
    {
        for (final Map.Entry<Long, Mapping> entry : mappingsByHandle.entrySet())
        {
            final Mapping mapping = entry.getValue();
            final SharedRegion region = existing(mapping.regionId).region;
            visitor.visit(mapping.regionId, mapping.sandboxId, entry.getKey(), mapping.firstPage, region.firstFrame(),
                region.frameCount());
        }
    }

    /**
     * A dead sandbox is forgotten, since its id may name a new sandbox: its torn-down mappings (a new sandbox's
     * faults are its own), and its being a writer (its regions stay, frozen, with {@link #WRITER_GONE}). Its live
     * mappings went with its capabilities.
     */
    public void forgetSandbox(final int sandboxId)
    {
        revokedByPage.subMap(key(sandboxId, 0), key(sandboxId + 1, 0)).clear();
        for (int id = 0; id < nextId; id++)
        {
            final Entry entry = regionsById[id];
            if (entry != null && entry.writer == sandboxId && sandboxId != CapabilitySystem.CORE0)
            {
                regionsById[id] = new Entry(entry.id, entry.name, WRITER_GONE, entry.region);
                record("shared.writer.gone", sandboxId, "region=" + entry.id + " writer=" + sandboxId);
            }
        }
    }

    private int allocate(final String name, final int writer, final int snapshotBytes)
    {
        if (snapshotBytes <= 0 || snapshotBytes > SNAPSHOT_BYTES_MAX)
        {
            return refuse("create", writer, "name=" + name + " snapshotBytes=" + snapshotBytes,
                SharedRegionError.INVALID_LENGTH);
        }
        final int frames = SharedRegionDescriptor.framesFor(snapshotBytes);
        final int firstFrame = memory.allocateContiguous(frames, PhysicalMemory.CORE0_OWNER, FrameType.SHARED);
        if (firstFrame < 0)
        {
            audit.record(AUDIT_REFUSED, writer, "op=create name=" + name + " frames=" + frames + " code=" + firstFrame);
            return firstFrame;
        }
        final int id = nextId++;
        if (id == regionsById.length)
        {
            regionsById = Arrays.copyOf(regionsById, id << 1);
        }
        regionsById[id] = new Entry(id, name, writer, new SharedRegion(memory, firstFrame, snapshotBytes));
        regionCount++;
        record("shared.create", writer, "region=" + id + " name=" + name + " writer=" + writer +
            " snapshotBytes=" + snapshotBytes + " firstFrame=" + firstFrame + " frames=" + frames);
        return id;
    }

    private int writtenBy(final int writer)
    {
        return regionsWrittenBy(writer).length;
    }

    /**
     * The capability a mapping was made through has gone: unmap its pages now, so the next load faults.
     */
    private void capabilityRemoved(final int sandboxId, final long handle, final int regionId)
    {
        final Mapping mapping = mappingsByHandle.remove(handle);
        if (mapping == null)
        {
            return;
        }
        if (!existing(regionId).region.unmapFrom(mapping.table, mapping.firstPage))
        {
            throw new IllegalStateException("region=" + regionId + " sandbox=" + sandboxId + " firstPage=" +
                mapping.firstPage + " was not mapped where Core-0 recorded it");
        }
        revokedByPage.put(key(sandboxId, mapping.firstPage), mapping);
        record("shared.unmap", sandboxId, "sandbox=" + sandboxId + " region=" + regionId + " va=0x" +
            Long.toHexString(mapping.firstPage << PageTable.PAGE_SHIFT) + " reason=capability-removed");
    }

    private Mapping mappingAt(final int sandboxId, final long page)
    {
        for (final Mapping mapping : mappingsByHandle.values())
        {
            if (mapping.sandboxId == sandboxId && mapping.covers(page))
            {
                return mapping;
            }
        }
        return null;
    }

    private void forgetRevokedUnder(final Mapping mapping)
    {
        final Iterator<Mapping> revoked =
            revokedByPage.subMap(key(mapping.sandboxId, 0), key(mapping.sandboxId + 1, 0)).values().iterator();
        while (revoked.hasNext())
        {
            final Mapping old = revoked.next();
            if (old.firstPage < mapping.firstPage + mapping.pages && mapping.firstPage < old.firstPage + old.pages)
            {
                revoked.remove();
            }
        }
    }

    private Entry existing(final int regionId)
    {
        final Entry entry = regionId > 0 && regionId < nextId ? regionsById[regionId] : null;
        if (entry == null)
        {
            throw new IllegalArgumentException("regionId=" + regionId + " names no shared region");
        }
        return entry;
    }

    private static long key(final int sandboxId, final long page)
    {
        return ((long)sandboxId << SANDBOX_KEY_SHIFT) | page;
    }

    private int refuse(final String op, final int sandboxId, final String subject, final SharedRegionError error)
    {
        audit.record(AUDIT_REFUSED, sandboxId, "op=" + op + " " + subject + " reason=" + error);
        return error.code();
    }

    private void record(final String kind, final int sandboxId, final String detail)
    {
        trace.record(kind, detail);
        audit.record(kind, sandboxId, detail);
    }
}
