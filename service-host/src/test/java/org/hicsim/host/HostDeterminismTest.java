package org.hicsim.host;

import org.junit.jupiter.api.Test;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.host.sample.Counter;
import org.hicsim.host.sample.NeverQuiesces;
import org.hicsim.host.sample.RecursesForever;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HostDeterminismTest
{
    @Test
    void sameSeedGivesSameTraceAndAuditAcrossLoadsCrashesAndQuiescence()
    {
        final HostFixture first = run();
        final HostFixture second = run();

        assertEquals(first.trace, second.trace);
        assertEquals(first.kernel.audit().headHash(), second.kernel.audit().headHash());
    }

    private static HostFixture run()
    {
        final HostFixture fixture = new HostFixture();
        final ServiceInstance echo = fixture.load(HostFixture.echo(), "echo");
        final ServiceInstance poller = fixture.load(TestModule.of("poller", NeverQuiesces.class).with(Counter.class),
            "poller");
        fixture.load(TestModule.of("recurser", RecursesForever.class), "recurser").handle(new Message(), new Message());
        HostFixture.assertServes(echo, 3);
        poller.prepareMigration(Quiescence.WORK_FREE, Simulation.MILLIS, Simulation.MICROS * 300, (i, o) -> { });
        fixture.kernel.simulation().runUntil(Simulation.SECONDS);
        return fixture;
    }
}
