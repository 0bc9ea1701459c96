package org.hicsim.core0.cap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.agrona.collections.Int2IntHashMap;
import org.hicsim.core0.audit.AuditSink;
import org.hicsim.core0.sim.Trace;

/**
 * Core-0's capability mechanism: a {@link CapabilitySpace} per sandbox, one {@link DerivationTree} across them,
 * and the operations of seL4's CNode (copy, mint, move, delete, revoke) under HIC's names and rules.
 * <p>
 * Operations a sandbox can ask for take the acting sandbox's id first; the system-call layer passes the caller's.
 * They return the {@link CapError} result convention: {@code >= 0} success, {@code < 0} a {@link CapError#code()}.
 * Every refusal writes a {@code cap.refused} audit record naming the sandbox, the operation, the handle and the
 * reason; every state change writes one trace line when a {@link Trace} is given. Programmer misuse (rights or
 * flags outside their sets, a negative object id or badge) throws.
 * <p>
 * Space lifecycle and object revocation ({@link #createSpace}, {@link #destroySpace}, {@link #revokeObject}) are
 * Core-0's own housekeeping, called by the sandbox manager and the object owners, never by a sandbox. Core-0's
 * own space (sandbox {@link #CORE0}) exists from construction and lives as long as the system.
 * <p>
 * Single-threaded, like the rest of the simulation.
 */
public final class CapabilitySystem
{
    /** The sandbox id of Core-0, the only one that may issue originals. */
    public static final int CORE0 = 0;

    /** The badge of an unbadged capability; as an argument to {@link #mint}, "keep the source's badge". */
    public static final long NO_BADGE = 0;

    private static final String AUDIT_REFUSED = "cap.refused";
    private static final int NO_SANDBOX = -1;
    private static final int RETIRED_TOKEN = -2;

    private final CapabilitySpace[] spaces;
    private final DerivationTree tree = new DerivationTree();
    /** Every token ever drawn: its sandbox while the space lives, {@link #RETIRED_TOKEN} after. */
    private final Int2IntHashMap sandboxByToken = new Int2IntHashMap(NO_SANDBOX);
    private final SplittableRandom random;
    private final AuditSink audit;
    private final Trace trace;
    /** By kind code; null for a kind nobody watches, so a removal costs one array load more. */
    private final RemovalListener[] removalListeners = new RemovalListener[ObjectKind.values().length + 1];

    /**
     * Told when a capability of a watched kind leaves a sandbox's space: deleted, revoked (as a descendant of a
     * revoked capability, with its sandbox's space, or with its object), or moved to another space. Told before
     * the slot is emptied, so the handle still names it; must not call back into the capability system.
     */
    @FunctionalInterface
    public interface RemovalListener
    {
        void removed(int sandbox, long handle, int objectId);
    }

    /**
     * @param sandboxesMax sandbox ids run from 0 to {@code sandboxesMax - 1}.
     * @param random       draws the space tokens; give it a split of the run's random source.
     * @param audit        receives every refusal.
     * @param trace        receives a line per state change, or null for none.
     */
    public CapabilitySystem(
        final int sandboxesMax, final SplittableRandom random, final AuditSink audit, final Trace trace)
    {
        if (sandboxesMax < 1)
        {
            throw new IllegalArgumentException("sandboxesMax=" + sandboxesMax + " must be at least 1");
        }
        this.spaces = new CapabilitySpace[sandboxesMax];
        this.random = Objects.requireNonNull(random, "random");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.trace = trace;
        createSpace(CORE0);
    }

    public CapabilitySystem(final int sandboxesMax, final SplittableRandom random, final AuditSink audit)
    {
        this(sandboxesMax, random, audit, null);
    }

    /**
     * Watches the capabilities of one kind: the owner of those objects undoes what a capability allowed (a
     * mapping made through it) when the capability goes.
     *
     * @throws IllegalStateException if the kind is watched already.
     */
    public void onRemoval(final ObjectKind kind, final RemovalListener listener)
    {
        Objects.requireNonNull(listener, "listener");
        if (removalListeners[kind.code()] != null)
        {
            throw new IllegalStateException("kind=" + kind + " has a removal listener already");
        }
        removalListeners[kind.code()] = listener;
    }

