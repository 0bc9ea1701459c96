package org.hicsim.services.faulty;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.StateSeal;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.AgreedProtocol;
import org.hicsim.host.MigrationHandshake;
import org.hicsim.host.NoCommonProtocol;
import org.hicsim.host.QuiescenceOutcome;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.BundleHost;
import org.hicsim.services.firewall.FirewallProtocol;
import org.hicsim.services.netstack.MemoryMap;
import org.hicsim.services.netstack.MemoryMapDescriptor;
import org.hicsim.services.netstack.NetstackProtocol;
import org.hicsim.services.web_server.WebServerProtocol;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each faulty netstack 1.3.0 bundle, loaded by the real host from the signed catalogue, fails exactly as its
 * manifest says, and nothing else breaks: a firewall loaded beside it keeps serving, a crash stays in its own
 * sandbox, and whatever the fault spares is served as netstack 1.3.0 serves it.
 */
class FaultyNetstackTest
{
    private static final long MAC = 0x0200_0000_0001L;
    private static final int HOST = 0x0A00_0001;
    private static final int TCP = 6;

    private final BundleHost kernel = new BundleHost();
    private final ServiceInstance firewall = kernel.load("firewall-1.0.0");
    private final Message request = new Message();
    private final Message reply = new Message();

    private int stats(final ServiceInstance netstack)
    {
        request.clear().operation(NetstackProtocol.STATS);
        final int served = netstack.handle(request, reply);
        return served == Status.OK ? reply.status() : served;
    }

    private int arpAdd(final ServiceInstance netstack, final int ip)
    {
        request.clear().operation(NetstackProtocol.ARP_ADD).argument(0, ip & 0xFFFF_FFFFL).argument(1, MAC);
        final int served = netstack.handle(request, reply);
        return served == Status.OK ? reply.status() : served;
    }

    /** The neighbour answers as if nothing had happened: a firewall with no rules denies. */
    private void assertFirewallServes()
    {
        request.clear().operation(FirewallProtocol.CHECK).argument(0, HOST).argument(1, HOST).argument(3, TCP);
        assertEquals(Status.OK, firewall.handle(request, reply));
        assertEquals(Status.OK, reply.status());
        assertEquals(FirewallProtocol.DENY, reply.argument(0));
    }

    @Test
    void crashOnStartShouldDieAsItStartsAndOnlyItself()
    {
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-crash-on-start");

        assertFalse(faulty.isAlive());
        assertTrue(faulty.terminationReason().contains("init threw"), faulty.terminationReason());
        assertEquals(ServiceInstance.DEAD, stats(faulty));
        assertFirewallServes();
    }

    @Test
    void crashAfterRequestsShouldServeThatManyRequestsThenDie()
    {
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-crash-after-requests");
        for (long i = 1; i <= CrashAfterRequestsNetstack.AFTER_REQUESTS_DEFAULT; i++)
        {
            assertEquals(Status.OK, stats(faulty), "request " + i);
        }

        assertEquals(ServiceInstance.DEAD, stats(faulty));
        assertTrue(faulty.terminationReason().contains("handle threw"), faulty.terminationReason());
        assertFirewallServes();
    }

    @Test
    void crashAfterRequestsShouldWaitForTheConfiguredCount()
    {
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-crash-after-requests",
            configuration(1, DelayedFaultNetstack.AFTER_REQUESTS_KEY, "5"));
        for (int i = 1; i <= 5; i++)
        {
            assertEquals(Status.OK, stats(faulty), "request " + i);
        }

