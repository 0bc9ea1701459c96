package org.hicsim.core0.invariant;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hicsim.core0.Kernel;

/**
 * The invariants a kernel checks ({@link Kernel#checkInvariants()}): Core-0's own, and any a later part adds, such
 * as the dispatcher's "no connection is owned by two instances" ({@link #add}). Checked in the order added.
 */
public final class Invariants
{
    private final List<Invariant> invariants = new ArrayList<>();
    private final List<InvariantViolation> found = new ArrayList<>();
    private String checking;
    private final ViolationSink sink = detail -> found.add(new InvariantViolation(checking, detail));

    /**
     * Core-0's own: frames, page tables, regions, shared-region mappings, capabilities, the audit chain and the
     * dispatch tables.
     */
    public static Invariants core0()
    {
        final Invariants core0 = new Invariants();
        core0.add(new FramesOwnedOnce());
        core0.add(new RegionsHeldByOwners());
        core0.add(new SharedMappingsHeld());
        core0.add(new DerivationTreeSound());
        core0.add(new AuditChainIntact());
        core0.add(new ConnectionsOwnedOnce());
        return core0;
    }

    /**
     * @throws IllegalArgumentException if an invariant of that name is checked already.
     */
    public void add(final Invariant invariant)
    {
        Objects.requireNonNull(invariant, "invariant");
        if (names().contains(invariant.name()))
        {
            throw new IllegalArgumentException("name=" + invariant.name() + " is checked already");
        }
        invariants.add(invariant);
    }

    public List<String> names()
    {
        final List<String> names = new ArrayList<>(invariants.size());
        for (final Invariant invariant : invariants)
        {
            names.add(invariant.name());
        }
        return names;
    }

    /**
     * @return what every invariant found broken, in the order checked; empty when all hold.
     */
    public List<InvariantViolation> check(final Kernel kernel)
    {
        found.clear();
        for (final Invariant invariant : invariants)
        {
            checking = invariant.name();
            invariant.check(kernel, sink);
        }
        return found.isEmpty() ? List.of() : List.copyOf(found);
    }
}
