package org.hicsim.core0.region;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import org.hicsim.core0.audit.AuditSink;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.Capability;
import org.hicsim.core0.cap.CapFlags;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.HandleDescriptor;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.memory.FrameType;
import org.hicsim.core0.memory.PageKind;
import org.hicsim.core0.memory.PagePermissions;
import org.hicsim.core0.memory.PageTable;
import org.hicsim.core0.memory.PageTableEntryDescriptor;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.sandbox.SandboxManager;
import org.hicsim.core0.sim.Trace;

/**
 * Memory regions: pages a sandbox hands to another without copying a byte, as a service hands a connection's
 * buffers to its new instance.
 * <p>
 * A region is a run of physically consecutive frames that its <em>holder</em> owns, named by one
 * {@link ObjectKind#MEMORY_REGION} capability with {@link #REGION_RIGHTS}. Without {@link Rights#DERIVE} the holder
 * can make no copy, mint or attenuated child of it, so that capability is the region's only one and its holder
 * is always the frames' owner: moving the capability and moving the frames are one act. A transfer unmaps the
 * pages from the holder, moves the frames and the same share of memory quota to the target, and moves the
 * capability; the target maps the region where it likes. Deleting the capability ends the region and leaves
 * the pages as ordinary memory of their holder; a dying holder's regions end with it, and its frames are freed by
 * the sandbox manager's death path like the rest of its memory.
 * <p>
 * Operations take the calling sandbox's id and its page table (the system-call layer's own, so a stale caller
 * reaches no new sandbox) and return a handle or count ({@code >= 0}), a {@link CapError} code when the
 * capability check fails, or a {@link RegionError} code. Every change is traced and audited, every refusal audited.
 */
public final class MemoryRegions
{
    /** What a new region's capability carries: map it readable and writable, and transfer it. */
    public static final int REGION_RIGHTS = Rights.READ | Rights.WRITE | Rights.TRANSFER;
    /** {@link #holderOf} of a region that does not exist (never made, deleted, or its holder died). */
    public static final int NO_HOLDER = -1;

    private static final String AUDIT_REFUSED = "region.refused";

    private final PhysicalMemory memory;
    private final CapabilitySystem capabilities;
    private final SandboxManager sandboxes;
    private final AuditSink audit;
    private final Trace trace;
    /** By id, in id order, so what is done to several regions at once is done, and traced, in a fixed order. */
    private final TreeMap<Integer, MemoryRegion> regionsById = new TreeMap<>();
    private int nextId = 1;

    public MemoryRegions(
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
    }

    /**
     * Makes {@code pageCount} pages from {@code virtualAddress}, mapped read-write in the caller's page table over
     * physically consecutive frames it owns and no other region has, a region held by the caller, and issues the
     * caller its capability. The pages stay mapped where they are; that mapping is the holder's one mapping.
     *
     * @return the region capability's handle, or {@link RegionError#INVALID_RANGE}, {@link RegionError#NOT_MAPPED},
     * {@link RegionError#NOT_OWNED}, {@link RegionError#NOT_CONSECUTIVE}, {@link RegionError#OVERLAP}, or a
     * {@link CapError} code (the caller's capability space is full or gone).
     */
    public long create(final int sandboxId, final PageTable pageTable, final long virtualAddress, final int pageCount)
    {
        pageTable.checkBelongsTo(sandboxId);
        final String subject = "va=0x" + Long.toHexString(virtualAddress) + " pages=" + pageCount;
        if (pageCount <= 0 || !isPageRange(virtualAddress, pageCount))
        {
            return refuse("create", sandboxId, subject, RegionError.INVALID_RANGE);
        }
        final long firstPage = virtualAddress >>> PageTable.PAGE_SHIFT;
        int firstFrame = 0;
        for (int i = 0; i < pageCount; i++)
        {
            final long entry = pageTable.entry(firstPage + i);
            if (entry == PageTableEntryDescriptor.NO_ENTRY ||
                (PageTableEntryDescriptor.permissions(entry) & PagePermissions.READ_WRITE) != PagePermissions.READ_WRITE)
            {
                return refuse("create", sandboxId, subject, RegionError.NOT_MAPPED);
            }
            final int frame = PageTableEntryDescriptor.frameNumber(entry);
            if (memory.ownerOf(frame) != sandboxId || memory.frameType(frame) == FrameType.SHARED)
            {
                return refuse("create", sandboxId, subject, RegionError.NOT_OWNED);
            }
            if (i == 0)
            {
                firstFrame = frame;
            }
            else if (frame != firstFrame + i)
            {
                return refuse("create", sandboxId, subject, RegionError.NOT_CONSECUTIVE);
            }
        }
        for (final MemoryRegion region : regionsById.values())
        {
            if (region.overlapsFrames(firstFrame, pageCount))
            {
                return refuse("create", sandboxId, subject, RegionError.OVERLAP);
            }
        }
        final int id = nextId;
        final long handle = capabilities.issue(
            CapabilitySystem.CORE0, sandboxId, ObjectKind.MEMORY_REGION, id, REGION_RIGHTS, CapFlags.NONE);
        if (handle < 0)
        {
            return handle;
        }
        nextId++;
        regionsById.put(id, new MemoryRegion(id, firstFrame, pageCount, sandboxId, firstPage));
        record("region.create", sandboxId, "sandbox=" + sandboxId + " region=" + id + " " + subject +
            " firstFrame=" + firstFrame + " handle=" + HandleDescriptor.toString(handle));
        return handle;
    }

