package org.hicsim.core0.invariant;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.memory.FrameType;
import org.hicsim.core0.memory.PagePermissions;
import org.hicsim.core0.memory.PageTableEntryDescriptor;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.sandbox.Sandbox;

/**
 * Every frame has one owner, and page tables agree: a live sandbox maps no free frame, maps writable only frames
 * it owns, and maps another owner's frame only if it is a {@link FrameType#SHARED} frame mapped read-only. So no
 * frame is writable by two sandboxes, and no sandbox reaches memory it neither owns nor was shared.
 */
final class FramesOwnedOnce implements Invariant
{
    @Override
    public String name()
    {
        return "frames.owned-once";
    }

    @Override
    public void check(final Kernel kernel, final ViolationSink sink)
    {
        final PhysicalMemory memory = kernel.memory();
        for (int id = 1; id <= kernel.sandboxes().capacity(); id++)
        {
            final Sandbox sandbox = kernel.sandboxes().live(id);
            if (sandbox == null)
            {
                continue;
            }
            final int sandboxId = id;
            sandbox.pageTable().forEachMapping((page, entry) ->
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
                    sink.violated("sandbox=" + sandboxId + " page=" + page + " maps frame=" + frame + " of owner="
                        + owner + " type=" + type + (writable ? " writable" : " read-only"));
                }
            });
        }
    }
}
