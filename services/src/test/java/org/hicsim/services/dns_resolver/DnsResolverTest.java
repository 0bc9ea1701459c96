package org.hicsim.services.dns_resolver;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.RecordingNetstack;
import org.hicsim.services.ServiceKernel;
import org.hicsim.services.dns_resolver.v1_0_0.DnsResolver;
import org.hicsim.services.netstack.NetstackProtocol;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnsResolverTest
{
    private static final long MEMORY = 128 * 1024;
    private static final long NETSTACK_MEMORY = 64 * 1024;
    private static final MigrationContext MIGRATION = new MigrationContext(1, 0, DnsResolver.STATE_VERSION);
    private static final int LOCAL = 0x0A00_0002;
    private static final int SERVER = 0x0A00_0035;
    private static final long TTL_NS = DnsResolverProtocol.ANSWER_TTL_SECONDS * Simulation.SECONDS;

    private final ServiceKernel kernel = new ServiceKernel();
    private final RecordingNetstack netstack = new RecordingNetstack();
    private final Message request = new Message();
    private final Message reply = new Message();

    DnsResolverTest()
    {
        kernel.publish(kernel.start("netstack", "1.3.0", netstack, NETSTACK_MEMORY), "netstack", "1.3.0");
    }

    private ServiceKernel.Instance start(final String version)
    {
        final ServiceKernel.Instance resolver = kernel.start("dns_resolver", version, new DnsResolver(), MEMORY);
        kernel.grant(resolver, "netstack", "1.3.0");
        return resolver;
    }

    private ServiceKernel.Instance withUpstream(final String version)
    {
        final ServiceKernel.Instance resolver = start(version);
        request.clear().operation(DnsResolverProtocol.SET_UPSTREAM).argument(0, LOCAL).argument(1, SERVER);
        resolver.handle(request, reply);
        assertEquals(Status.OK, reply.status());
        return resolver;
    }

    private int resolve(final ServiceKernel.Instance resolver, final String name)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        request.clear().operation(DnsResolverProtocol.RESOLVE).payload(bytes, 0, bytes.length);
        assertEquals(Status.OK, resolver.handle(request, reply));
        return reply.status();
    }

    @Test
    void shouldOpenAUdpConnectionToTheUpstreamServersPort53()
    {
        withUpstream("1.0.0");

        final long[] open = netstack.opened.get(0);
        assertEquals(NetstackProtocol.addresses(LOCAL, SERVER), open[0]);
        assertEquals(DnsResolverProtocol.DNS_PORT, NetstackProtocol.destinationPort(open[1]));
        assertEquals(NetstackProtocol.PROTOCOL_UDP, NetstackProtocol.protocol(open[1]));
        assertEquals(1, reply.argument(0));
    }

    @Test
    void shouldSendAnRfc1035QueryOnAMiss()
    {
        final ServiceKernel.Instance resolver = withUpstream("1.0.0");

        assertEquals(Status.OK, resolve(resolver, "www.Example.com"));

        assertEquals(0, reply.argument(2));
        final byte[] query = netstack.lastSent().payload();
        final byte[] question = {3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
            0, 1, 0, 1};
        assertArrayEquals(question, Arrays.copyOfRange(query, 12, query.length));
        assertEquals(1, query[5]);
        assertEquals(1, netstack.lastSent().connectionId());
    }

    @Test
    void shouldAnswerFromTheCacheUntilTheTtlRunsOut()
    {
        final ServiceKernel.Instance resolver = withUpstream("1.0.0");
        resolve(resolver, "www.example.com");
        final long address = reply.argument(0);

        kernel.advance(TTL_NS - Simulation.SECONDS);
        resolve(resolver, "WWW.example.com");
        assertEquals(1, reply.argument(2));
        assertEquals(address, reply.argument(0));
        assertEquals(1, reply.argument(1));
        assertEquals(1, netstack.sent.size());

        kernel.advance(Simulation.SECONDS);
        resolve(resolver, "www.example.com");
        assertEquals(0, reply.argument(2));
        assertEquals(2, netstack.sent.size());
    }

    @Test
    void shouldAnswerEveryNameAsTheOracleDoesWhateverTheInstance()
    {
        resolve(withUpstream("1.0.0"), "db.internal");
        final long first = reply.argument(0);

        resolve(withUpstream("1.0.0-other"), "db.internal");

        assertEquals(first, reply.argument(0));
        assertEquals(DnsResolverProtocol.ANSWER_PREFIX, (int)first & 0xFF00_0000);
    }

    @Test
    void shouldRefuseANameThatIsNotAHostName()
    {
        final ServiceKernel.Instance resolver = withUpstream("1.0.0");

        assertEquals(Status.INVALID_ARGUMENT, resolve(resolver, "-bad.example"));
        assertEquals(Status.INVALID_ARGUMENT, resolve(resolver, "a..b"));
        assertEquals(Status.INVALID_ARGUMENT, resolve(resolver, "x".repeat(DnsResolverProtocol.LABEL_LENGTH_MAX + 1)));
    }

    @Test
    void shouldRefuseAMissWithoutAnUpstream()
    {
        assertEquals(DnsResolverProtocol.NO_UPSTREAM, resolve(start("1.0.0"), "www.example.com"));
    }

    @Test
    void shouldCacheNothingWhenNetstackRefusesTheQuery()
    {
        final ServiceKernel.Instance resolver = withUpstream("1.0.0");
        netstack.refuseSends(NetstackProtocol.HOST_UNREACHABLE);

        assertEquals(DnsResolverProtocol.UPSTREAM_FAILED, resolve(resolver, "www.example.com"));
        assertEquals(NetstackProtocol.HOST_UNREACHABLE, reply.argument(0));
        request.clear().operation(DnsResolverProtocol.STATS);
        resolver.handle(request, reply);
        assertEquals(0, reply.argument(0));
    }

    @Test
    void shouldKeepTheLatestAnswersWhenASetOverflows()
    {
        final ServiceKernel.Instance resolver = withUpstream("1.0.0");
        for (int i = 0; i < DnsStateDescriptor.ENTRIES * 2; i++)
        {
            resolve(resolver, "host" + i + ".example");
            kernel.advance(Simulation.MILLIS);
        }
        request.clear().operation(DnsResolverProtocol.STATS);
        resolver.handle(request, reply);
        final long cached = reply.argument(0);

        resolve(resolver, "host" + (DnsStateDescriptor.ENTRIES * 2 - 1) + ".example");

        assertEquals(1, reply.argument(2));
        assertTrue(cached <= DnsStateDescriptor.ENTRIES, "cached=" + cached);
    }

    @Test
    void shouldCarryLiveAnswersToTheNewInstance()
    {
        final ServiceKernel.Instance old = withUpstream("1.0.0");
        resolve(old, "www.example.com");
        final long address = reply.argument(0);
        kernel.advance(Simulation.SECONDS);
        old.service.prepareMigration(Quiescence.PROTOCOL_FREE);
        final StateSnapshot snapshot = old.service.exportState(MIGRATION);
        final ServiceKernel.Instance fresh = start("1.0.0-new");

        assertEquals(Status.OK, fresh.service.importState(snapshot, MIGRATION));
        resolve(fresh, "www.example.com");

        assertEquals(1, reply.argument(2));
        assertEquals(address, reply.argument(0));
        assertEquals(DnsResolverProtocol.ANSWER_TTL_SECONDS - 1, reply.argument(1));
        resolve(fresh, "other.example.com");
        assertEquals(1, netstack.lastSent().connectionId());
    }

    @Test
    void shouldAnswerButNotCacheWhileFrozen()
    {
        final ServiceKernel.Instance resolver = withUpstream("1.0.0");
        resolver.service.prepareMigration(Quiescence.WORK_FREE);

        assertEquals(Status.OK, resolve(resolver, "www.example.com"));
        resolve(resolver, "www.example.com");
        assertEquals(0, reply.argument(2));
        request.clear().operation(DnsResolverProtocol.FLUSH);
        resolver.handle(request, reply);
        assertEquals(Status.BUSY, reply.status());
    }

    @Test
    void shouldRefuseASnapshotWithAChangedByte()
    {
        final ServiceKernel.Instance old = withUpstream("1.0.0");
        resolve(old, "www.example.com");
        final StateSnapshot snapshot = old.service.exportState(MIGRATION);
        final byte[] global = new byte[snapshot.globalLength()];
        snapshot.copyGlobal(global, 0);
        global[global.length - 1] ^= 1;

        assertEquals(Status.STATE_CORRUPT, start("1.0.0-new").service.importState(
            StateSnapshot.builder(DnsResolver.STATE_VERSION).global(global, 0, global.length).build(), MIGRATION));
    }

    @Test
    void shouldReportDegradedWithoutAnUpstream()
    {
        final HealthReport report = new HealthReport();

        start("1.0.0").service.probe(report);
        assertEquals(Health.DEGRADED, report.health());
        withUpstream("1.0.0-b").service.probe(report);
        assertEquals(Health.HEALTHY, report.health());
        assertNotEquals(0, report.memoryInUseBytes());
    }
}
