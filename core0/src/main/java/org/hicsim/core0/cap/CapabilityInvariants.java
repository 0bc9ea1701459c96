package org.hicsim.core0.cap;

import java.util.function.Consumer;

/**
 * The invariants of the capability system, read from its tables: for every live capability, its derivation-tree
 * node says where the capability is; following parents ends within {@link CapLimits#MAX_DERIVATION_DEPTH} steps
 * (the tree is acyclic); a parent is a live capability naming the same object with every right its child has; a
 * node's children list is as long as its count says and each child names it as parent; and no capability has
 * derived more than {@link CapLimits#MAX_CHILDREN} children. A parent may have more children than that: a delete
 * gives the deleted capability's children to its parent, as seL4 does, so the bound is on what each derived.
 */
public final class CapabilityInvariants
{
    private CapabilityInvariants()
    {
    }

    /**
     * @param violated told what is broken, one line each.
     */
    public static void check(final CapabilitySystem capabilities, final Consumer<String> violated)
    {
        check(capabilities, capabilities.spaces().length - 1, violated);
    }

    /**
     * @param sandboxMax the largest sandbox id that may have a space: the scan stops there.
     */
    public static void check(final CapabilitySystem capabilities, final int sandboxMax, final Consumer<String> violated)
    {
        final CapabilitySpace[] spaces = capabilities.spaces();
        final DerivationTree tree = capabilities.tree();
        for (int sandbox = 0; sandbox <= Math.min(sandboxMax, spaces.length - 1); sandbox++)
        {
            final CapabilitySpace space = spaces[sandbox];
            if (space == null)
            {
                continue;
            }
            for (int slot = 0; slot < space.highWater(); slot++)
            {
                if (space.isLive(slot))
                {
                    checkCapability(spaces, tree, sandbox, slot, violated);
                }
            }
        }
    }

    private static void checkCapability(
        final CapabilitySpace[] spaces, final DerivationTree tree, final int sandbox, final int slot,
        final Consumer<String> violated)
    {
        final CapabilitySpace space = spaces[sandbox];
        final int node = space.nodes[slot];
        if (tree.sandbox(node) != sandbox || tree.slot(node) != slot)
        {
            violated.accept(where(sandbox, slot, node) + " has its node at sandbox=" + tree.sandbox(node) + " slot="
                + tree.slot(node));
            return;
        }
        int steps = 0;
        for (int ancestor = tree.parent(node); ancestor != DerivationTree.NONE; ancestor = tree.parent(ancestor))
        {
            if (++steps > CapLimits.DERIVATION_DEPTH_MAX)
            {
                violated.accept(where(sandbox, slot, node) + " has more than " + CapLimits.DERIVATION_DEPTH_MAX
                    + " ancestors: the derivation tree is too deep or has a cycle");
                return;
            }
        }
        final int parent = tree.parent(node);
        if (parent != DerivationTree.NONE)
        {
            checkParent(spaces, tree, sandbox, slot, node, parent, violated);
        }
        int children = 0;
        int derived = 0;
        for (int child = tree.firstChild(node); child != DerivationTree.NONE; child = tree.nextSibling(child))
        {
            children++;
            derived += tree.derivedFrom(child) == node ? 1 : 0;
            if (tree.parent(child) != node)
            {
                violated.accept(where(sandbox, slot, node) + " lists child node=" + child + " whose parent is node="
                    + tree.parent(child));
            }
        }
        if (children != tree.childCount(node))
        {
            violated.accept(where(sandbox, slot, node) + " counts " + tree.childCount(node) + " children but lists "
                + children);
        }
        if (derived > CapLimits.CHILDREN_MAX)
        {
            violated.accept(where(sandbox, slot, node) + " derived " + derived + " children, more than "
                + CapLimits.CHILDREN_MAX);
        }
    }

    private static void checkParent(
        final CapabilitySpace[] spaces, final DerivationTree tree, final int sandbox, final int slot, final int node,
        final int parent, final Consumer<String> violated)
    {
        final long word = spaces[sandbox].words[slot];
        final int parentSandbox = tree.sandbox(parent);
        final int parentSlot = tree.slot(parent);
        final CapabilitySpace parentSpace = parentSandbox < 0 || parentSandbox >= spaces.length
            ? null : spaces[parentSandbox];
        if (parentSpace == null || !parentSpace.isLive(parentSlot) || parentSpace.nodes[parentSlot] != parent)
        {
            violated.accept(where(sandbox, slot, node) + " has parent node=" + parent + " that is no live capability");
            return;
        }
        final long parentWord = parentSpace.words[parentSlot];
        if (!Rights.isSubset(CapSlotDescriptor.rights(word), CapSlotDescriptor.rights(parentWord)))
        {
            violated.accept(where(sandbox, slot, node) + " has rights=" + Rights.toString(CapSlotDescriptor.rights(word))
                + " beyond its parent's rights=" + Rights.toString(CapSlotDescriptor.rights(parentWord)));
        }
        if (CapSlotDescriptor.kindCode(word) != CapSlotDescriptor.kindCode(parentWord)
            || spaces[sandbox].objectIds[slot] != parentSpace.objectIds[parentSlot])
        {
            violated.accept(where(sandbox, slot, node) + " names another object than its parent node=" + parent);
        }
    }

    private static String where(final int sandbox, final int slot, final int node)
    {
        return "sandbox=" + sandbox + " slot=" + slot + " node=" + node;
    }
}
