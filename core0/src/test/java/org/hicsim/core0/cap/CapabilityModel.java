package org.hicsim.core0.cap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.hicsim.core0.sim.Trace;

import static org.hicsim.core0.cap.CapabilitySystem.CORE0;
import static org.hicsim.core0.cap.CapabilitySystem.NO_BADGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plain-object reference model of the capability rules, run side by side with a {@link CapabilitySystem}:
 * before each operation the model says which refusal (or success) to expect and, on success, what changes.
 * Sandbox {@link #NO_SPACE} never has a space; sandboxes 1..3 have spaces and can be restarted: 1 and 2 small ones
 * that fill up, 3 one of {@link #LARGE_SPACE_CAPACITY} slots, whose handles have a 20-bit slot index and a 12-bit
 * generation.
 */
final class CapabilityModel
{
    static final int SANDBOXES = 5;
    static final int NO_SPACE = SANDBOXES - 1;
    static final int SPACE_CAPACITY = 6;
    static final int LARGE_SPACE = 3;
    static final int LARGE_SPACE_CAPACITY = 1 << 20;

    /** A handle as a sandbox holds it: which sandbox, which life of that sandbox's space. */
    record HeldHandle(int sandbox, int life, long handle, ObjectKind kind)
    {
    }

    static final class ModelCap
    {
        final ObjectKind kind;
        final int objectId;
        final int rights;
        final int flags;
        final long badge;
        final List<ModelCap> children = new ArrayList<>();
        ModelCap parent;
        HeldHandle held;
        boolean live = true;

        ModelCap(final ObjectKind kind, final int objectId, final int rights, final int flags, final long badge)
        {
            this.kind = kind;
            this.objectId = objectId;
            this.rights = rights;
            this.flags = flags;
            this.badge = badge;
        }

        int depth()
        {
            int depth = 0;
            for (ModelCap ancestor = parent; ancestor != null; ancestor = ancestor.parent)
            {
                depth++;
            }
            return depth;
        }

        void addDescendants(final Set<ModelCap> into)
        {
            for (final ModelCap child : children)
            {
                into.add(child);
                child.addDescendants(into);
            }
        }

        Capability snapshot()
        {
            return new Capability(held.sandbox(), held.handle(), kind, objectId, rights, flags, badge);
        }
    }

    final CapabilitySystem system;
    private final RecordingAudit audit = new RecordingAudit();
    private final int[] lives = new int[SANDBOXES];
    private final boolean[] hasSpace = new boolean[SANDBOXES];
    private final List<ModelCap> made = new ArrayList<>();
    private final List<HeldHandle> dead = new ArrayList<>();
    private final List<HeldHandle> lastRevoked = new ArrayList<>();
    private String lastOutcome = "";

    CapabilityModel(final long seed, final Trace trace)
    {
        system = new CapabilitySystem(SANDBOXES, new SplittableRandom(seed), audit, trace);
        hasSpace[CORE0] = true;
        for (int sandbox = 1; sandbox < NO_SPACE; sandbox++)
        {
            system.createSpace(sandbox, capacity(sandbox));
            hasSpace[sandbox] = true;
        }
    }

    List<ModelCap> live()
    {
        return made.stream().filter(cap -> cap.live).toList();
    }

    List<HeldHandle> dead()
    {
        return dead;
    }

    /**
     * What the last operation did, e.g. {@code Mint:OK} or {@code Transfer:PINNED}, for coverage statistics.
     */
    String lastOutcome()
    {
        return lastOutcome;
    }

    /**
     * Handles of what the last revoke, restart or object revocation deleted.
     */
    List<HeldHandle> lastRevoked()
    {
        return lastRevoked;
    }

    void apply(final CapOp op)
    {
        lastRevoked.clear();
        lastOutcome = op.getClass().getSimpleName() + ":OK";
        if (op instanceof CapOp.Issue issue)
        {
            issue(issue);
        }
        else if (op instanceof CapOp.Restart restart)
        {
            restart(restart.sandbox());
        }
        else if (op instanceof CapOp.RevokeObject revokeObject)
        {
            revokeObject(revokeObject);
        }
        else if (!made.isEmpty())
        {
            applyToCapability(op);
        }
    }

    private void applyToCapability(final CapOp op)
    {
        if (op instanceof CapOp.Copy copy)
        {
            final ModelCap source = pick(copy.ref());
            final int rights = copy.subset() ? source.rights & copy.rights() : copy.rights();
            final int actor = source.held.sandbox();
            derive(source, actor, rights, NO_BADGE, Rights.DERIVE,
                () -> system.copy(actor, source.held.handle(), rights));
        }
        else if (op instanceof CapOp.Mint mint)
        {
            final ModelCap source = pick(mint.ref());
            final int rights = mint.subset() ? source.rights & mint.rights() : mint.rights();
            final int actor = source.held.sandbox();
            derive(source, actor, rights, mint.badge(), Rights.DERIVE,
                () -> system.mint(actor, source.held.handle(), rights, mint.badge()));
        }
        else if (op instanceof CapOp.TransferAttenuated give)
        {
            final ModelCap source = pick(give.ref());
            final int rights = give.subset() ? source.rights & give.rights() : give.rights();
            derive(source, give.target(), rights, NO_BADGE, Rights.TRANSFER | Rights.DERIVE,
                () -> system.transferAttenuated(source.held.sandbox(), source.held.handle(), give.target(), rights));
        }
        else if (op instanceof CapOp.Transfer transfer)
        {
            transfer(pick(transfer.ref()), transfer.target());
        }
        else if (op instanceof CapOp.Revoke revoke)
        {
            revoke(pick(revoke.ref()));
        }
        else if (op instanceof CapOp.Delete delete)
        {
            delete(pick(delete.ref()));
        }
        else if (op instanceof CapOp.Check check)
        {
            final ModelCap cap = pick(check.ref());
            check(cap, (cap.held.sandbox() + check.actorShift()) % SANDBOXES, check.rights());
        }
        else
        {
            throw new IllegalArgumentException("op=" + op);
        }
    }

    private void issue(final CapOp.Issue op)
    {
        final CapError expected = first(
            () -> op.actor() != CORE0 ? CapError.PRIVILEGE_REQUIRED : null,
            () -> spaceOf(op.target()),
            () -> full(op.target()));
        final int before = audit.size();
        final long result = system.issue(op.actor(), op.target(), op.kind(), op.objectId(), op.rights(), op.flags());
        if (settle(expected, result, before))
        {
            final ModelCap cap = new ModelCap(op.kind(), op.objectId(), op.rights(), op.flags(), NO_BADGE);
            cap.held = new HeldHandle(op.target(), lives[op.target()], result, op.kind());
            made.add(cap);
        }
    }

    private void derive(
        final ModelCap source,
        final int target,
        final int rights,
        final long badge,
        final int required,
        final Supplier<Long> operation)
    {
        final int actor = source.held.sandbox();
        final CapError expected = first(
            () -> lookup(actor, source),
            () -> Rights.isSubset(required, source.rights) ? null : CapError.INSUFFICIENT_RIGHTS,
            () -> spaceOf(target),
            () -> target != actor && (source.flags & CapFlags.PINNED) != 0 ? CapError.PINNED : null,
            () -> Rights.isSubset(rights, source.rights) ? null : CapError.RIGHTS_AMPLIFICATION,
            () -> badge != NO_BADGE && source.badge != NO_BADGE ? CapError.BADGE_ALREADY_SET : null,
            () -> source.children.size() >= CapLimits.CHILDREN_MAX ? CapError.TOO_MANY_CHILDREN : null,
            () -> source.depth() >= CapLimits.DERIVATION_DEPTH_MAX ? CapError.DEPTH_EXCEEDED : null,
            () -> full(target));
        final int before = audit.size();
        final long result = operation.get();
        if (settle(expected, result, before))
        {
            final ModelCap child = new ModelCap(
                source.kind, source.objectId, rights, source.flags & CapFlags.INHERITED,
                badge == NO_BADGE ? source.badge : badge);
            child.held = new HeldHandle(target, lives[target], result, source.kind);
            child.parent = source;
            source.children.add(child);
            made.add(child);
        }
    }

    private void transfer(final ModelCap cap, final int target)
    {
        final int actor = cap.held.sandbox();
        final CapError expected = first(
            () -> lookup(actor, cap),
            () -> Rights.isSubset(Rights.TRANSFER, cap.rights) ? null : CapError.INSUFFICIENT_RIGHTS,
            () -> spaceOf(target),
            () -> target != actor && (cap.flags & CapFlags.PINNED) != 0 ? CapError.PINNED : null,
            () -> full(target));
        final int before = audit.size();
        final long result = system.transfer(actor, cap.held.handle(), target);
        if (settle(expected, result, before))
        {
            dead.add(cap.held);
            cap.held = new HeldHandle(target, lives[target], result, cap.kind);
        }
    }

    private void revoke(final ModelCap cap)
    {
        final int actor = cap.held.sandbox();
        final CapError expected = first(
            () -> lookup(actor, cap),
            () -> Rights.isSubset(Rights.REVOKE, cap.rights) ? null : CapError.INSUFFICIENT_RIGHTS,
            () -> (cap.flags & CapFlags.IMMUTABLE) != 0 ? CapError.IMMUTABLE : null);
        final int before = audit.size();
        final long result = system.revoke(actor, cap.held.handle());
        if (settle(expected, result, before))
        {
            final Set<ModelCap> descendants = new LinkedHashSet<>();
            cap.addDescendants(descendants);
            assertEquals(descendants.size(), result, "revoke count");
            kill(descendants);
        }
    }

    private void delete(final ModelCap cap)
    {
        final int actor = cap.held.sandbox();
        final CapError expected = lookup(actor, cap);
        final int before = audit.size();
        final long result = system.delete(actor, cap.held.handle());
        if (settle(expected, result, before))
        {
            assertEquals(0, result);
            cap.live = false;
            dead.add(cap.held);
            final ModelCap parent = cap.parent;
            for (final ModelCap child : cap.children)
            {
                child.parent = parent;
            }
            if (parent != null)
            {
                final int index = parent.children.indexOf(cap);
                parent.children.remove(index);
                parent.children.addAll(index, cap.children);
            }
            cap.children.clear();
        }
    }

    private void check(final ModelCap cap, final int actor, final int rights)
    {
        final CapError lookup = lookup(actor, cap);
        final CapError expected = lookup != null ? lookup :
            Rights.isSubset(rights, cap.rights) ? null : CapError.INSUFFICIENT_RIGHTS;
        final int before = audit.size();
        final int result = system.check(actor, cap.held.handle(), cap.kind, rights);
        if (settle(expected, result, before))
        {
            assertEquals(cap.objectId, result);
        }
    }

    private void restart(final int sandbox)
    {
        final Set<ModelCap> doomed = new LinkedHashSet<>();
        for (final ModelCap cap : live())
        {
            if (cap.held.sandbox() == sandbox)
            {
                doomed.add(cap);
                cap.addDescendants(doomed);
            }
        }
        assertEquals(doomed.size(), system.destroySpace(sandbox), "destroySpace count");
        kill(doomed);
        lives[sandbox]++;
        system.createSpace(sandbox, capacity(sandbox));
    }

    private void revokeObject(final CapOp.RevokeObject op)
    {
        final Set<ModelCap> doomed = new LinkedHashSet<>();
        for (final ModelCap cap : live())
        {
            if (cap.kind == op.kind() && cap.objectId == op.objectId())
            {
                doomed.add(cap);
                cap.addDescendants(doomed);
            }
        }
        assertEquals(doomed.size(), system.revokeObject(op.kind(), op.objectId()), "revokeObject count");
        kill(doomed);
    }

    /**
     * Deletes whole subtrees: whatever is in {@code doomed} goes, and its parent forgets it unless the parent
     * goes too.
     */
    private void kill(final Set<ModelCap> doomed)
    {
        for (final ModelCap cap : doomed)
        {
            cap.live = false;
            dead.add(cap.held);
            lastRevoked.add(cap.held);
            if (cap.parent != null && !doomed.contains(cap.parent))
            {
                cap.parent.children.remove(cap);
            }
        }
        for (final ModelCap cap : doomed)
        {
            cap.children.clear();
        }
    }

    /**
     * The refusal the system must give when {@code actor} names {@code cap} by its handle, or null.
     */
    private CapError lookup(final int actor, final ModelCap cap)
    {
        if (!hasSpace[actor])
        {
            return CapError.NO_SUCH_SANDBOX;
        }
        final HeldHandle held = cap.held;
        if (held.sandbox() != actor || held.life() != lives[actor])
        {
            final boolean ownerAlive = hasSpace[held.sandbox()] && held.life() == lives[held.sandbox()];
            return ownerAlive ? CapError.WRONG_SANDBOX : CapError.STALE_HANDLE;
        }
        return cap.live ? null : CapError.STALE_HANDLE;
    }

    private CapError spaceOf(final int sandbox)
    {
        return hasSpace[sandbox] ? null : CapError.NO_SUCH_SANDBOX;
    }

    private CapError full(final int sandbox)
    {
        // Core-0 has the default 2048 slots, more than any generated sequence makes.
        if (sandbox == CORE0)
        {
            return null;
        }
        final long held = made.stream().filter(cap -> cap.live && cap.held.sandbox() == sandbox).count();
        return held >= capacity(sandbox) ? CapError.TABLE_FULL : null;
    }

    private static int capacity(final int sandbox)
    {
        return sandbox == LARGE_SPACE ? LARGE_SPACE_CAPACITY : SPACE_CAPACITY;
    }

    /**
     * Asserts the result and that exactly refusals are audited.
     *
     * @return true when the operation was expected to succeed (and did).
     */
    private boolean settle(final CapError expected, final long result, final int auditBefore)
    {
        if (expected != null)
        {
            lastOutcome = lastOutcome.replace(":OK", ":" + expected);
            assertEquals(expected.code(), result, () -> "expected " + expected + " got " + describe(result));
            assertEquals(auditBefore + 1, audit.size(), "one audit record per refusal");
            return false;
        }
        assertTrue(result >= 0, () -> "expected success, got " + describe(result));
        assertEquals(auditBefore, audit.size(), "no audit record on success");
        return true;
    }

    private ModelCap pick(final int ref)
    {
        return made.get(ref % made.size());
    }

    @SafeVarargs
    private static CapError first(final Supplier<CapError>... rules)
    {
        for (final Supplier<CapError> rule : rules)
        {
            final CapError error = rule.get();
            if (error != null)
            {
                return error;
            }
        }
        return null;
    }

    private static String describe(final long result)
    {
        return result < 0 ? CapError.fromCode(result).toString() : "handle/value " + result;
    }

    /**
     * The model's capabilities as the system would describe them.
     */
    static Set<Capability> snapshots(final Set<ModelCap> caps)
    {
        final Set<Capability> snapshots = new HashSet<>();
        for (final ModelCap cap : caps)
        {
            snapshots.add(cap.snapshot());
        }
        return snapshots;
    }
}
