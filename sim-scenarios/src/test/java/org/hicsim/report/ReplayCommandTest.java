package org.hicsim.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplayCommandTest
{
    @Test
    void shouldLeaveAPlainNameAndPathAsTheyAre()
    {
        assertEquals("./hic run netstack-rolling-update --seed 42",
            ReplayCommand.of("./hic", "netstack-rolling-update", 42));
        assertEquals("hic run scenarios/mine-2.yaml --seed -3", ReplayCommand.of("hic", "scenarios/mine-2.yaml", -3));
    }

    @Test
    void shouldQuoteAWordAShellWouldSplitOrExpand()
    {
        assertEquals("'/home/ann/my hic/hic' run 'my runs/x.yaml' --seed 7",
            ReplayCommand.of("/home/ann/my hic/hic", "my runs/x.yaml", 7));
        assertEquals("hic run 'it'\\''s $HOME.yaml' --seed 1", ReplayCommand.of("hic", "it's $HOME.yaml", 1));
    }
}
