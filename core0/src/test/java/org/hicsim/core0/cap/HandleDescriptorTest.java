package org.hicsim.core0.cap;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandleDescriptorTest
{
    @Test
    void shouldFillSixtyThreeBitsLeavingTheSignBitClear()
    {
        assertEquals(63, HandleDescriptor.CAPABILITY_ID_LENGTH + HandleDescriptor.TOKEN_LENGTH);
        assertEquals(HandleDescriptor.TOKEN_OFFSET + HandleDescriptor.TOKEN_LENGTH, Long.SIZE - 1);
    }

    @Test
    void shouldKeepHicTokenInUpperHalf()
    {
        assertEquals(Integer.SIZE, HandleDescriptor.TOKEN_OFFSET);
    }

    @Test
    void shouldAddressAMillionConnectionBuffersAndMore()
    {
        assertTrue(HandleDescriptor.SLOTS_MAX > 1_000_000);
        assertEquals(20, HandleDescriptor.radixFor(1_000_000));
        assertEquals(12, HandleDescriptor.generationLength(20));
    }

    @Property
    void shouldChooseTheFewestSlotBitsThatAddressTheCapacity(
        @ForAll @IntRange(min = 1, max = HandleDescriptor.SLOTS_MAX) final int capacity)
    {
        final int radix = HandleDescriptor.radixFor(capacity);
        assertTrue(1L << radix >= capacity);
        assertTrue(radix == 0 || 1L << (radix - 1) < capacity);
    }

    @Property
    void shouldKeepSixteenGenerationBitsUpToSixteenSlotBits(
        @ForAll @IntRange(max = HandleDescriptor.RADIX_MAX) final int radix)
    {
        final int expected = radix <= 16 ? 16 : Integer.SIZE - radix;
        assertEquals(expected, HandleDescriptor.generationLength(radix));
        assertTrue(radix + HandleDescriptor.generationLength(radix) <= HandleDescriptor.CAPABILITY_ID_LENGTH);
    }

    @Property
    void shouldRoundTripEveryField(
        @ForAll @IntRange(min = 1) final int token,
        @ForAll @IntRange(max = HandleDescriptor.RADIX_MAX) final int radix,
        @ForAll @IntRange(max = (1 << HandleDescriptor.GENERATION_LENGTH_MAX) - 1) final int generation,
        @ForAll @IntRange(max = HandleDescriptor.SLOTS_MAX - 1) final int slot)
    {
        Assume.that(generation <= HandleDescriptor.generationMax(radix) && slot < 1 << radix);
        final long handle = HandleDescriptor.handle(token, radix, generation, slot);
        assertTrue(handle > 0);
        assertEquals(token, HandleDescriptor.token(handle));
        assertEquals(generation, HandleDescriptor.generation(handle, radix));
        assertEquals(slot, HandleDescriptor.slot(handle, radix));
    }

    @Property
    void shouldReadABitAboveTheGenerationFieldAsAGenerationNoSlotHas(
        @ForAll @IntRange(max = 15) final int radix,
        @ForAll @IntRange(min = 16, max = 31) final int strayBit)
    {
        Assume.that(strayBit >= radix + HandleDescriptor.generationLength(radix));
        final long handle = HandleDescriptor.handle(1, radix, 0, 0) | 1L << strayBit;
        assertTrue(HandleDescriptor.generation(handle, radix) > HandleDescriptor.generationMax(radix));
    }

    @Test
    void shouldRejectTokenZero()
    {
        assertThrows(IllegalArgumentException.class, () -> HandleDescriptor.handle(0, 0, 0, 0));
    }

    @Test
    void shouldRejectSlotBeyondItsRadix()
    {
        assertThrows(IllegalArgumentException.class, () -> HandleDescriptor.handle(1, 4, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> HandleDescriptor.radixFor(HandleDescriptor.SLOTS_MAX + 1));
    }

    @Test
    void shouldRejectGenerationBeyondItsField()
    {
        assertThrows(IllegalArgumentException.class,
            () -> HandleDescriptor.handle(1, 20, HandleDescriptor.generationMax(20) + 1, 0));
    }
}
