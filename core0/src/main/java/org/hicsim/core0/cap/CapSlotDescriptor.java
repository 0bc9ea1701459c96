package org.hicsim.core0.cap;

/**
 * Layout of a capability slot word: the one {@code long} per slot that a capability check reads.
 * <pre>
 *   6       5                   4                   3
 *   3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2
 *  +-------------------------------+---------------+---------------+
 *  |           Generation          |      Kind     |     Flags     |
 *  +-------------------------------+---------------+---------------+
 *  |                             Rights                            |
 *  +---------------------------------------------------------------+
 *   3   2                   1                   0
 *   1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0
 * </pre>
 * Generation is the slot's current generation (a live handle carries the same value), kind is an
 * {@link ObjectKind#code()} or {@link #EMPTY_KIND}, flags are {@link CapFlags}, rights are {@link Rights}. Putting
 * generation and kind side by side lets a check compare both with one mask and one comparison.
 */
public final class CapSlotDescriptor
{
    public static final int RIGHTS_OFFSET = 0;
    public static final int RIGHTS_LENGTH = 32;
    public static final int FLAGS_OFFSET = RIGHTS_OFFSET + RIGHTS_LENGTH;
    public static final int FLAGS_LENGTH = 8;
    public static final int KIND_OFFSET = FLAGS_OFFSET + FLAGS_LENGTH;
    public static final int KIND_LENGTH = 8;
    public static final int GENERATION_OFFSET = KIND_OFFSET + KIND_LENGTH;
    public static final int GENERATION_LENGTH = HandleDescriptor.GENERATION_LENGTH_MAX;

    /** The kind code of an empty slot; no {@link ObjectKind} has it. */
    public static final int EMPTY_KIND = 0;

    private static final long RIGHTS_MASK = 0xFFFF_FFFFL;
    private static final int FLAGS_MASK = (1 << FLAGS_LENGTH) - 1;
    private static final int KIND_MASK = (1 << KIND_LENGTH) - 1;

    private CapSlotDescriptor()
    {
    }

    public static long word(final int generation, final int kindCode, final int flags, final int rights)
    {
        return (identity(generation, kindCode) << KIND_OFFSET) | ((long)(flags & FLAGS_MASK) << FLAGS_OFFSET)
            | (rights & RIGHTS_MASK);
    }

    /**
     * The word of an empty slot whose next occupant will carry {@code generation}.
     */
    public static long emptyWord(final int generation)
    {
        return identity(generation, EMPTY_KIND) << KIND_OFFSET;
    }

    /**
     * Generation and kind of a word, shifted down: what a check compares with {@link #identity(long, int)}.
     */
    public static long identityOf(final long word)
    {
        return word >>> KIND_OFFSET;
    }

    /**
     * Generation and kind as {@link #identityOf} reads them from a word. A generation outside
     * 0..2^{@link #GENERATION_LENGTH}-1 (a forged handle's) gives a value no word has, never another word's.
     */
    public static long identity(final long generation, final int kindCode)
    {
        return (generation << KIND_LENGTH) | (kindCode & KIND_MASK);
    }

    public static int generation(final long word)
    {
        return (int)(word >>> GENERATION_OFFSET);
    }

    public static int kindCode(final long word)
    {
        return (int)(word >>> KIND_OFFSET) & KIND_MASK;
    }

    public static int flags(final long word)
    {
        return (int)(word >>> FLAGS_OFFSET) & FLAGS_MASK;
    }

    public static int rights(final long word)
    {
        return (int)word;
    }

    public static boolean isEmpty(final long word)
    {
        return kindCode(word) == EMPTY_KIND;
    }
}