    /**
     * The capability check every system call makes before touching an object: is {@code handle} a live
     * capability of {@code sandbox} naming an object of {@code expectedKind} with all of {@code requiredRights}?
     * <p>
     * Allocation-free on success: compares the handle's token with the space's, decodes the slot index and
     * generation by the space's radix, then compares one slot word against the generation, the kind and the
     * rights. The work of finding out why a check failed is left to the
     * refusal path.
     *
     * @return the object id ({@code >= 0}), or a negative {@link CapError} code.
     */
    public int check(final int sandbox, final long handle, final ObjectKind expectedKind, final int requiredRights)
    {
        final CapabilitySpace[] spaces = this.spaces;
        if (sandbox >= 0 && sandbox < spaces.length)
        {
            final CapabilitySpace space = spaces[sandbox];
            if (space != null && (handle >>> HandleDescriptor.TOKEN_OFFSET) == space.token)
            {
                final long[] words = space.words;
                final int slot = HandleDescriptor.slot(handle, space.radix);
                if (slot < words.length)
                {
                    final long word = words[slot];
                    final long required = Integer.toUnsignedLong(requiredRights);
                    final long identity = CapSlotDescriptor.identity(
                        HandleDescriptor.generation(handle, space.radix), expectedKind.code());
                    if (CapSlotDescriptor.identityOf(word) == identity && (word & required) == required)
                    {
                        return space.objectIds[slot];
                    }
                }
            }
        }
        return refuseCheck(sandbox, handle, expectedKind);
    }

    /**
     * Issues an original capability (HIC: grant): the root of a new derivation tree, held by {@code target}.
     * Only Core-0 may issue.
     *
     * @param flags any of {@link CapFlags#ISSUABLE}.
     * @return the handle in {@code target}'s space, or a negative {@link CapError} code.
     */
    public long issue(
        final int actor, final int target, final ObjectKind kind, final int objectId, final int rights, final int flags)
    {
        Objects.requireNonNull(kind, "kind");
        checkObjectId(objectId);
        Rights.checkRights(rights);
        CapFlags.checkIssuable(flags);
        final String subject = "target=" + target;
        if (actor != CORE0)
        {
            return refuse("issue", actor, subject, CapError.PRIVILEGE_REQUIRED);
        }
        final CapabilitySpace space = space(target);
        if (space == null)
        {
            return refuse("issue", actor, subject, CapError.NO_SUCH_SANDBOX);
        }
        final int slot = space.allocate();
        if (slot == CapabilitySpace.NO_SLOT)
        {
            return refuse("issue", actor, subject, CapError.TABLE_FULL);
        }
        space.fill(slot, kind.code(), flags, rights, objectId, tree.addRoot(target, slot, NO_BADGE));
        final long handle = space.handle(slot);
        trace("cap.issue", "sandbox=" + actor + " target=" + target + " dst=" + HandleDescriptor.toString(handle) +
            " kind=" + kind + " object=" + objectId + " rights=" + Rights.toString(rights) +
            " flags=" + CapFlags.toString(flags));
        return handle;
    }

    /**
     * Copies a capability into another slot of the same space (seL4: CNode_Copy) with the same badge and the
     * given rights, as a child of the source. Needs {@link Rights#DERIVE}: a copy that could then be transferred
     * away would otherwise let a holder give authority on while keeping it.
     *
     * @return the new handle, or a negative {@link CapError} code.
     */
    public long copy(final int actor, final long handle, final int rights)
    {
        return derive("copy", actor, handle, actor, rights, NO_BADGE, Rights.DERIVE);
    }

    /**
     * Mints a child in the same space (seL4: CNode_Mint, HIC: derive): rights a subset of the source's, and
     * optionally a badge, which only an unbadged source can be given. Needs {@link Rights#DERIVE}.
     *
     * @param badge the child's badge, or {@link #NO_BADGE} to keep the source's.
     * @return the new handle, or a negative {@link CapError} code.
     */
    public long mint(final int actor, final long handle, final int rights, final long badge)
    {
        return derive("mint", actor, handle, actor, rights, badge, Rights.DERIVE);
    }

