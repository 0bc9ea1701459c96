package org.hicsim.core0.invariant;

import java.util.function.Consumer;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.cap.CapabilityInvariants;

/**
 * The capability derivation tree: acyclic and at most {@code CapLimits.MAX_DERIVATION_DEPTH} deep, each node
 * where its capability is, each capability naming its parent's object with no right its parent lacks, each
 * capability having derived at most {@code CapLimits.MAX_CHILDREN} children ({@link CapabilityInvariants}).
 */
final class DerivationTreeSound implements Invariant
{
    private ViolationSink sink;
    private final Consumer<String> report = detail -> sink.violated(detail);

    @Override
    public String name()
    {
        return "capabilities.derivation";
    }

    @Override
    public void check(final Kernel kernel, final ViolationSink sink)
    {
        this.sink = sink;
        CapabilityInvariants.check(kernel.capabilities(), kernel.sandboxes().highestIdUsed(), report);
    }
}
