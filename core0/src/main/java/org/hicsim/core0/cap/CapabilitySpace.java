package org.hicsim.core0.cap;

import java.util.Arrays;

/**
 * One sandbox's capability space (seL4: a CNode of {@link #radix} bits): an array of slots, struct-of-arrays so
 * that a check reads one {@link CapSlotDescriptor slot word} and one object id. Each slot also names its node in
 * the {@link DerivationTree}, where the capability's badge and derivation links live.
 * <p>
 * The capacity is a limit, not an allocation: the arrays start small and double, as slots are first used, up to
 * it, so thousands of mostly empty spaces cost little and a space allowed a million capabilities costs memory
 * only for those it has held. A slot whose generation is used up is retired rather than reused, so no handle can
 * ever match a later occupant.
 */
final class CapabilitySpace
{
    static final int NO_SLOT = -1;
    private static final int INITIAL_SLOTS = 16;

    final int sandboxId;
    final int token;
    final int capacity;
    /** Slot-index bits of this space's handles ({@link HandleDescriptor}). */
    final int radix;
    private final int generationMax;
    long[] words;
    int[] objectIds;
    int[] nodes;

    private int[] freeSlots;
    private int freeCount;
    private int highWater;
    private int liveCount;

    CapabilitySpace(final int sandboxId, final int token, final int capacity)
    {
        HandleDescriptor.checkToken(token);
        this.radix = HandleDescriptor.radixFor(capacity);
        this.generationMax = HandleDescriptor.generationMax(radix);
        this.sandboxId = sandboxId;
        this.token = token;
        this.capacity = capacity;
        final int length = Math.min(capacity, INITIAL_SLOTS);
        words = new long[length];
        objectIds = new int[length];
        nodes = new int[length];
        freeSlots = new int[length];
    }

    /**
     * Slots below this have had an occupant at some time; the ones above have never been handed out.
     */
    int highWater()
    {
        return highWater;
    }

    int liveCount()
    {
        return liveCount;
    }

    boolean isLive(final int slot)
    {
        return !CapSlotDescriptor.isEmpty(words[slot]);
    }

    /**
     * Takes a free slot: the most recently freed one, else a never-used one.
     *
     * @return the slot, or {@link #NO_SLOT} when the space is full.
     */
    int allocate()
    {
        if (freeCount > 0)
        {
            return freeSlots[--freeCount];
        }
        if (highWater == capacity)
        {
            return NO_SLOT;
        }
        if (highWater == words.length)
        {
            grow();
        }
        return highWater++;
    }

    void fill(final int slot, final int kindCode, final int flags, final int rights, final int objectId, final int node)
    {
        final int generation = CapSlotDescriptor.generation(words[slot]);
        words[slot] = CapSlotDescriptor.word(generation, kindCode, flags, rights);
        objectIds[slot] = objectId;
        nodes[slot] = node;
        liveCount++;
    }

    /**
     * Empties a live slot and advances its generation, which makes every handle to the old occupant stale.
     */
    void empty(final int slot)
    {
        final int next = CapSlotDescriptor.generation(words[slot]) + 1;
        words[slot] = CapSlotDescriptor.emptyWord(next);
        objectIds[slot] = 0;
        nodes[slot] = DerivationTree.NONE;
        liveCount--;
        if (next < generationMax)
        {
            freeSlots[freeCount++] = slot;
        }
    }

    long handle(final int slot)
    {
        return HandleDescriptor.handle(token, radix, CapSlotDescriptor.generation(words[slot]), slot);
    }

    private void grow()
    {
        final int length = Math.min(capacity, words.length << 1);
        words = Arrays.copyOf(words, length);
        objectIds = Arrays.copyOf(objectIds, length);
        nodes = Arrays.copyOf(nodes, length);
        freeSlots = Arrays.copyOf(freeSlots, length);
    }
}