    /**
     * HIC's transfer with attenuation: a child with a subset of the rights, made directly in {@code target}'s
     * space and recorded under the source, which the actor keeps. Needs {@link Rights#TRANSFER} and
     * {@link Rights#DERIVE}; a {@link CapFlags#PINNED} source may only give to its own sandbox.
     *
     * @return the handle in {@code target}'s space, or a negative {@link CapError} code.
     */
    public long transferAttenuated(final int actor, final long handle, final int target, final int rights)
    {
        return derive("transfer.attenuated", actor, handle, target, rights, NO_BADGE, Rights.TRANSFER | Rights.DERIVE);
    }

    /**
     * Moves a capability to {@code target}'s space (seL4: CNode_Move): the old handle is dead, the returned one
     * is the only way to it, and it keeps its place in the derivation tree, so a revoke of an ancestor still
     * reaches it. Needs {@link Rights#TRANSFER}; a {@link CapFlags#PINNED} capability may only move within its own
     * space. Atomic: when refused, nothing changed.
     *
     * @return the handle in {@code target}'s space, or a negative {@link CapError} code.
     */
    public long transfer(final int actor, final long handle, final int target)
    {
        final String op = "transfer";
        final int slot = lookup(op, actor, handle);
        if (slot < 0)
        {
            return slot;
        }
        final CapabilitySpace space = spaces[actor];
        final long word = space.words[slot];
        if (!Rights.isSubset(Rights.TRANSFER, CapSlotDescriptor.rights(word)))
        {
            return refuse(op, actor, handle, CapError.INSUFFICIENT_RIGHTS);
        }
        final CapabilitySpace targetSpace = space(target);
        if (targetSpace == null)
        {
            return refuse(op, actor, handle, CapError.NO_SUCH_SANDBOX);
        }
        if (target != actor && (CapSlotDescriptor.flags(word) & CapFlags.PINNED) != 0)
        {
            return refuse(op, actor, handle, CapError.PINNED);
        }
        final int targetSlot = targetSpace.allocate();
        if (targetSlot == CapabilitySpace.NO_SLOT)
        {
            return refuse(op, actor, handle, CapError.TABLE_FULL);
        }
        final int node = space.nodes[slot];
        targetSpace.fill(
            targetSlot,
            CapSlotDescriptor.kindCode(word),
            CapSlotDescriptor.flags(word),
            CapSlotDescriptor.rights(word),
            space.objectIds[slot],
            node);
        tree.moveTo(node, target, targetSlot);
        tellRemoval(space, slot);
        space.empty(slot);
        final long moved = targetSpace.handle(targetSlot);
        trace("cap.transfer", "sandbox=" + actor + " src=" + HandleDescriptor.toString(handle) +
            " target=" + target + " dst=" + HandleDescriptor.toString(moved));
        return moved;
    }

    /**
     * Deletes every capability derived from this one, in every sandbox; the capability itself stays. Needs
     * {@link Rights#REVOKE}; refused on an {@link CapFlags#IMMUTABLE} capability. Idempotent: a second revoke
     * finds nothing to delete and returns 0.
     *
     * @return how many capabilities were deleted, or a negative {@link CapError} code.
     */
    public long revoke(final int actor, final long handle)
    {
        final String op = "revoke";
        final int slot = lookup(op, actor, handle);
        if (slot < 0)
        {
            return slot;
        }
        final CapabilitySpace space = spaces[actor];
        final long word = space.words[slot];
        if (!Rights.isSubset(Rights.REVOKE, CapSlotDescriptor.rights(word)))
        {
            return refuse(op, actor, handle, CapError.INSUFFICIENT_RIGHTS);
        }
        if ((CapSlotDescriptor.flags(word) & CapFlags.IMMUTABLE) != 0)
        {
            return refuse(op, actor, handle, CapError.IMMUTABLE);
        }
        final int deleted = deleteDescendants(space.nodes[slot]);
        trace("cap.revoke", "sandbox=" + actor + " handle=" + HandleDescriptor.toString(handle) + " deleted=" + deleted);
        return deleted;
    }

