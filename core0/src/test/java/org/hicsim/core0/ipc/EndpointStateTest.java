package org.hicsim.core0.ipc;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointStateTest
{
    @Test
    void shouldAcceptMessagesOnlyWhileStartingOrActive()
    {
        for (final EndpointState state : EndpointState.values())
        {
            assertEquals(state == EndpointState.STARTING || state == EndpointState.ACTIVE, state.acceptsMessages(),
                state.name());
        }
    }

    @Property
    void shouldNeverLeaveStopped(@ForAll final EndpointState next)
    {
        assertFalse(EndpointState.STOPPED.canMoveTo(next));
    }

    @Property
    void shouldReachErrorFromEveryLiveState(@ForAll final EndpointState state)
    {
        if (state != EndpointState.STOPPED && state != EndpointState.ERROR)
        {
            assertTrue(state.canMoveTo(EndpointState.ERROR), state.name());
        }
    }
}