        assertEquals(ServiceInstance.DEAD, stats(faulty));
    }

    @Test
    void crashAfterRequestsShouldLeaveItsCallersServingWithAFailedCall()
    {
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-crash-after-requests");
        final ServiceInstance web = kernel.load("web_server-1.0.0");
        request.clear().operation(WebServerProtocol.ACCEPT).connectionId(1).argument(1, ConnectionClass.MEDIUM.code());
        web.handle(request, reply);
        for (long i = 0; i < CrashAfterRequestsNetstack.AFTER_REQUESTS_DEFAULT; i++)
        {
            stats(faulty);
        }
        final byte[] get = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        request.clear().operation(WebServerProtocol.REQUEST).connectionId(1).payload(get, 0, get.length);

        assertEquals(Status.OK, web.handle(request, reply));

        assertEquals(WebServerProtocol.SEND_FAILED, reply.status());
        assertEquals(Status.CALL_FAILED, reply.argument(0));
        assertFalse(faulty.isAlive());
        assertTrue(web.isAlive());
    }

    @Test
    void errorRateShouldFailAboutThatFractionOfRequestsAndServeTheRest()
    {
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-error-rate");
        final int requests = 20_000;
        int errors = 0;
        for (int i = 0; i < requests; i++)
        {
            final int status = stats(faulty);
            assertTrue(status == Status.OK || status == Status.INTERNAL_ERROR, Status.name(status));
            errors += status == Status.INTERNAL_ERROR ? 1 : 0;
        }

        final double rate = ErrorRateNetstack.RATE_DEFAULT;
        assertEquals(rate, (double)errors / requests, 4 * Math.sqrt(rate * (1 - rate) / requests));
        assertTrue(faulty.isAlive());
        assertFirewallServes();
    }

    @Test
    void errorRateShouldFailTheSameRequestsInEveryRun()
    {
        assertEquals(failedRequests(kernel.load("netstack-1.3.0-error-rate")),
            failedRequests(new BundleHost().load("netstack-1.3.0-error-rate")));
    }

    @Test
    void errorRateShouldFailOtherRequestsUnderAnotherSeed()
    {
        assertNotEquals(failedRequests(kernel.load("netstack-1.3.0-error-rate")),
            failedRequests(new BundleHost(2).load("netstack-1.3.0-error-rate")));
    }

    @Test
    void errorRateShouldServeEveryRequestUntilArmedByRequests()
    {
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-error-rate",
            configuration(1, DelayedFaultNetstack.AFTER_REQUESTS_KEY, "500"));
        for (int i = 0; i < 500; i++)
        {
            assertEquals(Status.OK, stats(faulty), "request " + (i + 1));
        }

        assertFalse(failedRequests(faulty).isEmpty());
    }

    @Test
    void errorRateShouldServeEveryRequestUntilArmedByVirtualTime()
    {
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-error-rate",
            configuration(1, DelayedFaultNetstack.AFTER_NS_KEY, Long.toString(Simulation.SECONDS)));
        assertTrue(failedRequests(faulty).isEmpty());

        kernel.advance(Simulation.SECONDS);

        assertFalse(failedRequests(faulty).isEmpty());
    }

    @Test
    void errorRateShouldTakeANewRateAtRunTimeAndRefuseAMalformedOne()
    {
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-error-rate");

        assertEquals(Status.OK, faulty.configure(configuration(1, ErrorRateNetstack.RATE_KEY, "1")));
        assertEquals(Status.INTERNAL_ERROR, stats(faulty));
        assertEquals(Status.INVALID_ARGUMENT, faulty.configure(configuration(2, ErrorRateNetstack.RATE_KEY, "1.5")));
        assertEquals(Status.INVALID_ARGUMENT, faulty.configure(
            configuration(3, DelayedFaultNetstack.AFTER_REQUESTS_KEY, "-1")));
        assertEquals(Status.INVALID_ARGUMENT, faulty.configure(configuration(4, "connections", "8192")));
        assertEquals(2_000, failedRequests(faulty).size());
        assertEquals(Status.OK, faulty.configure(configuration(5, ErrorRateNetstack.RATE_KEY, "0")));
        assertTrue(failedRequests(faulty).isEmpty());
    }

    @Test
    void errorRateShouldLeaveNoTraceOfTheRequestsItFails()
    {
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-error-rate");
        int added = 0;
        for (int i = 0; i < MemoryMapDescriptor.ARP_CAPACITY / 2; i++)
        {
            if (arpAdd(faulty, HOST + i) == Status.OK)
            {
                added++;
                assertEquals(added, reply.argument(0));
            }
        }

        assertTrue(added < MemoryMapDescriptor.ARP_CAPACITY / 2, "added=" + added);
    }

    private List<Integer> failedRequests(final ServiceInstance netstack)
    {
        final List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < 2_000; i++)
        {
            if (stats(netstack) == Status.INTERNAL_ERROR)
            {
                failed.add(i);
            }
        }
        return failed;
    }

    @Test
    void slowShouldSpendThatMuchMoreCpuOnTheSameRequests()
    {
        final BundleHost plainKernel = new BundleHost();
        final ServiceInstance plain = plainKernel.load("netstack-1.3.0");
        final ServiceInstance slow = kernel.load("netstack-1.3.0-slow");
        for (int i = 0; i < 100; i++)
        {
            assertEquals(Status.OK, stats(plain));
            assertEquals(Status.OK, stats(slow));
            assertEquals(Status.OK, arpAdd(plain, HOST + i));
            assertEquals(Status.OK, arpAdd(slow, HOST + i));
        }

        final long plainNs = plainKernel.kernel.cpu().quota(plain.sandboxId()).consumedNs();
        final long slowNs = kernel.kernel.cpu().quota(slow.sandboxId()).consumedNs();
        assertTrue(plainNs > 0);
        assertEquals(plainNs * (100 + SlowNetstack.EXTRA_CPU_PERCENT_DEFAULT) / 100, slowNs);
        assertFirewallServes();
    }

    @Test
    void slowShouldCostNoMoreCpuUntilArmed()
    {
        final BundleHost plainKernel = new BundleHost();
        final ServiceInstance plain = plainKernel.load("netstack-1.3.0");
        final ServiceInstance slow = kernel.load("netstack-1.3.0-slow",
            configuration(1, DelayedFaultNetstack.AFTER_REQUESTS_KEY, "50"));
        for (int i = 0; i < 50; i++)
        {
            assertEquals(Status.OK, stats(plain));
            assertEquals(Status.OK, stats(slow));
        }
        final long plainNs = plainKernel.kernel.cpu().quota(plain.sandboxId()).consumedNs();
        assertEquals(plainNs, kernel.kernel.cpu().quota(slow.sandboxId()).consumedNs());

        for (int i = 0; i < 50; i++)
        {
            assertEquals(Status.OK, stats(plain));
            assertEquals(Status.OK, stats(slow));
        }

        final long armedNs = plainKernel.kernel.cpu().quota(plain.sandboxId()).consumedNs() - plainNs;
        assertEquals(plainNs + armedNs * (100 + SlowNetstack.EXTRA_CPU_PERCENT_DEFAULT) / 100,
            kernel.kernel.cpu().quota(slow.sandboxId()).consumedNs());
    }

    @Test
    void memoryLeakShouldShowEachRequestsBytesInTheProbe()
    {
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-memory-leak");
        final HealthReport report = new HealthReport();
        faulty.probe(report);
        final long before = report.memoryInUseBytes();

        for (int i = 1; i <= 10; i++)
        {
            assertEquals(Status.OK, stats(faulty));
            faulty.probe(report);
            assertEquals(before + i * MemoryLeakNetstack.BYTES_PER_REQUEST_DEFAULT, report.memoryInUseBytes());
        }
        assertEquals(Health.HEALTHY, report.health());
    }

    @Test
    void memoryLeakShouldLeakTheConfiguredSizeOnceArmed()
    {
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-memory-leak", Configuration.builder(1)
            .put(MemoryLeakNetstack.BYTES_PER_REQUEST_KEY, "10000")
            .put(DelayedFaultNetstack.AFTER_REQUESTS_KEY, "3")
            .build());
        final HealthReport report = new HealthReport();
        faulty.probe(report);
        final long before = report.memoryInUseBytes();

        for (int i = 0; i < 5; i++)
        {
            assertEquals(Status.OK, stats(faulty));
        }

        faulty.probe(report);
        assertEquals(before + 2 * 10_000, report.memoryInUseBytes());
    }

    @Test
    void memoryLeakShouldGrowTheMemoryCore0CountsInUseOnlyOnceArmed()
    {
        final long bytes = 5L * PhysicalMemory.FRAME_SIZE;
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-memory-leak", Configuration.builder(1)
            .put(MemoryLeakNetstack.BYTES_PER_REQUEST_KEY, Long.toString(bytes))
            .put(DelayedFaultNetstack.AFTER_REQUESTS_KEY, "10")
            .build());
        assertEquals(Status.OK, stats(faulty));
        final long started = faulty.metrics().memoryInUseBytes();
        for (int i = 1; i < 10; i++)
        {
            assertEquals(Status.OK, stats(faulty));
        }
        assertEquals(started, faulty.metrics().memoryInUseBytes(), "serving writes no new memory until armed");

        for (int i = 0; i < 10; i++)
        {
            assertEquals(Status.OK, stats(faulty));
        }

        final long grown = faulty.metrics().memoryInUseBytes() - started;
        assertTrue(grown >= 10 * bytes && grown <= 10 * bytes + PhysicalMemory.FRAME_SIZE,
            "Core-0 counts the frames the leak wrote, whole frames: grown=" + grown);
        assertEquals(faulty.manifest().memoryBytes(), faulty.metrics().memoryBytes(), "what it was given is unchanged");
    }

    @Test
    void memoryLeakShouldDegradeThenRefuseRequestsOnceItsMemoryIsGone()
    {
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-memory-leak");
        final HealthReport report = new HealthReport();
        final long bytes = MemoryLeakNetstack.BYTES_PER_REQUEST_DEFAULT;
        final long room = faulty.manifest().memoryBytes() - FaultStateDescriptor.LENGTH
            - MemoryMap.of(Configuration.EMPTY).requiredLength();
        final long leaksThatFit = room / bytes;
        final long healthyLeaks = (room * 3 / 4 + bytes - 1) / bytes - 1;
        for (long i = 0; i < leaksThatFit; i++)
        {
            assertEquals(Status.OK, stats(faulty), "request " + (i + 1));
            faulty.probe(report);
            assertEquals(i < healthyLeaks ? Health.HEALTHY : i < leaksThatFit - 1 ? Health.DEGRADED
                : Health.UNHEALTHY, report.health(), "after leak " + (i + 1));
        }

        assertEquals(Status.NO_CAPACITY, stats(faulty));
        assertTrue(faulty.isAlive());
        assertFirewallServes();
    }

    @Test
    void corruptStateShouldExportSnapshotsTheRollbackTargetRefuses()
    {
        final ServiceInstance old = kernel.load("netstack-1.2.0");
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-corrupt-state");
        arpAdd(faulty, HOST);
        final AgreedProtocol handshake =
            assertInstanceOf(AgreedProtocol.class, MigrationHandshake.negotiate(faulty.manifest(), old.manifest()));

        final StateSnapshot snapshot = faulty.exportState(handshake.context());

        assertNotNull(snapshot);
        assertEquals(Status.STATE_CORRUPT, old.importState(snapshot, handshake.context()));
        assertEquals(Status.OK, stats(faulty));
        assertEquals(Status.OK, stats(old));
        assertFirewallServes();
    }

    @Test
    void corruptStateShouldExportSoundSnapshotsUntilArmed()
    {
        final ServiceInstance old = kernel.load("netstack-1.2.0");
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-corrupt-state",
            configuration(1, DelayedFaultNetstack.AFTER_REQUESTS_KEY, "2"));
        final AgreedProtocol handshake =
            assertInstanceOf(AgreedProtocol.class, MigrationHandshake.negotiate(faulty.manifest(), old.manifest()));
        arpAdd(faulty, HOST);

        final StateSnapshot sound = faulty.exportState(handshake.context());
        assertNull(sound.seal().mismatch(sound));
        assertEquals(Status.OK, old.importState(sound, handshake.context()));
        arpAdd(faulty, HOST + 1);
        final StateSnapshot corrupt = faulty.exportState(handshake.context());
        assertEquals(StateSeal.GLOBAL, corrupt.seal().mismatch(corrupt), "the seal taken before the bit flipped");
        assertEquals(Status.STATE_CORRUPT, old.importState(corrupt, handshake.context()));
    }

    @Test
    void aHealthyNetstack130ShouldExportSnapshotsTheRollbackTargetTakes()
    {
        final ServiceInstance old = kernel.load("netstack-1.2.0");
        final ServiceInstance healthy = kernel.load("netstack-1.3.0");
        arpAdd(healthy, HOST);
        final AgreedProtocol handshake =
            assertInstanceOf(AgreedProtocol.class, MigrationHandshake.negotiate(healthy.manifest(), old.manifest()));

        assertEquals(Status.OK, old.importState(healthy.exportState(handshake.context()),
            handshake.context()));
    }

    @Test
    void neverQuiescesShouldTimeOutAndServeOnAfterTheHostAborts()
    {
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-never-quiesces");
        final List<QuiescenceOutcome> outcomes = new ArrayList<>();

        faulty.prepareMigration(Quiescence.WORK_FREE, kernel.kernel.simulation().nowNs() + Simulation.SECONDS,
            10 * Simulation.MILLIS, (instance, outcome) -> outcomes.add(outcome));
        kernel.advance(2 * Simulation.SECONDS);

        assertEquals(List.of(QuiescenceOutcome.TIMED_OUT), outcomes);
        assertEquals(Status.OK, arpAdd(faulty, HOST));
        request.clear().operation(NetstackProtocol.OPEN);
        faulty.handle(request, reply);
        assertTrue(reply.status() != Status.BUSY, Status.name(reply.status()));
        assertFirewallServes();
    }

    @Test
    void neverQuiescesShouldPassAnUpdatesChecksAndTimeOutOnceArmed()
    {
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-never-quiesces",
            configuration(1, DelayedFaultNetstack.AFTER_REQUESTS_KEY, "10"));

        assertEquals(QuiescenceOutcome.READY, quiesce(faulty));
        assertEquals(Status.OK, faulty.abortMigration());
        for (int i = 0; i < 10; i++)
        {
            assertEquals(Status.OK, stats(faulty));
        }
        assertEquals(QuiescenceOutcome.TIMED_OUT, quiesce(faulty));
    }

    private QuiescenceOutcome quiesce(final ServiceInstance instance)
    {
        final List<QuiescenceOutcome> outcomes = new ArrayList<>();
        instance.prepareMigration(Quiescence.WORK_FREE, kernel.kernel.simulation().nowNs() + Simulation.SECONDS,
            10 * Simulation.MILLIS, (polled, outcome) -> outcomes.add(outcome));
        kernel.advance(2 * Simulation.SECONDS);
        assertEquals(1, outcomes.size(), outcomes.toString());
        return outcomes.get(0);
    }

    private static Configuration configuration(final long version, final String key, final String value)
    {
        return Configuration.builder(version).put(key, value).build();
    }

    @Test
    void aHealthyNetstack130ShouldQuiesceWithinTheSameDeadline()
    {
        final ServiceInstance healthy = kernel.load("netstack-1.3.0");
        final List<QuiescenceOutcome> outcomes = new ArrayList<>();

        healthy.prepareMigration(Quiescence.WORK_FREE, kernel.kernel.simulation().nowNs() + Simulation.SECONDS,
            10 * Simulation.MILLIS, (instance, outcome) -> outcomes.add(outcome));
        kernel.advance(2 * Simulation.SECONDS);

        assertEquals(List.of(QuiescenceOutcome.READY), outcomes);
    }

    @Test
    void noCommonProtocolShouldFailTheHandshakeWithNetstack120ButServe()
    {
        final ServiceInstance old = kernel.load("netstack-1.2.0");
        final ServiceInstance faulty = kernel.load("netstack-1.3.0-no-common-protocol");

        assertInstanceOf(NoCommonProtocol.class, MigrationHandshake.negotiate(old.manifest(), faulty.manifest()));
        assertInstanceOf(NoCommonProtocol.class, MigrationHandshake.negotiate(faulty.manifest(), old.manifest()));
        assertEquals(Status.OK, stats(faulty));
        assertFirewallServes();
    }

    @Test
    void aHealthyNetstack130ShouldAgreeOnProtocol13WithNetstack120()
    {
        final ServiceInstance old = kernel.load("netstack-1.2.0");
        final ServiceInstance healthy = kernel.load("netstack-1.3.0");

        final AgreedProtocol agreed =
            assertInstanceOf(AgreedProtocol.class, MigrationHandshake.negotiate(old.manifest(), healthy.manifest()));

        assertEquals("1.3", agreed.protocol().toString());
    }
}
