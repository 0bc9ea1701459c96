package org.hicsim.core0.invariant;

import org.agrona.collections.LongLongConsumer;
import org.hicsim.core0.Kernel;
import org.hicsim.core0.memory.FrameType;
import org.hicsim.core0.memory.PagePermissions;
import org.hicsim.core0.memory.PageTableEntryDescriptor;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.memory.shared.SharedRegions;
import org.hicsim.core0.sandbox.Sandbox;

/**
 * Every frame has one owner, and page tables agree: a live sandbox maps no free frame, maps writable only frames
 * it owns, and maps another owner's frame only if it is a {@link FrameType#SHARED} frame mapped read-only, through
 * a mapping Core-0 made for a shared-region capability ({@link SharedRegions}). So the frames of shared regions
 * are the only frames mapped in two sandboxes, no frame is writable by two, and no sandbox reaches memory it
 * neither owns nor was shared.
 */
final class FramesOwnedOnce implements Invariant, LongLongConsumer
{
    private PhysicalMemory memory;
    private SharedRegions sharedRegions;
    private ViolationSink sink;
    private int sandboxId;

    @Override
    public String name()
    {
        return "frames.owned-once";
    }

    @Override
    public void check(final Kernel kernel, final ViolationSink sink)
    {
        this.memory = kernel.memory();
        this.sharedRegions = kernel.sharedRegions();
        this.sink = sink;
        for (int id = 1; id <= kernel.sandboxes().highestIdUsed(); id++)
        {
            final Sandbox sandbox = kernel.sandboxes().live(id);
            if (sandbox != null)
            {
                sandboxId = id;
                sandbox.pageTable().forEachMapping(this);
            }
        }
    }

    /** One mapping of the sandbox at hand. */
    @Override
    public void accept(final long page, final long entry)
    {
        final int frame = PageTableEntryDescriptor.frameNumber(entry);
        final boolean writable = (PageTableEntryDescriptor.permissions(entry) & PagePermissions.WRITE) != 0;
        final FrameType type = memory.frameType(frame);
        final int owner = memory.ownerOf(frame);
        if (type == FrameType.FREE)
        {
            sink.violated("sandbox=" + sandboxId + " page=" + page + " maps free frame=" + frame);
        }
        else if (owner != sandboxId && (writable || type != FrameType.SHARED))
        {
            sink.violated("sandbox=" + sandboxId + " page=" + page + " maps frame=" + frame + " of owner=" + owner
                + " type=" + type + (writable ? " writable" : " read-only"));
        }
        else if (type == FrameType.SHARED && sharedRegions.regionMappedAt(sandboxId, page) < 0)
        {
            sink.violated("sandbox=" + sandboxId + " page=" + page + " maps shared frame=" + frame
                + " outside every mapping Core-0 made for a shared-region capability");
        }
    }
}