    /**
     * Empties the capability's slot (seL4: CNode_Delete). Needs no right: a holder may always give up what it
     * holds. As in seL4 the capability's children are not deleted: they take its place under its parent, so a
     * revoke of any ancestor still reaches them (children of a deleted original become originals).
     *
     * @return 0, or a negative {@link CapError} code.
     */
    public long delete(final int actor, final long handle)
    {
        final String op = "delete";
        final int slot = lookup(op, actor, handle);
        if (slot < 0)
        {
            return slot;
        }
        final CapabilitySpace space = spaces[actor];
        deleteNode(space.nodes[slot]);
        trace("cap.delete", "sandbox=" + actor + " handle=" + HandleDescriptor.toString(handle));
        return 0;
    }

    /**
     * The badge of a live capability, for an IPC endpoint to hand to the receiver; needs no right.
     *
     * @return the badge ({@code >= 0}, {@link #NO_BADGE} when unbadged), or a negative {@link CapError} code.
     */
    public long badge(final int sandbox, final long handle)
    {
        final CapabilitySpace space = space(sandbox);
        if (space == null)
        {
            return refuse("badge", sandbox, handle, CapError.NO_SUCH_SANDBOX);
        }
        final int slot = resolve(space, handle);
        if (slot < 0)
        {
            return refuse("badge", sandbox, handle, CapError.fromCode(slot));
        }
        return tree.badge(space.nodes[slot]);
    }

    /**
     * The capability a handle names in the sandbox's space, for Core-0 to choose an operation by the object's
     * kind or to read its rights. Needs no right and audits nothing: the operation chosen audits its own refusal.
     *
     * @return a snapshot, or null when the handle names no live capability of that sandbox.
     */
    public Capability find(final int sandbox, final long handle)
    {
        final CapabilitySpace space = space(sandbox);
        if (space == null)
        {
            return null;
        }
        final int slot = resolve(space, handle);
        return slot < 0 ? null : describe(space, slot);
    }

    /**
     * Gives a new sandbox an empty space of at most {@link CapLimits#DEFAULT_SPACE_CAPACITY} slots.
     */
    public void createSpace(final int sandbox)
    {
        createSpace(sandbox, CapLimits.DEFAULT_SPACE_CAPACITY);
    }

    /**
     * Gives a new sandbox an empty space with a fresh token never used before in this system.
     *
     * @param capacity the most capabilities it may hold at once, 1 to {@link CapLimits#SPACE_CAPACITY_MAX};
     *                 memory is taken only for the slots it comes to use.
     * @throws IllegalStateException    when the sandbox already has a space.
     * @throws IllegalArgumentException when the capacity is out of range.
     */
    public void createSpace(final int sandbox, final int capacity)
    {
        checkSandboxId(sandbox);
        if (spaces[sandbox] != null)
        {
            throw new IllegalStateException("sandbox=" + sandbox + " already has a capability space");
        }
        int token;
        do
        {
            token = 1 + random.nextInt(HandleDescriptor.TOKEN_MAX);
        }
        while (sandboxByToken.containsKey(token));
        spaces[sandbox] = new CapabilitySpace(sandbox, token, capacity);
        sandboxByToken.put(token, sandbox);
        trace("cap.space.create", "sandbox=" + sandbox + " capacity=" + capacity);
    }

    /**
     * What happens to a dead sandbox's capabilities: each is deleted, and everything derived from it, in any
     * sandbox, is deleted first (Core-0 reclaims, so {@link CapFlags#IMMUTABLE} does not protect them). Its
     * token is retired: any handle of the dead sandbox is refused as stale from then on.
     *
     * @return how many capabilities were deleted in all.
     * @throws IllegalStateException    when the sandbox has no space.
     * @throws IllegalArgumentException for Core-0's space.
     */
    public int destroySpace(final int sandbox)
    {
        checkSandboxId(sandbox);
        if (sandbox == CORE0)
        {
            throw new IllegalArgumentException("sandbox=" + sandbox + " is Core-0, whose space cannot be destroyed");
        }
        final CapabilitySpace space = spaces[sandbox];
        if (space == null)
        {
            throw new IllegalStateException("sandbox=" + sandbox + " has no capability space");
        }
        int deleted = 0;
        for (int slot = 0; slot < space.highWater(); slot++)
        {
            if (space.isLive(slot))
            {
                deleted += deleteWithDescendants(space.nodes[slot]);
            }
        }
        spaces[sandbox] = null;
        sandboxByToken.put(space.token, RETIRED_TOKEN);
        trace("cap.space.destroy", "sandbox=" + sandbox + " deleted=" + deleted);
        return deleted;
    }

