package org.hicsim.core0.cap;

import java.util.Arrays;

/**
 * The capability derivation tree (seL4's CDT): which capability was derived from which, across every sandbox.
 * A node is the identity of one capability for as long as it exists; a transfer moves the capability to another
 * slot and only updates the node's location, so revoking an ancestor still reaches it.
 * <p>
 * Parallel primitive arrays indexed by node, children as a doubly linked list in derivation order, freed nodes
 * reused last-in first-out: every operation is O(1) except {@link #remove} (O(children)) and {@link #depth}
 * (O(depth), at most {@link CapLimits#DERIVATION_DEPTH_MAX} steps).
 */
final class DerivationTree
{
    static final int NONE = -1;
    private static final int INITIAL_NODES = 1024;

    private int[] parents = new int[INITIAL_NODES];
    /** The capability each node was derived from; unlike {@link #parents}, a delete does not change it. */
    private int[] derivedFrom = new int[INITIAL_NODES];
    private int[] firstChildren = new int[INITIAL_NODES];
    private int[] lastChildren = new int[INITIAL_NODES];
    private int[] nextSiblings = new int[INITIAL_NODES];
    private int[] previousSiblings = new int[INITIAL_NODES];
    private int[] childCounts = new int[INITIAL_NODES];
    private int[] sandboxes = new int[INITIAL_NODES];
    private int[] slots = new int[INITIAL_NODES];
    private long[] badges = new long[INITIAL_NODES];
    private int[] freeNodes = new int[INITIAL_NODES];
    private int freeCount;
    private int highWater;

    int addRoot(final int sandbox, final int slot, final long badge)
    {
        final int node = allocate();
        parents[node] = NONE;
        derivedFrom[node] = NONE;
        firstChildren[node] = NONE;
        lastChildren[node] = NONE;
        nextSiblings[node] = NONE;
        previousSiblings[node] = NONE;
        childCounts[node] = 0;
        sandboxes[node] = sandbox;
        slots[node] = slot;
        badges[node] = badge;
        return node;
    }

    int addChild(final int parent, final int sandbox, final int slot, final long badge)
    {
        final int node = addRoot(sandbox, slot, badge);
        final int last = lastChildren[parent];
        parents[node] = parent;
        derivedFrom[node] = parent;
        previousSiblings[node] = last;
        if (last == NONE)
        {
            firstChildren[parent] = node;
        }
        else
        {
            nextSiblings[last] = node;
        }
        lastChildren[parent] = node;
        childCounts[parent]++;
        return node;
    }

    void moveTo(final int node, final int sandbox, final int slot)
    {
        sandboxes[node] = sandbox;
        slots[node] = slot;
    }

    int parent(final int node)
    {
        return parents[node];
    }

    /** The node this one was derived from, even if a delete re-attached it since; {@link #NONE} for an original. */
    int derivedFrom(final int node)
    {
        return derivedFrom[node];
    }

    int firstChild(final int node)
    {
        return firstChildren[node];
    }

    int nextSibling(final int node)
    {
        return nextSiblings[node];
    }

    int childCount(final int node)
    {
        return childCounts[node];
    }

    int sandbox(final int node)
    {
        return sandboxes[node];
    }

    int slot(final int node)
    {
        return slots[node];
    }

    long badge(final int node)
    {
        return badges[node];
    }

    /**
     * Derivation steps between the node and its original (0 for an original).
     */
    int depth(final int node)
    {
        int depth = 0;
        for (int ancestor = parents[node]; ancestor != NONE; ancestor = parents[ancestor])
        {
            depth++;
        }
        return depth;
    }

    /**
     * Removes a node as seL4 deletes a capability: its children are not deleted but take its place under its
     * parent, in order, so a revoke of any ancestor still reaches them; the children of a removed original
     * become originals.
     */
    void remove(final int node)
    {
        final int parent = parents[node];
        final int first = firstChildren[node];
        final int last = lastChildren[node];
        final int previous = previousSiblings[node];
        final int next = nextSiblings[node];

        for (int child = first; child != NONE; )
        {
            final int following = nextSiblings[child];
            parents[child] = parent;
            if (parent == NONE)
            {
                previousSiblings[child] = NONE;
                nextSiblings[child] = NONE;
            }
            child = following;
        }

        if (parent != NONE)
        {
            final boolean hasChildren = first != NONE;
            final int spliceFirst = hasChildren ? first : next;
            final int spliceLast = hasChildren ? last : previous;
            if (hasChildren)
            {
                previousSiblings[first] = previous;
                nextSiblings[last] = next;
            }
            if (previous == NONE)
            {
                firstChildren[parent] = spliceFirst;
            }
            else
            {
                nextSiblings[previous] = spliceFirst;
            }
            if (next == NONE)
            {
                lastChildren[parent] = spliceLast;
            }
            else
            {
                previousSiblings[next] = spliceLast;
            }
            childCounts[parent] += childCounts[node] - 1;
        }

        sandboxes[node] = NONE;
        slots[node] = NONE;
        freeNodes[freeCount++] = node;
    }

    private int allocate()
    {
        if (freeCount > 0)
        {
            return freeNodes[--freeCount];
        }
        if (highWater == parents.length)
        {
            grow();
        }
        return highWater++;
    }

    private void grow()
    {
        final int length = parents.length << 1;
        parents = Arrays.copyOf(parents, length);
        derivedFrom = Arrays.copyOf(derivedFrom, length);
        firstChildren = Arrays.copyOf(firstChildren, length);
        lastChildren = Arrays.copyOf(lastChildren, length);
        nextSiblings = Arrays.copyOf(nextSiblings, length);
        previousSiblings = Arrays.copyOf(previousSiblings, length);
        childCounts = Arrays.copyOf(childCounts, length);
        sandboxes = Arrays.copyOf(sandboxes, length);
        slots = Arrays.copyOf(slots, length);
        badges = Arrays.copyOf(badges, length);
        freeNodes = Arrays.copyOf(freeNodes, length);
    }
}
