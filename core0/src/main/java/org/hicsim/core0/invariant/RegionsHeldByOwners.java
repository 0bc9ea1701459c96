package org.hicsim.core0.invariant;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.memory.PhysicalMemory;

/**
 * Every live memory region is held by a live sandbox that owns each of its frames.
 */
final class RegionsHeldByOwners implements Invariant
{
    @Override
    public String name()
    {
        return "regions.held-by-owners";
    }

    @Override
    public void check(final Kernel kernel, final ViolationSink sink)
    {
        final PhysicalMemory memory = kernel.memory();
        kernel.regions().forEachRegion((regionId, holder, firstFrame, frameCount) ->
        {
            if (kernel.sandboxes().live(holder) == null)
            {
                sink.violated("region=" + regionId + " holder=" + holder + " is not a live sandbox");
            }
            for (int frame = firstFrame; frame < firstFrame + frameCount; frame++)
            {
                if (memory.ownerOf(frame) != holder)
                {
                    sink.violated("region=" + regionId + " frame=" + frame + " owner=" + memory.ownerOf(frame)
                        + " is not its holder=" + holder);
                }
            }
        });
    }
}
