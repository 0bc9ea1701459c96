package org.hicsim.core0.invariant;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.cap.Capability;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.memory.PagePermissions;
import org.hicsim.core0.memory.PageTableEntryDescriptor;
import org.hicsim.core0.sandbox.Sandbox;

/**
 * Every shared-region mapping Core-0 records is held: its sandbox is live and still holds the capability it was
 * made through, naming that region, and its pages map exactly the region's frames, read-only. So revoking a
 * capability has torn its mapping down, and no sandbox reads a region it holds no capability for.
 */
final class SharedMappingsHeld implements Invariant
{
    @Override
    public String name()
    {
        return "shared.mappings-held";
    }

    @Override
    public void check(final Kernel kernel, final ViolationSink sink)
    {
        kernel.sharedRegions().forEachMapping((regionId, sandboxId, handle, firstPage, firstFrame, frameCount) ->
        {
            final Sandbox sandbox = kernel.sandboxes().live(sandboxId);
            final Capability capability = kernel.capabilities().find(sandboxId, handle);
            if (sandbox == null || capability == null || capability.kind() != ObjectKind.SHARED_REGION
                || capability.objectId() != regionId)
            {
                sink.violated("region=" + regionId + " sandbox=" + sandboxId + " page=" + firstPage
                    + " is mapped without the capability it was mapped through");
                return;
            }
            for (int i = 0; i < frameCount; i++)
            {
                final long entry = sandbox.pageTable().entry(firstPage + i);
                if (entry == PageTableEntryDescriptor.NO_ENTRY
                    || PageTableEntryDescriptor.frameNumber(entry) != firstFrame + i
                    || PageTableEntryDescriptor.permissions(entry) != PagePermissions.READ)
                {
                    sink.violated("region=" + regionId + " sandbox=" + sandboxId + " page=" + (firstPage + i)
                        + " does not map frame=" + (firstFrame + i) + " read-only");
                }
            }
        });
    }
}
