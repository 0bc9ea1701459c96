package org.hicsim.services.firewall;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.ServiceKernel;
import org.hicsim.services.common.LittleEndian;
import org.hicsim.services.common.SnapshotCheckpoint;
import org.hicsim.services.common.SnapshotDescriptor;
import org.hicsim.services.firewall.v1_0_0.Firewall;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class FirewallTest
{
    private static final long MEMORY = 64 * 1024;
    private static final MigrationContext MIGRATION = new MigrationContext(1, 0, Firewall.STATE_VERSION);
    private static final int NET_10 = 0x0A00_0000;
    private static final int HOST_10_1_2_3 = 0x0A01_0203;
    private static final int HOST_192_168_0_1 = 0xC0A8_0001;
    private static final int PORT_ANY_LOW = 0;
    private static final int PORT_ANY_HIGH = 0xFFFF;
    private static final int HTTP = 80;
    private static final int CLIENT_PORT = 40000;

    private final ServiceKernel kernel = new ServiceKernel();
    private final Message request = new Message();
    private final Message reply = new Message();

    static byte[] rule(final int source, final int sourcePrefix, final int destinationPortLow,
        final int destinationPortHigh, final int protocol, final int action)
    {
        final byte[] rule = new byte[RuleDescriptor.LENGTH];
        LittleEndian.putInt(rule, RuleDescriptor.SOURCE_ADDRESS_OFFSET, source);
        LittleEndian.putShort(rule, RuleDescriptor.SOURCE_PORT_LOW_OFFSET, PORT_ANY_LOW);
        LittleEndian.putShort(rule, RuleDescriptor.SOURCE_PORT_HIGH_OFFSET, PORT_ANY_HIGH);
        LittleEndian.putShort(rule, RuleDescriptor.DESTINATION_PORT_LOW_OFFSET, destinationPortLow);
        LittleEndian.putShort(rule, RuleDescriptor.DESTINATION_PORT_HIGH_OFFSET, destinationPortHigh);
        rule[RuleDescriptor.SOURCE_PREFIX_OFFSET] = (byte)sourcePrefix;
        rule[RuleDescriptor.PROTOCOL_OFFSET] = (byte)protocol;
        rule[RuleDescriptor.ACTION_OFFSET] = (byte)action;
        return rule;
    }

    private ServiceKernel.Instance start(final String version)
    {
        return start(kernel, version);
    }

    /** Properties start theirs in a kernel of their own: jqwik runs every try on one test instance. */
    private static ServiceKernel.Instance start(final ServiceKernel kernel, final String version)
    {
        return kernel.start("firewall", version, new Firewall(), MEMORY);
    }

    private int add(final ServiceKernel.Instance firewall, final long position, final byte[] rule)
    {
        request.clear().operation(FirewallProtocol.ADD_RULE).argument(0, position).payload(rule, 0, rule.length);
        firewall.handle(request, reply);
        return reply.status();
    }

    private long check(final ServiceKernel.Instance firewall, final int source, final int destinationPort,
        final int protocol)
    {
        request.clear().operation(FirewallProtocol.CHECK).argument(0, source & 0xFFFF_FFFFL)
            .argument(1, HOST_192_168_0_1 & 0xFFFF_FFFFL)
            .argument(2, (long)CLIENT_PORT << 16 | destinationPort)
            .argument(3, protocol);
        firewall.handle(request, reply);
        assertEquals(Status.OK, reply.status());
        return reply.argument(0);
    }

    private long ruleHash(final ServiceKernel.Instance firewall)
    {
        request.clear().operation(FirewallProtocol.RULE_HASH);
        firewall.handle(request, reply);
        return reply.argument(0);
    }

    @Test
    void shouldDenyEveryPacketWithNoRules()
    {
        assertEquals(FirewallProtocol.DENY, check(start("1.0.0"), HOST_10_1_2_3, HTTP, FirewallProtocol.PROTOCOL_TCP));
        assertEquals(FirewallProtocol.NO_RULE, reply.argument(1));
    }

    @Test
    void shouldApplyTheFirstRuleThatMatches()
    {
        final ServiceKernel.Instance firewall = start("1.0.0");
        add(firewall, FirewallProtocol.POSITION_APPEND,
            rule(HOST_10_1_2_3, 32, PORT_ANY_LOW, PORT_ANY_HIGH, FirewallProtocol.PROTOCOL_ANY, FirewallProtocol.DENY));
        add(firewall, FirewallProtocol.POSITION_APPEND,
            rule(NET_10, 8, HTTP, HTTP, FirewallProtocol.PROTOCOL_TCP, FirewallProtocol.ALLOW));

        assertEquals(FirewallProtocol.DENY, check(firewall, HOST_10_1_2_3, HTTP, FirewallProtocol.PROTOCOL_TCP));
        assertEquals(0, reply.argument(1));
        assertEquals(FirewallProtocol.ALLOW, check(firewall, HOST_10_1_2_3 + 1, HTTP, FirewallProtocol.PROTOCOL_TCP));
        assertEquals(1, reply.argument(1));
    }

    @Test
    void shouldLetARuleInsertedInFrontOverrideTheOthers()
    {
        final ServiceKernel.Instance firewall = start("1.0.0");
        add(firewall, FirewallProtocol.POSITION_APPEND,
            rule(NET_10, 8, HTTP, HTTP, FirewallProtocol.PROTOCOL_TCP, FirewallProtocol.ALLOW));

        add(firewall, 0, rule(HOST_10_1_2_3, 32, PORT_ANY_LOW, PORT_ANY_HIGH, FirewallProtocol.PROTOCOL_ANY,
            FirewallProtocol.DENY));

        assertEquals(FirewallProtocol.DENY, check(firewall, HOST_10_1_2_3, HTTP, FirewallProtocol.PROTOCOL_TCP));
    }

    @Test
    void shouldMatchOnlyTheRulesProtocolAndPortRange()
    {
        final ServiceKernel.Instance firewall = start("1.0.0");
        add(firewall, FirewallProtocol.POSITION_APPEND,
            rule(NET_10, 8, HTTP, HTTP, FirewallProtocol.PROTOCOL_TCP, FirewallProtocol.ALLOW));

        assertEquals(FirewallProtocol.DENY, check(firewall, HOST_10_1_2_3, HTTP, FirewallProtocol.PROTOCOL_UDP));
        assertEquals(FirewallProtocol.DENY, check(firewall, HOST_10_1_2_3, HTTP + 1, FirewallProtocol.PROTOCOL_TCP));
        assertEquals(FirewallProtocol.DENY, check(firewall, HOST_192_168_0_1, HTTP, FirewallProtocol.PROTOCOL_TCP));
    }

    @Property(tries = 100)
    void shouldMatchExactlyTheAddressesInsideThePrefix(
        @ForAll @IntRange(max = 32) final int prefix, @ForAll final int network, @ForAll final int source)
    {
        final ServiceKernel.Instance firewall = start(new ServiceKernel(), "1.0.0");
        final int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        add(firewall, FirewallProtocol.POSITION_APPEND, rule(network & mask, prefix, PORT_ANY_LOW, PORT_ANY_HIGH,
            FirewallProtocol.PROTOCOL_ANY, FirewallProtocol.ALLOW));

        final boolean inside = ((source ^ network) & mask) == 0;

        assertEquals(inside ? FirewallProtocol.ALLOW : FirewallProtocol.DENY,
            check(firewall, source, HTTP, FirewallProtocol.PROTOCOL_TCP));
    }

    @Test
    void shouldRefuseARuleWithAddressBitsPastItsPrefix()
    {
        assertEquals(Status.INVALID_ARGUMENT, add(start("1.0.0"), FirewallProtocol.POSITION_APPEND,
            rule(HOST_10_1_2_3, 8, HTTP, HTTP, FirewallProtocol.PROTOCOL_TCP, FirewallProtocol.ALLOW)));
    }

    @Test
    void shouldRefuseARuleWithAnEmptyPortRange()
    {
        assertEquals(Status.INVALID_ARGUMENT, add(start("1.0.0"), FirewallProtocol.POSITION_APPEND,
            rule(NET_10, 8, HTTP + 1, HTTP, FirewallProtocol.PROTOCOL_TCP, FirewallProtocol.ALLOW)));
    }

    @Test
    void shouldRefuseARuleOnceTheTableIsFull()
    {
        final ServiceKernel.Instance firewall = start("1.0.0");
        for (int i = 0; i < Firewall.CAPACITY; i++)
        {
            assertEquals(Status.OK, add(firewall, FirewallProtocol.POSITION_APPEND,
                rule(NET_10, 8, i, i, FirewallProtocol.PROTOCOL_TCP, FirewallProtocol.ALLOW)));
        }

        assertEquals(Status.NO_CAPACITY, add(firewall, FirewallProtocol.POSITION_APPEND,
            rule(NET_10, 8, HTTP, HTTP, FirewallProtocol.PROTOCOL_TCP, FirewallProtocol.ALLOW)));
    }

    @Test
    void shouldForgetARemovedRule()
    {
        final ServiceKernel.Instance firewall = start("1.0.0");
        add(firewall, FirewallProtocol.POSITION_APPEND,
            rule(NET_10, 8, HTTP, HTTP, FirewallProtocol.PROTOCOL_TCP, FirewallProtocol.ALLOW));
        final long emptyHash = ruleHash(start("1.0.0-empty"));
        request.clear().operation(FirewallProtocol.REMOVE_RULE).argument(0, 0);

        firewall.handle(request, reply);

        assertEquals(Status.OK, reply.status());
        assertEquals(0, reply.argument(1));
        assertEquals(emptyHash, reply.argument(0));
        assertEquals(FirewallProtocol.DENY, check(firewall, HOST_10_1_2_3, HTTP, FirewallProtocol.PROTOCOL_TCP));
    }

    @Test
    void shouldCountTheChecksEachRuleMatched()
    {
        final ServiceKernel.Instance firewall = start("1.0.0");
        final byte[] allowHttp = rule(NET_10, 8, HTTP, HTTP, FirewallProtocol.PROTOCOL_TCP, FirewallProtocol.ALLOW);
        add(firewall, FirewallProtocol.POSITION_APPEND, allowHttp);
        check(firewall, HOST_10_1_2_3, HTTP, FirewallProtocol.PROTOCOL_TCP);
        check(firewall, HOST_10_1_2_3, HTTP, FirewallProtocol.PROTOCOL_TCP);
        request.clear().operation(FirewallProtocol.GET_RULE).argument(0, 0);

        firewall.handle(request, reply);

        assertEquals(2, reply.argument(0));
        final byte[] stored = new byte[reply.payloadLength()];
        reply.copyPayload(stored, 0);
        assertArrayEquals(allowHttp, stored);
    }

    @Test
    void shouldHashRulesInTheirOrder()
    {
        final byte[] allow = rule(NET_10, 8, HTTP, HTTP, FirewallProtocol.PROTOCOL_TCP, FirewallProtocol.ALLOW);
        final byte[] deny = rule(HOST_10_1_2_3, 32, PORT_ANY_LOW, PORT_ANY_HIGH, FirewallProtocol.PROTOCOL_ANY,
            FirewallProtocol.DENY);
        final ServiceKernel.Instance first = start("1.0.0-a");
        add(first, FirewallProtocol.POSITION_APPEND, allow);
        add(first, FirewallProtocol.POSITION_APPEND, deny);
        final ServiceKernel.Instance same = start("1.0.0-b");
        add(same, FirewallProtocol.POSITION_APPEND, deny);
        add(same, 0, allow);
        final ServiceKernel.Instance reordered = start("1.0.0-c");
        add(reordered, FirewallProtocol.POSITION_APPEND, deny);
        add(reordered, FirewallProtocol.POSITION_APPEND, allow);

        assertEquals(ruleHash(first), ruleHash(same));
        assertNotEquals(ruleHash(first), ruleHash(reordered));
    }

    @Test
    void shouldChangeTheHashWithTheDefaultVerdict()
    {
        final ServiceKernel.Instance firewall = start("1.0.0");
        final long denyAll = ruleHash(firewall);
        request.clear().operation(FirewallProtocol.SET_DEFAULT).argument(0, FirewallProtocol.ALLOW);

        firewall.handle(request, reply);

        assertNotEquals(denyAll, reply.argument(0));
        assertEquals(FirewallProtocol.ALLOW, check(firewall, HOST_10_1_2_3, HTTP, FirewallProtocol.PROTOCOL_TCP));
    }

    @Test
    void shouldReplicateRulesWithTheSameRuleHash()
    {
        final ServiceKernel.Instance old = start("1.0.0");
        add(old, FirewallProtocol.POSITION_APPEND,
            rule(HOST_10_1_2_3, 32, PORT_ANY_LOW, PORT_ANY_HIGH, FirewallProtocol.PROTOCOL_ANY, FirewallProtocol.DENY));
        add(old, FirewallProtocol.POSITION_APPEND,
            rule(NET_10, 8, HTTP, HTTP, FirewallProtocol.PROTOCOL_TCP, FirewallProtocol.ALLOW));
        old.service.prepareMigration(Quiescence.PROTOCOL_FREE);
        final StateSnapshot snapshot = old.service.exportState(MIGRATION);
        final ServiceKernel.Instance fresh = start("1.0.0-new");

        assertEquals(Status.OK, fresh.service.importState(snapshot, MIGRATION));

        assertEquals(ruleHash(old), ruleHash(fresh));
        assertEquals(FirewallProtocol.ALLOW, check(fresh, HOST_10_1_2_3 + 1, HTTP, FirewallProtocol.PROTOCOL_TCP));
        assertEquals(FirewallProtocol.DENY, check(fresh, HOST_10_1_2_3, HTTP, FirewallProtocol.PROTOCOL_TCP));
    }

    @Test
    void shouldRefuseRulesThatDoNotHashToTheRecordedRuleHash()
    {
        final ServiceKernel.Instance old = start("1.0.0");
        add(old, FirewallProtocol.POSITION_APPEND,
            rule(NET_10, 8, HTTP, HTTP, FirewallProtocol.PROTOCOL_TCP, FirewallProtocol.ALLOW));
        final StateSnapshot snapshot = old.service.exportState(MIGRATION);
        final byte[] global = new byte[snapshot.globalLength()];
        snapshot.copyGlobal(global, 0);
        final int hashAt = SnapshotDescriptor.BODY_OFFSET + FirewallSnapshotDescriptor.RULE_HASH_OFFSET;
        LittleEndian.putInt(global, hashAt, LittleEndian.getInt(global, hashAt) + 1);
        final StateSnapshot resealed = new SnapshotCheckpoint().seal(Firewall.STATE_VERSION, global,
            global.length - SnapshotDescriptor.HEADER_LENGTH, List.of());
        final ServiceKernel.Instance fresh = start("1.0.0-new");
        final long freshHash = ruleHash(fresh);

        assertEquals(Status.STATE_CORRUPT, fresh.service.importState(resealed, MIGRATION));
        assertEquals(freshHash, ruleHash(fresh));
        assertEquals(0, reply.argument(1));
    }

    @Test
    void shouldKeepCheckingButRefusePolicyChangesWhileFrozen()
    {
        final ServiceKernel.Instance firewall = start("1.0.0");
        firewall.service.prepareMigration(Quiescence.PROTOCOL_FREE);

        assertEquals(Status.BUSY, add(firewall, FirewallProtocol.POSITION_APPEND,
            rule(NET_10, 8, HTTP, HTTP, FirewallProtocol.PROTOCOL_TCP, FirewallProtocol.ALLOW)));
        assertEquals(FirewallProtocol.DENY, check(firewall, HOST_10_1_2_3, HTTP, FirewallProtocol.PROTOCOL_TCP));
        firewall.service.abortMigration();
        assertEquals(Status.OK, add(firewall, FirewallProtocol.POSITION_APPEND,
            rule(NET_10, 8, HTTP, HTTP, FirewallProtocol.PROTOCOL_TCP, FirewallProtocol.ALLOW)));
    }

    @Test
    void shouldRefuseAPositionPastTheEnd()
    {
        assertEquals(Status.INVALID_ARGUMENT, add(start("1.0.0"), 1,
            rule(NET_10, 8, HTTP, HTTP, FirewallProtocol.PROTOCOL_TCP, FirewallProtocol.ALLOW)));
    }
}
