package org.hicsim.host;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.probe.BusyButBounded;
import org.hicsim.host.probe.CatchesEverything;
import org.hicsim.host.probe.ClaimsAHugeSize;
import org.hicsim.host.probe.FillsForever;
import org.hicsim.host.probe.GrowsAList;
import org.hicsim.host.probe.HashesPlainObjects;
import org.hicsim.host.probe.HoardsLongs;
import org.hicsim.host.probe.LeaksAcrossCalls;
import org.hicsim.host.probe.RecursesAndCatches;
import org.hicsim.host.probe.RepeatsString;
import org.hicsim.host.probe.SpinsForever;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probes a student's first service resembles (a loop that never ends, a hoard, a recursion that catches its
 * own overflow, identity hashes) and their kin, each loaded beside two echo services: each is stopped by its
 * meter and only its sandbox dies, or (the hashes) it runs and sees what it would see in any JVM.
 */
class ContainmentTest
{
    private final HostFixture fixture = new HostFixture();

    static Stream<Arguments> stoppedProbes()
    {
        return Stream.of(
            Arguments.of(SpinsForever.class, "fuel.exhausted", "used up its fuel of 10000000 units in one call"),
            Arguments.of(FillsForever.class, "fuel.exhausted", "used up its fuel"),
            Arguments.of(CatchesEverything.class, "fuel.exhausted", "used up its fuel"),
            Arguments.of(HoardsLongs.class, "heap.exhausted", "more than its heap allowance of 1114112 bytes"),
            Arguments.of(GrowsAList.class, "heap.exhausted", "more than its heap allowance"),
            Arguments.of(RepeatsString.class, "heap.exhausted", "more than its heap allowance"),
            Arguments.of(ClaimsAHugeSize.class, "heap.exhausted", "more than its heap allowance"),
            Arguments.of(RecursesAndCatches.class, "stack.exhausted", "passed the modelled stack of 196608 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stoppedProbes")
    void shouldStopTheProbeAndKillOnlyItsSandboxWhileOthersKeepServing(
        final Class<?> probe, final String thrown, final String reason)
    {
        final ServiceInstance before = fixture.load(HostFixture.echo(), "echo-before");
        final ServiceInstance prober = fixture.load(TestModule.of("probe", probe), "probe");
        final ServiceInstance after = fixture.load(HostFixture.echo().version("1.1.0"), "echo-after");

        assertEquals(ServiceInstance.DEAD, prober.handle(new Message(), new Message()));

        assertFalse(prober.isAlive());
        assertTrue(prober.terminationReason().startsWith("crash: handle stopped: "), prober::terminationReason);
        assertTrue(prober.terminationReason().contains(reason), prober::terminationReason);
        assertEquals(1, fixture.traceLines("service.crash"));
        assertTrue(fixture.trace.stream().anyMatch(line -> line.contains(" thrown=" + thrown)), thrown);
        HostFixture.assertServes(before, 1);
        HostFixture.assertServes(after, 2);
        assertEquals(2, fixture.kernel.sandboxes().liveCount());
        fixture.assertAuditIntact();
    }

    @Test
    void shouldKillASlowLeakAtTheSameRequestOnceTheCensusFindsItOverItsAllowance()
    {
        final int served = requestsServedBeforeDeath(new HostFixture());

        assertEquals(served, requestsServedBeforeDeath(new HostFixture()));
        final long allowance = 64 * 1024 + ServiceHost.HEAP_ALLOWANCE_BASE_BYTES;
        assertTrue(served > allowance / LeaksAcrossCalls.BYTES_PER_REQUEST / 2, () -> "served=" + served);
        assertTrue(served <= allowance / LeaksAcrossCalls.BYTES_PER_REQUEST + 1, () -> "served=" + served);
    }

    private static int requestsServedBeforeDeath(final HostFixture fixture)
    {
        final ServiceInstance leak = fixture.load(TestModule.of("leak", LeaksAcrossCalls.class), "leak");
        final ServiceInstance echo = fixture.load(HostFixture.echo(), "echo");
        int served = 0;
        while (leak.handle(new Message(), new Message()) == Status.OK)
        {
            served++;
        }
        assertTrue(leak.terminationReason().contains("heap allowance of 1114112 bytes (held "),
            leak::terminationReason);
        HostFixture.assertServes(echo, 3);
        return served;
    }

    @Test
    void shouldLetHonestWorkRunCallAfterCall()
    {
        final ServiceInstance busy = fixture.load(TestModule.of("busy", BusyButBounded.class), "busy");
        final Message reply = new Message();

        for (int i = 0; i < 20; i++)
        {
            assertEquals(Status.OK, busy.handle(new Message(), reply), busy::terminationReason);
        }
        int digits = 0;
        for (int i = 0; i < BusyButBounded.ITEMS; i++)
        {
            digits += Integer.toString(i).length();
        }
        assertEquals(BusyButBounded.ITEMS + digits, reply.argument(0));
        assertEquals(BusyButBounded.ITEMS + digits, reply.argument(1));
        assertTrue(busy.isAlive());
    }

    @Test
    void shouldShowWhatTheServiceHoldsInItsProbeAndTrace()
    {
        final ServiceInstance leak = fixture.load(TestModule.of("leak", LeaksAcrossCalls.class), "leak");
        for (int i = 0; i < 8; i++)
        {
            leak.handle(new Message(), new Message());
        }

        assertEquals(Status.OK, leak.probe(new HealthReport()));

        assertTrue(leak.heapHeldBytes() >= 8L * LeaksAcrossCalls.BYTES_PER_REQUEST, () -> "" + leak.heapHeldBytes());
        assertTrue(leak.heapHeldBytes() < 9L * LeaksAcrossCalls.BYTES_PER_REQUEST, () -> "" + leak.heapHeldBytes());
        assertEquals(1, fixture.traceLines("service.heap"));
    }

    @Test
    void shouldSeeNoIdentityHashInTextOrderOrHashOfPlainObjects()
    {
        final ServiceInstance hasher = fixture.load(TestModule.of("hasher", HashesPlainObjects.class), "hasher");
        final Message reply = new Message();

        assertEquals(Status.OK, hasher.handle(new Message(), reply));

        final String text = payload(reply);
        final String lambda = HashesPlainObjects.class.getName() + "$$Lambda";
        assertTrue(text.startsWith(byName("java.lang.Object") + " " + byName("[I") + " " + byName(lambda) + " "), text);
        assertTrue(text.contains(" 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15, "), text);
        assertTrue(text.contains(" [WORK_FREE, REQUEST_FREE, PROTOCOL_FREE] [a, b, c, d, e, f, g] "), text);
        assertTrue(text.endsWith(" class " + lambda + " cannot be cast to class java.lang.String (" + lambda
            + " is in unnamed module of loader 'hasher 1.0.0'; java.lang.String is in module java.base of loader"
            + " 'bootstrap')"), text);
        assertEquals(text, payload(replyOfAnotherRun()));
    }

    /** What an object without a hash of its own is printed as: its class's name, and a hash of that name. */
    private static String byName(final String className)
    {
        return className + "@" + Integer.toHexString(className.hashCode());
    }

    private static Message replyOfAnotherRun()
    {
        final HostFixture other = new HostFixture();
        final Message reply = new Message();
        other.load(TestModule.of("hasher", HashesPlainObjects.class), "hasher").handle(new Message(), reply);
        return reply;
    }

    private static String payload(final Message reply)
    {
        final byte[] bytes = new byte[reply.payloadLength()];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = reply.payloadByte(i);
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