    /**
     * Maps a region the caller holds at {@code virtualAddress}, where nothing is mapped, readable, and writable if
     * the capability has {@link Rights#WRITE}. Needs {@link Rights#READ}.
     *
     * @return 0, or a {@link CapError} code, or {@link RegionError#INVALID_RANGE},
     * {@link RegionError#ALREADY_MAPPED}, {@link RegionError#ADDRESS_IN_USE}.
     */
    public int map(final int sandboxId, final PageTable pageTable, final long regionHandle, final long virtualAddress)
    {
        pageTable.checkBelongsTo(sandboxId);
        final int regionId = capabilities.check(sandboxId, regionHandle, ObjectKind.MEMORY_REGION, Rights.READ);
        if (regionId < 0)
        {
            return regionId;
        }
        final MemoryRegion region = heldRegion(regionId, sandboxId);
        final String subject = "region=" + regionId + " va=0x" + Long.toHexString(virtualAddress);
        if (!isPageRange(virtualAddress, region.frameCount))
        {
            return refuse("map", sandboxId, subject, RegionError.INVALID_RANGE);
        }
        if (region.mappedPage != MemoryRegion.NOT_MAPPED)
        {
            return refuse("map", sandboxId, subject, RegionError.ALREADY_MAPPED);
        }
        final long firstPage = virtualAddress >>> PageTable.PAGE_SHIFT;
        for (int i = 0; i < region.frameCount; i++)
        {
            if (pageTable.entry(firstPage + i) != PageTableEntryDescriptor.NO_ENTRY)
            {
                return refuse("map", sandboxId, subject, RegionError.ADDRESS_IN_USE);
            }
        }
        final Capability capability = capabilities.find(sandboxId, regionHandle);
        final int permissions = capability.rights() & (PagePermissions.READ | PagePermissions.WRITE);
        for (int i = 0; i < region.frameCount; i++)
        {
            pageTable.map(firstPage + i, region.firstFrame + i, permissions, PageKind.DATA);
        }
        region.mappedPage = firstPage;
        record("region.map", sandboxId, "sandbox=" + sandboxId + " " + subject + " pages=" + region.frameCount +
            " permissions=" + PagePermissions.describe(permissions));
        return 0;
    }

    /**
     * Moves a region to {@code targetSandboxId}: its pages leave the caller's page table, its frames and as many
     * frames of memory quota become the target's, and its capability moves to the target's space, where the
     * target maps it with {@link #map}. The bytes stay in their frames. Needs {@link Rights#TRANSFER}.
     * <p>
     * Atomic: every refusal comes before anything changes. The capability moves first because its move is the
     * one step that can still be refused (a full capability space); the frame move after it cannot be, once the
     * target is known live and within its quota.
     *
     * @return the handle in the target's space, or a {@link CapError} code ({@link CapError#NO_SUCH_SANDBOX} when
     * the target is not a live sandbox), or {@link RegionError#TARGET_OVER_QUOTA}.
     */
    public long transfer(final int sandboxId, final PageTable pageTable, final long regionHandle, final int targetSandboxId)
    {
        pageTable.checkBelongsTo(sandboxId);
        final int regionId = capabilities.check(sandboxId, regionHandle, ObjectKind.MEMORY_REGION, Rights.TRANSFER);
        if (regionId < 0)
        {
            return regionId;
        }
        final MemoryRegion region = heldRegion(regionId, sandboxId);
        final String subject = "region=" + regionId + " target=" + targetSandboxId;
        if (sandboxes.live(targetSandboxId) == null)
        {
            audit.record(AUDIT_REFUSED, sandboxId, "op=transfer " + subject + " reason=" + CapError.NO_SUCH_SANDBOX);
            return CapError.NO_SUCH_SANDBOX.code();
        }
        if (memory.framesOwnedBy(targetSandboxId) > memory.quotaOf(targetSandboxId))
        {
            return refuse("transfer", sandboxId, subject, RegionError.TARGET_OVER_QUOTA);
        }
        final long moved = capabilities.transfer(sandboxId, regionHandle, targetSandboxId);
        if (moved < 0)
        {
            return moved;
        }
        if (region.mappedPage != MemoryRegion.NOT_MAPPED)
        {
            for (int i = 0; i < region.frameCount; i++)
            {
                pageTable.unmap(region.mappedPage + i);
            }
            region.mappedPage = MemoryRegion.NOT_MAPPED;
        }
        moveQuota(sandboxId, targetSandboxId, region.frameCount);
        final int framesMoved = memory.transfer(region.firstFrame, region.frameCount, sandboxId, targetSandboxId);
        if (framesMoved != region.frameCount)
        {
            throw new IllegalStateException("region=" + regionId + " frames did not move: result=" + framesMoved);
        }
        region.holder = targetSandboxId;
        record("region.transfer", sandboxId, "sandbox=" + sandboxId + " " + subject + " firstFrame=" +
            region.firstFrame + " frames=" + region.frameCount + " dst=" + HandleDescriptor.toString(moved));
        return moved;
    }

