package org.hicsim.host;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.sample.Counter;
import org.hicsim.host.sample.NeverQuiesces;
import org.hicsim.host.sample.QuiescesOnThirdPoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuiescenceTest
{
    private static final long INTERVAL_NS = Simulation.MILLIS;
    private static final long DEADLINE_NS = 10 * Simulation.MILLIS;

    private final List<String> outcomes = new ArrayList<>();

    @Test
    void shouldReportReadyAtThePollThatFindsTheServiceQuiescent()
    {
        final HostFixture fixture = new HostFixture();
        final ServiceInstance instance = load(fixture, QuiescesOnThirdPoll.class);

        instance.prepareMigration(Quiescence.REQUEST_FREE, DEADLINE_NS, INTERVAL_NS, recorder(fixture, outcomes));
        fixture.kernel.simulation().runUntil(DEADLINE_NS * 2);

        final long readyAtNs = (QuiescesOnThirdPoll.READY_ON_POLL - 1) * INTERVAL_NS;
        assertEquals(List.of("READY@" + readyAtNs), outcomes);
        assertCounts(instance, QuiescesOnThirdPoll.READY_ON_POLL, 0);
    }

    @Test
    void shouldAbortAtDeadlineAndKeepServingWhenNeverQuiescent()
    {
        final HostFixture fixture = new HostFixture();
        final ServiceInstance instance = load(fixture, NeverQuiesces.class);

        instance.prepareMigration(Quiescence.PROTOCOL_FREE, DEADLINE_NS, INTERVAL_NS, recorder(fixture, outcomes));
        fixture.kernel.simulation().runUntil(DEADLINE_NS * 2);

        assertEquals(List.of("TIMED_OUT@" + DEADLINE_NS), outcomes);
        assertTrue(instance.isAlive());
        assertCounts(instance, DEADLINE_NS / INTERVAL_NS + 1, 1);
    }

    @Property(tries = 50)
    void shouldPollEveryIntervalAndOnceMoreAtTheDeadline(
        @ForAll @LongRange(min = 0, max = 1_000) final long deadlineNs,
        @ForAll @LongRange(min = 1, max = 300) final long intervalNs)
    {
        final HostFixture fixture = new HostFixture();
        final ServiceInstance instance = load(fixture, NeverQuiesces.class);
        final List<String> outcomes = new ArrayList<>();

        instance.prepareMigration(Quiescence.WORK_FREE, deadlineNs, intervalNs, recorder(fixture, outcomes));
        fixture.kernel.simulation().runUntil(deadlineNs + intervalNs);

        assertEquals(List.of("TIMED_OUT@" + deadlineNs), outcomes);
        assertCounts(instance, (deadlineNs + intervalNs - 1) / intervalNs + 1, 1);
    }

    @Test
    void shouldReportCrashedWhenTheSandboxDiesWhileWaiting()
    {
        final HostFixture fixture = new HostFixture();
        final ServiceInstance instance = load(fixture, NeverQuiesces.class);

        instance.prepareMigration(Quiescence.WORK_FREE, DEADLINE_NS, INTERVAL_NS, recorder(fixture, outcomes));
        fixture.kernel.simulation().runUntil(INTERVAL_NS);
        fixture.kernel.sandboxes().kill(instance.sandboxId(), "test");
        fixture.kernel.simulation().runUntil(DEADLINE_NS * 2);

        assertEquals(List.of("CRASHED@" + 2 * INTERVAL_NS), outcomes);
    }

    @Test
    void shouldRefuseSecondWaitWhileOneIsUnderWay()
    {
        final HostFixture fixture = new HostFixture();
        final ServiceInstance instance = load(fixture, NeverQuiesces.class);
        instance.prepareMigration(Quiescence.WORK_FREE, DEADLINE_NS, INTERVAL_NS, recorder(fixture, outcomes));

        final QuiescenceCallback callback = recorder(fixture, outcomes);
        assertThrows(IllegalStateException.class,
            () -> instance.prepareMigration(Quiescence.WORK_FREE, DEADLINE_NS, INTERVAL_NS, callback));
    }

    @Test
    void shouldAllowNewWaitAfterTheLastEnded()
    {
        final HostFixture fixture = new HostFixture();
        final ServiceInstance instance = load(fixture, NeverQuiesces.class);
        instance.prepareMigration(Quiescence.WORK_FREE, 0, INTERVAL_NS, recorder(fixture, outcomes));
        fixture.kernel.simulation().runUntil(INTERVAL_NS);

        instance.prepareMigration(Quiescence.WORK_FREE, 2 * INTERVAL_NS, INTERVAL_NS, recorder(fixture, outcomes));
        fixture.kernel.simulation().runUntil(DEADLINE_NS);

        assertEquals(List.of("TIMED_OUT@0", "TIMED_OUT@" + 2 * INTERVAL_NS), outcomes);
    }

    @Test
    void shouldRefuseDeadlineInThePast()
    {
        final HostFixture fixture = new HostFixture();
        final ServiceInstance instance = load(fixture, NeverQuiesces.class);
        fixture.kernel.simulation().runUntil(INTERVAL_NS);

        assertThrows(IllegalArgumentException.class,
            () -> instance.prepareMigration(Quiescence.WORK_FREE, 0, INTERVAL_NS, recorder(fixture, outcomes)));
    }

    /** Records each outcome with the virtual time it came at, e.g. {@code READY@2000000}. */
    private static QuiescenceCallback recorder(final HostFixture fixture, final List<String> outcomes)
    {
        return (instance, outcome) -> outcomes.add(outcome + "@" + fixture.kernel.simulation().nowNs());
    }

    private static ServiceInstance load(final HostFixture fixture, final Class<?> entry)
    {
        return fixture.load(TestModule.of("poller", entry).with(Counter.class), "poller");
    }

    private static void assertCounts(final ServiceInstance instance, final long polls, final long aborts)
    {
        final Message reply = new Message();
        assertEquals(Status.OK, instance.handle(new Message(), reply));
        assertEquals(polls, reply.argument(0), "polls");
        assertEquals(aborts, reply.argument(1), "aborts");
    }
}
