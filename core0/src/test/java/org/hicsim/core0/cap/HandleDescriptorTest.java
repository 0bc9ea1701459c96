package org.hicsim.core0.cap;

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
        assertEquals(63, HandleDescriptor.SLOT_LENGTH + HandleDescriptor.GENERATION_LENGTH +
            HandleDescriptor.TOKEN_LENGTH);
        assertEquals(HandleDescriptor.TOKEN_OFFSET + HandleDescriptor.TOKEN_LENGTH, Long.SIZE - 1);
    }

    @Test
    void shouldKeepHicTokenInUpperHalf()
    {
        assertEquals(Integer.SIZE, HandleDescriptor.TOKEN_OFFSET);
    }

    @Property
    void shouldRoundTripEveryField(
        @ForAll @IntRange(min = 1) final int token,
        @ForAll @IntRange(max = HandleDescriptor.MAX_GENERATION) final int generation,
        @ForAll @IntRange(max = HandleDescriptor.MAX_SLOTS - 1) final int slot)
    {
        final long handle = HandleDescriptor.handle(token, generation, slot);
        assertTrue(handle > 0);
        assertEquals(token, HandleDescriptor.token(handle));
        assertEquals(generation, HandleDescriptor.generation(handle));
        assertEquals(slot, HandleDescriptor.slot(handle));
    }

    @Test
    void shouldRejectTokenZero()
    {
        assertThrows(IllegalArgumentException.class, () -> HandleDescriptor.handle(0, 0, 0));
    }

    @Test
    void shouldRejectSlotBeyondField()
    {
        assertThrows(IllegalArgumentException.class, () -> HandleDescriptor.handle(1, 0, HandleDescriptor.MAX_SLOTS));
    }
}