    /**
     * Deletes a region's capability and so the region: its pages stay the holder's memory, mapped where they
     * are, and may be made a region again. Needs no right, as any delete.
     *
     * @return 0, or a {@link CapError} code.
     */
    public long delete(final int sandboxId, final long regionHandle)
    {
        final int regionId = capabilities.check(sandboxId, regionHandle, ObjectKind.MEMORY_REGION, Rights.NONE);
        if (regionId < 0)
        {
            return regionId;
        }
        heldRegion(regionId, sandboxId);
        final long deleted = capabilities.delete(sandboxId, regionHandle);
        regionsById.remove(regionId);
        record("region.delete", sandboxId, "sandbox=" + sandboxId + " region=" + regionId);
        return deleted;
    }

    /**
     * What happens to a dead sandbox's regions: they end. Called after the sandbox manager has deleted its
     * capabilities and freed its frames.
     *
     * @return how many regions ended.
     */
    public int dropHeldBy(final int sandboxId)
    {
        final List<Integer> dropped = new ArrayList<>();
        for (final MemoryRegion region : regionsById.values())
        {
            if (region.holder == sandboxId)
            {
                dropped.add(region.id);
            }
        }
        for (final int id : dropped)
        {
            regionsById.remove(id);
            record("region.drop", sandboxId, "holder=" + sandboxId + " region=" + id);
        }
        return dropped.size();
    }

    /**
     * @return the sandbox that holds the region (owns its frames and its capability), or {@link #NO_HOLDER}.
     */
    public int holderOf(final int regionId)
    {
        final MemoryRegion region = regionsById.get(regionId);
        return region == null ? NO_HOLDER : region.holder;
    }

    /**
     * @return the first frame of a live region.
     * @throws IllegalArgumentException if no live region has that id.
     */
    public int firstFrame(final int regionId)
    {
        return existingRegion(regionId).firstFrame;
    }

    /**
     * @return the frame count of a live region.
     * @throws IllegalArgumentException if no live region has that id.
     */
    public int frameCount(final int regionId)
    {
        return existingRegion(regionId).frameCount;
    }

    /** Live regions. */
    public int count()
    {
        return regionsById.size();
    }

    /**
     * What {@link #forEachRegion} hands over for each live region.
     */
    @FunctionalInterface
    public interface RegionVisitor
    {
        void visit(int regionId, int holder, int firstFrame, int frameCount);
    }

    /** Hands each live region to {@code visitor}, in id order: for invariant checks. */
    public void forEachRegion(final RegionVisitor visitor)
    {
        for (final MemoryRegion region : regionsById.values())
        {
            visitor.visit(region.id, region.holder, region.firstFrame, region.frameCount);
        }
    }

    /**
     * The quota follows the frames, so a sandbox's quota keeps telling what it may hold: the giver's shrinks and
     * the taker's grows by the region's frames. An unlimited quota stays unlimited.
     */
    private void moveQuota(final int from, final int to, final int frames)
    {
        final int fromQuota = memory.quotaOf(from);
        if (fromQuota != PhysicalMemory.UNLIMITED)
        {
            memory.setQuota(from, Math.max(0, fromQuota - frames));
        }
        final int toQuota = memory.quotaOf(to);
        if (toQuota != PhysicalMemory.UNLIMITED)
        {
            memory.setQuota(to, (int)Math.min((long)toQuota + frames, PhysicalMemory.UNLIMITED));
        }
    }

    /**
     * The region a capability the caller passed the check for names. Its holder is the caller: the capability is
     * the region's only one, and whoever holds it holds the frames.
     */
    private MemoryRegion heldRegion(final int regionId, final int sandboxId)
    {
        final MemoryRegion region = existingRegion(regionId);
        if (region.holder != sandboxId)
        {
            throw new IllegalStateException("region=" + regionId + " holder=" + region.holder +
                " but its capability is held by sandbox=" + sandboxId);
        }
        return region;
    }

    private MemoryRegion existingRegion(final int regionId)
    {
        final MemoryRegion region = regionsById.get(regionId);
        if (region == null)
        {
            throw new IllegalArgumentException("regionId=" + regionId + " names no live region");
        }
        return region;
    }

    private static boolean isPageRange(final long virtualAddress, final int pageCount)
    {
        if (virtualAddress < 0 || (virtualAddress & PageTable.PAGE_OFFSET_MASK) != 0)
        {
            return false;
        }
        return (virtualAddress >>> PageTable.PAGE_SHIFT) <= PageTable.VIRTUAL_PAGES - pageCount;
    }

    private int refuse(final String op, final int sandboxId, final String subject, final RegionError error)
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