    /**
     * What happens when an object is destroyed (an endpoint removed, a region freed): every capability naming it,
     * in every sandbox, is deleted, {@link CapFlags#IMMUTABLE} ones included.
     *
     * @return how many capabilities were deleted.
     */
    public int revokeObject(final ObjectKind kind, final int objectId)
    {
        Objects.requireNonNull(kind, "kind");
        checkObjectId(objectId);
        int deleted = 0;
        for (final CapabilitySpace space : spaces)
        {
            if (space == null)
            {
                continue;
            }
            for (int slot = 0; slot < space.highWater(); slot++)
            {
                final long word = space.words[slot];
                if (CapSlotDescriptor.kindCode(word) == kind.code() && space.objectIds[slot] == objectId)
                {
                    deleted += deleteWithDescendants(space.nodes[slot]);
                }
            }
        }
        trace("cap.object.revoke", "kind=" + kind + " object=" + objectId + " deleted=" + deleted);
        return deleted;
    }

    public boolean hasSpace(final int sandbox)
    {
        return space(sandbox) != null;
    }

    /**
     * The sandbox's capabilities in slot order, for audits and tests.
     *
     * @throws IllegalArgumentException when the sandbox has no space.
     */
    public List<Capability> capabilities(final int sandbox)
    {
        final CapabilitySpace space = existingSpace(sandbox);
        final List<Capability> capabilities = new ArrayList<>(space.liveCount());
        for (int slot = 0; slot < space.highWater(); slot++)
        {
            if (space.isLive(slot))
            {
                capabilities.add(describe(space, slot));
            }
        }
        return capabilities;
    }

    /**
     * Everything derived from a capability, in any sandbox, in derivation-tree pre-order (what a revoke of it
     * would delete).
     *
     * @throws IllegalArgumentException when the sandbox has no space or the handle names no live capability.
     */
    public List<Capability> descendants(final int sandbox, final long handle)
    {
        final CapabilitySpace space = existingSpace(sandbox);
        final int slot = resolve(space, handle);
        if (slot < 0)
        {
            throw new IllegalArgumentException("sandbox=" + sandbox + " handle=" + HandleDescriptor.toString(handle) +
                " reason=" + CapError.fromCode(slot));
        }
        final int root = space.nodes[slot];
        final List<Capability> descendants = new ArrayList<>();
        int node = tree.firstChild(root);
        while (node != DerivationTree.NONE)
        {
            descendants.add(describe(spaces[tree.sandbox(node)], tree.slot(node)));
            node = nextInPreOrder(root, node);
        }
        return descendants;
    }

