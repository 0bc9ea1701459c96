package org.hicsim.report;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlFlowsTest
{
    private static String move(final long atNs, final int from, final int to)
    {
        return "t=" + atNs + " dispatch.assign service=2 connection=1f0000002a from=" + from + " to=" + to;
    }

    @Test
    void shouldReadTheTimeAndBothEndpointsOfAMove()
    {
        final ControlFlows flows = new ControlFlows();
        flows.accept(move(10_400_000_123L, 5, 11));
        assertEquals(1, flows.moves().count());
        assertEquals(10_400_000_123L, flows.moves().atNs(0));
        assertEquals(5, flows.moves().fromEndpoint(0));
        assertEquals(11, flows.moves().toEndpoint(0));
    }

    @Test
    void shouldReadTheEndpointsOfADefaultSwitchNotItsVersions()
    {
        final ControlFlows flows = new ControlFlows();
        flows.accept("t=13790000000 registry.switch service=netstack/tcp from=1.2.0 to=1.3.0 fromEndpoint=5 toEndpoint=11");
        assertEquals(1, flows.switches().count());
        assertEquals(5, flows.switches().fromEndpoint(0));
        assertEquals(11, flows.switches().toEndpoint(0));
        assertEquals(0, flows.moves().count());
    }

    @Test
    void shouldIgnoreEveryOtherLine()
    {
        final ControlFlows flows = new ControlFlows();
        flows.accept("t=5 dispatch.freeze service=2 connection=1 owner=5 inFlight=0");
        flows.accept("t=5 log sandbox=3 log=1 message=dispatch.assign from=1 to=2");
        flows.accept("dispatch.assign from=1 to=2");
        flows.accept("");
        assertEquals(0, flows.moves().count());
        assertEquals(0, flows.movesSeen());
    }

    /**
     * However many moves the trace holds, at most MOVES_MAX are kept, they are the ones whose position in the trace
     * is a multiple of one power of two, and no kept one is lost while there is room.
     */
    @Property(tries = 60)
    void shouldKeepEveryMoveAtAPowerOfTwoStride(@ForAll @IntRange(max = 6_000) final int moves)
    {
        final ControlFlows flows = new ControlFlows();
        for (int i = 0; i < moves; i++)
        {
            flows.accept(move(i, i, i + 1));
        }
        final ControlFlows.Flows kept = flows.moves();
        assertEquals(moves, flows.movesSeen());
        assertTrue(kept.count() <= ControlFlows.MOVES_MAX, "kept " + kept.count());
        int stride = 1;
        while ((moves + stride - 1) / stride > ControlFlows.MOVES_MAX)
        {
            stride *= 2;
        }
        assertEquals((moves + stride - 1) / stride, kept.count(), "moves=" + moves + " stride=" + stride);
        for (int k = 0; k < kept.count(); k++)
        {
            assertEquals((long)k * stride, kept.atNs(k));
            assertEquals(k * stride, kept.fromEndpoint(k));
        }
    }
}
