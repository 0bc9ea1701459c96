package org.hicsim.core0.cap;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapSlotDescriptorTest
{
    @Test
    void shouldFillSixtyFourBits()
    {
        assertEquals(Long.SIZE, CapSlotDescriptor.GENERATION_OFFSET + CapSlotDescriptor.GENERATION_LENGTH);
    }

    @Test
    void shouldCarryAsManyGenerationBitsAsTheHandle()
    {
        assertEquals(HandleDescriptor.GENERATION_LENGTH_MAX, CapSlotDescriptor.GENERATION_LENGTH);
    }

    @Property
    void shouldRoundTripEveryField(
        @ForAll @IntRange(max = (1 << HandleDescriptor.GENERATION_LENGTH_MAX) - 1) final int generation,
        @ForAll @IntRange(min = 1, max = 255) final int kindCode,
        @ForAll @IntRange(max = 255) final int flags,
        @ForAll final int rights)
    {
        final long word = CapSlotDescriptor.word(generation, kindCode, flags, rights);
        assertEquals(generation, CapSlotDescriptor.generation(word));
        assertEquals(kindCode, CapSlotDescriptor.kindCode(word));
        assertEquals(flags, CapSlotDescriptor.flags(word));
        assertEquals(rights, CapSlotDescriptor.rights(word));
        assertEquals(CapSlotDescriptor.identity(generation, kindCode), CapSlotDescriptor.identityOf(word));
    }

    @Property
    void shouldGiveAGenerationBeyondTheFieldAnIdentityNoWordHas(
        @ForAll @IntRange(max = (1 << HandleDescriptor.GENERATION_LENGTH_MAX) - 1) final int generation,
        @ForAll @IntRange(min = 1, max = 255) final int kindCode,
        @ForAll @IntRange(min = 1, max = 0xFFFF) final int above)
    {
        final long word = CapSlotDescriptor.word(generation, kindCode, 0, Rights.ALL);
        final long beyond = generation + ((long)above << CapSlotDescriptor.GENERATION_LENGTH);
        assertTrue(CapSlotDescriptor.identity(beyond, kindCode) != CapSlotDescriptor.identityOf(word));
    }

    @Test
    void shouldMarkAnEmptySlotByItsKind()
    {
        assertTrue(CapSlotDescriptor.isEmpty(CapSlotDescriptor.emptyWord(7)));
        assertEquals(7, CapSlotDescriptor.generation(CapSlotDescriptor.emptyWord(7)));
    }
}