    private long derive(
        final String op,
        final int actor,
        final long handle,
        final int target,
        final int rights,
        final long badge,
        final int requiredRights)
    {
        Rights.checkRights(rights);
        if (badge < 0)
        {
            throw new IllegalArgumentException("badge=" + badge + " must not be negative");
        }
        final int slot = lookup(op, actor, handle);
        if (slot < 0)
        {
            return slot;
        }
        final CapabilitySpace space = spaces[actor];
        final long word = space.words[slot];
        final int held = CapSlotDescriptor.rights(word);
        final int flags = CapSlotDescriptor.flags(word);
        final int node = space.nodes[slot];
        final long sourceBadge = tree.badge(node);
        if (!Rights.isSubset(requiredRights, held))
        {
            return refuse(op, actor, handle, CapError.INSUFFICIENT_RIGHTS);
        }
        final CapabilitySpace targetSpace = space(target);
        if (targetSpace == null)
        {
            return refuse(op, actor, handle, CapError.NO_SUCH_SANDBOX);
        }
        if (target != actor && (flags & CapFlags.PINNED) != 0)
        {
            return refuse(op, actor, handle, CapError.PINNED);
        }
        if (!Rights.isSubset(rights, held))
        {
            return refuse(op, actor, handle, CapError.RIGHTS_AMPLIFICATION);
        }
        if (badge != NO_BADGE && sourceBadge != NO_BADGE)
        {
            return refuse(op, actor, handle, CapError.BADGE_ALREADY_SET);
        }
        if (tree.childCount(node) >= CapLimits.CHILDREN_MAX)
        {
            return refuse(op, actor, handle, CapError.TOO_MANY_CHILDREN);
        }
        if (tree.depth(node) >= CapLimits.DERIVATION_DEPTH_MAX)
        {
            return refuse(op, actor, handle, CapError.DEPTH_EXCEEDED);
        }
        final int objectId = space.objectIds[slot];
        final int childSlot = targetSpace.allocate();
        if (childSlot == CapabilitySpace.NO_SLOT)
        {
            return refuse(op, actor, handle, CapError.TABLE_FULL);
        }
        final long childBadge = badge == NO_BADGE ? sourceBadge : badge;
        final int child = tree.addChild(node, target, childSlot, childBadge);
        targetSpace.fill(
            childSlot, CapSlotDescriptor.kindCode(word), flags & CapFlags.INHERITED, rights, objectId, child);
        final long childHandle = targetSpace.handle(childSlot);
        trace("cap." + op, "sandbox=" + actor + " src=" + HandleDescriptor.toString(handle) + " target=" + target +
            " dst=" + HandleDescriptor.toString(childHandle) + " rights=" + Rights.toString(rights) +
            " badge=" + childBadge);
        return childHandle;
    }

    /**
     * Finds the slot a handle names in the caller's space, telling apart why it names none.
     *
     * @return the slot of a live capability, or a negative {@link CapError} code.
     */
    private int resolve(final CapabilitySpace space, final long handle)
    {
        if (handle < 0)
        {
            return CapError.INVALID_HANDLE.code();
        }
        final int token = HandleDescriptor.token(handle);
        if (token != space.token)
        {
            final int owner = sandboxByToken.get(token);
            if (owner == NO_SANDBOX)
            {
                return CapError.INVALID_HANDLE.code();
            }
            return owner == RETIRED_TOKEN ? CapError.STALE_HANDLE.code() : CapError.WRONG_SANDBOX.code();
        }
        final int slot = HandleDescriptor.slot(handle, space.radix);
        if (slot >= space.highWater())
        {
            return CapError.INVALID_HANDLE.code();
        }
        final long word = space.words[slot];
        final long generation = HandleDescriptor.generation(handle, space.radix);
        final int current = CapSlotDescriptor.generation(word);
        if (generation < current)
        {
            return CapError.STALE_HANDLE.code();
        }
        if (generation > current || CapSlotDescriptor.isEmpty(word))
        {
            return CapError.INVALID_HANDLE.code();
        }
        return slot;
    }

    /**
     * The refusal path of {@link #check}: the handle resolved but failed the fast comparison, so either the kind
     * or the rights are wrong.
     */
    private int refuseCheck(final int sandbox, final long handle, final ObjectKind expectedKind)
    {
        final CapabilitySpace space = space(sandbox);
        final CapError error;
        if (space == null)
        {
            error = CapError.NO_SUCH_SANDBOX;
        }
        else
        {
            final int slot = resolve(space, handle);
            if (slot < 0)
            {
                error = CapError.fromCode(slot);
            }
            else if (CapSlotDescriptor.kindCode(space.words[slot]) != expectedKind.code())
            {
                error = CapError.WRONG_KIND;
            }
            else
            {
                error = CapError.INSUFFICIENT_RIGHTS;
            }
        }
        refuse("check", sandbox, handle, error);
        return error.code();
    }

    /**
     * Deletes a capability and everything derived from it.
     *
     * @return how many were deleted, the capability included.
     */
    private int deleteWithDescendants(final int node)
    {
        final int deleted = deleteDescendants(node) + 1;
        deleteNode(node);
        return deleted;
    }

    /**
     * Deletes the subtree below {@code root}, leaves first, without recursion or allocation: descend to a leaf,
     * delete it, continue from its parent.
     */
    private int deleteDescendants(final int root)
    {
        int deleted = 0;
        int node = root;
        while (true)
        {
            final int child = tree.firstChild(node);
            if (child != DerivationTree.NONE)
            {
                node = child;
            }
            else if (node == root)
            {
                return deleted;
            }
            else
            {
                final int parent = tree.parent(node);
                deleteNode(node);
                deleted++;
                node = parent;
            }
        }
    }

    private void deleteNode(final int node)
    {
        final CapabilitySpace space = spaces[tree.sandbox(node)];
        final int slot = tree.slot(node);
        tellRemoval(space, slot);
        space.empty(slot);
        tree.remove(node);
    }

    private void tellRemoval(final CapabilitySpace space, final int slot)
    {
        final RemovalListener listener = removalListeners[CapSlotDescriptor.kindCode(space.words[slot])];
        if (listener != null)
        {
            listener.removed(space.sandboxId, space.handle(slot), space.objectIds[slot]);
        }
    }

    private int nextInPreOrder(final int root, final int node)
    {
        final int child = tree.firstChild(node);
        if (child != DerivationTree.NONE)
        {
            return child;
        }
        for (int current = node; current != root; current = tree.parent(current))
        {
            final int sibling = tree.nextSibling(current);
            if (sibling != DerivationTree.NONE)
            {
                return sibling;
            }
        }
        return DerivationTree.NONE;
    }

    private Capability describe(final CapabilitySpace space, final int slot)
    {
        final long word = space.words[slot];
        return new Capability(
            space.sandboxId,
            space.handle(slot),
            ObjectKind.fromCode(CapSlotDescriptor.kindCode(word)),
            space.objectIds[slot],
            CapSlotDescriptor.rights(word),
            CapSlotDescriptor.flags(word),
            tree.badge(space.nodes[slot]));
    }

    /**
     * The slot {@code handle} names in the actor's space: the first step of every operation on a held
     * capability. A failed lookup is refused (audited) here.
     *
     * @return the slot, or a negative {@link CapError} code.
     */
    private int lookup(final String op, final int actor, final long handle)
    {
        final CapabilitySpace space = space(actor);
        if (space == null)
        {
            return (int)refuse(op, actor, handle, CapError.NO_SUCH_SANDBOX);
        }
        final int slot = resolve(space, handle);
        return slot < 0 ? (int)refuse(op, actor, handle, CapError.fromCode(slot)) : slot;
    }

    private CapabilitySpace space(final int sandbox)
    {
        return sandbox >= 0 && sandbox < spaces.length ? spaces[sandbox] : null;
    }

    private CapabilitySpace existingSpace(final int sandbox)
    {
        final CapabilitySpace space = space(sandbox);
        if (space == null)
        {
            throw new IllegalArgumentException("sandbox=" + sandbox + " has no capability space");
        }
        return space;
    }

    private long refuse(final String op, final int sandbox, final long handle, final CapError error)
    {
        return refuse(op, sandbox, "handle=" + HandleDescriptor.toString(handle), error);
    }

    private long refuse(final String op, final int sandbox, final String subject, final CapError error)
    {
        audit.record(AUDIT_REFUSED, sandbox, "op=" + op + " " + subject + " reason=" + error);
        return error.code();
    }

    private void trace(final String kind, final String detail)
    {
        if (trace != null)
        {
            trace.record(kind, detail);
        }
    }

    private void checkSandboxId(final int sandbox)
    {
        if (sandbox < 0 || sandbox >= spaces.length)
        {
            throw new IllegalArgumentException("sandbox=" + sandbox + " outside 0.." + (spaces.length - 1));
        }
    }

    private static void checkObjectId(final int objectId)
    {
        if (objectId < 0)
        {
            throw new IllegalArgumentException("objectId=" + objectId + " must not be negative");
        }
    }

    /** The spaces by sandbox id, for {@link CapabilityInvariants}; null where a sandbox has none. */
    CapabilitySpace[] spaces()
    {
        return spaces;
    }

    DerivationTree tree()
    {
        return tree;
    }
}
