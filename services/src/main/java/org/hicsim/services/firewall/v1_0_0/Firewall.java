package org.hicsim.services.firewall.v1_0_0;

import java.util.List;
import java.util.zip.CRC32C;

import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.common.ConnectionlessService;
import org.hicsim.services.common.LittleEndian;
import org.hicsim.services.common.PhaseWord;
import org.hicsim.services.common.SandboxMemory;
import org.hicsim.services.common.SnapshotCheckpoint;
import org.hicsim.services.common.SnapshotDescriptor;
import org.hicsim.services.firewall.FirewallProtocol;
import org.hicsim.services.firewall.FirewallRule;
import org.hicsim.services.firewall.FirewallSnapshotDescriptor;
import org.hicsim.services.firewall.FirewallStateDescriptor;
import org.hicsim.services.firewall.RuleDescriptor;

/**
 * firewall 1.0.0: an ordered rule table in sandbox memory ({@link FirewallStateDescriptor}), first match wins,
 * with its rule hash kept current for consistency checks ({@link FirewallProtocol}). Rules replicate to a new
 * instance through the snapshot, and the importer checks the recorded rule hash against the rules it got.
 * While frozen for a migration, and once it has exported, it goes on checking packets but refuses to change the
 * policy ({@code BUSY}, then {@code MIGRATED}: the importer's rules are the ones to change), so the rule hash the
 * snapshot records is the one the old instance keeps enforcing. It holds no connections (it judges packets, it
 * does not track them) and is quiescent at every level at once: each request is served whole.
 */
public final class Firewall extends ConnectionlessService
{
    public static final int STATE_VERSION = 1;
    public static final int CAPACITY = 1024;

    private final byte[] slots = new byte[CAPACITY * FirewallStateDescriptor.SLOT_LENGTH];
    private final byte[] rule = new byte[RuleDescriptor.LENGTH];
    private final byte[] verdict = new byte[Integer.BYTES];
    private final byte[] global =
        new byte[SnapshotDescriptor.HEADER_LENGTH + FirewallSnapshotDescriptor.length(CAPACITY)];
    private final SnapshotCheckpoint checkpoint = new SnapshotCheckpoint();
    private final CRC32C crc = new CRC32C();
    private ServiceContext context;
    private long base;
    private PhaseWord phase;

    /**
     * Starts with an empty table that denies everything: a firewall fails closed.
     *
     * @throws IllegalStateException if the sandbox is too small for the table.
     */
    @Override
    public void init(final ServiceContext context)
    {
        this.base = SandboxMemory.base(context, FirewallStateDescriptor.length(CAPACITY), "a table of capacity=" + CAPACITY + " needs");
        this.context = context;
        this.phase = new PhaseWord(context, base + FirewallStateDescriptor.PHASE_OFFSET);
        phase.serve();
        context.storeInt(base + FirewallStateDescriptor.DEFAULT_VERDICT_OFFSET, FirewallProtocol.DENY);
        context.storeInt(base + FirewallStateDescriptor.RULE_COUNT_OFFSET, 0);
        context.storeLong(base + FirewallStateDescriptor.CHECKS_OFFSET, 0);
        context.storeLong(base + FirewallStateDescriptor.DENIED_OFFSET, 0);
        rehash();
    }

    @Override
    protected void serve(final Message request, final Message reply, final int refusal)
    {
        switch (request.operation())
        {
            case FirewallProtocol.ADD_RULE:
                reply.status(refusal == Status.OK ? addRule(request, reply) : refusal);
                break;
            case FirewallProtocol.REMOVE_RULE:
                reply.status(refusal == Status.OK ? removeRule(request, reply) : refusal);
                break;
            case FirewallProtocol.CHECK:
                reply.status(check(request, reply));
                break;
            case FirewallProtocol.RULE_HASH:
                reply.status(describe(reply));
                break;
            case FirewallProtocol.SET_DEFAULT:
                reply.status(refusal == Status.OK ? setDefault(request, reply) : refusal);
                break;
            case FirewallProtocol.GET_RULE:
                reply.status(getRule(request, reply));
                break;
            default:
                reply.status(Status.UNKNOWN_OPERATION);
        }
    }

    /** Degraded once the table is nine tenths full; unhealthy once retired. */
    @Override
    public void probe(final HealthReport report)
    {
        final int count = ruleCount();
        final Health health = phase.isRetired() ? Health.UNHEALTHY
            : count * 10 >= CAPACITY * 9 ? Health.DEGRADED : Health.HEALTHY;
        report.clear().health(health).memoryInUseBytes(FirewallStateDescriptor.slotOffset(count));
    }

    @Override
    protected StateSnapshot writeSnapshot(final MigrationContext migration)
    {
        if (migration.snapshotStateVersion() != STATE_VERSION)
        {
            return null;
        }
        final int count = ruleCount();
        final int body = SnapshotDescriptor.BODY_OFFSET;
        LittleEndian.putInt(global, body + FirewallSnapshotDescriptor.DEFAULT_VERDICT_OFFSET, defaultVerdict());
        LittleEndian.putInt(global, body + FirewallSnapshotDescriptor.RULE_COUNT_OFFSET, count);
        LittleEndian.putInt(global, body + FirewallSnapshotDescriptor.RULE_HASH_OFFSET, ruleHash());
        LittleEndian.putInt(global, body + FirewallSnapshotDescriptor.RESERVED_OFFSET, 0);
        LittleEndian.putLong(global, body + FirewallSnapshotDescriptor.CHECKS_OFFSET,
            context.loadLong(base + FirewallStateDescriptor.CHECKS_OFFSET));
        LittleEndian.putLong(global, body + FirewallSnapshotDescriptor.DENIED_OFFSET,
            context.loadLong(base + FirewallStateDescriptor.DENIED_OFFSET));
        context.loadBytes(base + FirewallStateDescriptor.SLOTS_OFFSET, global,
            body + FirewallSnapshotDescriptor.SLOTS_OFFSET, count * FirewallStateDescriptor.SLOT_LENGTH);
        return checkpoint.seal(STATE_VERSION, global, FirewallSnapshotDescriptor.length(count), List.of());
    }

    /**
     * Replaces the table with the snapshot's after checking, besides its checkpoint, that every rule is
     * canonical and that the rules hash to the rule hash the exporter recorded.
     */
    @Override
    protected int readSnapshot(final StateSnapshot snapshot, final MigrationContext migration)
    {
        final int bodyLength = checkpoint.open(snapshot, STATE_VERSION, global);
        if (bodyLength < 0)
        {
            return bodyLength;
        }
        final int body = SnapshotDescriptor.BODY_OFFSET;
        if (bodyLength < FirewallSnapshotDescriptor.SLOTS_OFFSET || !snapshot.connections().isEmpty())
        {
            return Status.STATE_CORRUPT;
        }
        final int count = LittleEndian.getInt(global, body + FirewallSnapshotDescriptor.RULE_COUNT_OFFSET);
        final int defaultVerdict =
            LittleEndian.getInt(global, body + FirewallSnapshotDescriptor.DEFAULT_VERDICT_OFFSET);
        if (count < 0 || count > CAPACITY || bodyLength != FirewallSnapshotDescriptor.length(count)
            || !isVerdict(defaultVerdict))
        {
            return Status.STATE_CORRUPT;
        }
        final int slotsOffset = body + FirewallSnapshotDescriptor.SLOTS_OFFSET;
        for (int position = 0; position < count; position++)
        {
            if (!FirewallRule.isCanonical(global, slotsOffset + position * FirewallStateDescriptor.SLOT_LENGTH
                + FirewallStateDescriptor.SLOT_RULE_OFFSET))
            {
                return Status.STATE_CORRUPT;
            }
        }
        final int hash = hash(global, slotsOffset, count, defaultVerdict);
        if (hash != LittleEndian.getInt(global, body + FirewallSnapshotDescriptor.RULE_HASH_OFFSET))
        {
            return Status.STATE_CORRUPT;
        }
        context.storeInt(base + FirewallStateDescriptor.DEFAULT_VERDICT_OFFSET, defaultVerdict);
        context.storeInt(base + FirewallStateDescriptor.RULE_COUNT_OFFSET, count);
        context.storeInt(base + FirewallStateDescriptor.RULE_HASH_OFFSET, hash);
        context.storeLong(base + FirewallStateDescriptor.CHECKS_OFFSET,
            LittleEndian.getLong(global, body + FirewallSnapshotDescriptor.CHECKS_OFFSET));
        context.storeLong(base + FirewallStateDescriptor.DENIED_OFFSET,
            LittleEndian.getLong(global, body + FirewallSnapshotDescriptor.DENIED_OFFSET));
        context.storeBytes(base + FirewallStateDescriptor.SLOTS_OFFSET, global, slotsOffset,
            count * FirewallStateDescriptor.SLOT_LENGTH);
        return Status.OK;
    }

    @Override
    protected PhaseWord phase()
    {
        return phase;
    }

    private int addRule(final Message request, final Message reply)
    {
        final int count = ruleCount();
        final long requested = request.argument(0);
        final long position = requested == FirewallProtocol.POSITION_APPEND ? count : requested;
        if (request.payloadLength() != RuleDescriptor.LENGTH || position < 0 || position > count)
        {
            return Status.INVALID_ARGUMENT;
        }
        request.copyPayload(rule, 0);
        if (!FirewallRule.isCanonical(rule, 0))
        {
            return Status.INVALID_ARGUMENT;
        }
        if (count == CAPACITY)
        {
            return Status.NO_CAPACITY;
        }
        final int at = (int)position;
        final int tailLength = (count - at) * FirewallStateDescriptor.SLOT_LENGTH;
        context.loadBytes(slotAddress(at), slots, 0, tailLength);
        context.storeBytes(slotAddress(at + 1), slots, 0, tailLength);
        context.storeBytes(slotAddress(at) + FirewallStateDescriptor.SLOT_RULE_OFFSET, rule, 0, RuleDescriptor.LENGTH);
        context.storeLong(slotAddress(at) + FirewallStateDescriptor.SLOT_MATCHES_OFFSET, 0);
        context.storeInt(base + FirewallStateDescriptor.RULE_COUNT_OFFSET, count + 1);
        rehash();
        describe(reply);
        reply.argument(2, at);
        return Status.OK;
    }

    private int removeRule(final Message request, final Message reply)
    {
        final int count = ruleCount();
        final long position = request.argument(0);
        if (position < 0 || position >= count)
        {
            return Status.INVALID_ARGUMENT;
        }
        final int at = (int)position;
        final int tailLength = (count - at - 1) * FirewallStateDescriptor.SLOT_LENGTH;
        context.loadBytes(slotAddress(at + 1), slots, 0, tailLength);
        context.storeBytes(slotAddress(at), slots, 0, tailLength);
        context.storeInt(base + FirewallStateDescriptor.RULE_COUNT_OFFSET, count - 1);
        rehash();
        return describe(reply);
    }

    private int check(final Message request, final Message reply)
    {
        final long sourceAddress = request.argument(0);
        final long destinationAddress = request.argument(1);
        final long ports = request.argument(2);
        final long protocol = request.argument(3);
        if (!isAddress(sourceAddress) || !isAddress(destinationAddress)
            || ports < 0 || ports > 0xFFFF_FFFFL || protocol < 0 || protocol > 0xFF)
        {
            return Status.INVALID_ARGUMENT;
        }
        final int sourcePort = (int)(ports >>> 16);
        final int destinationPort = (int)(ports & 0xFFFF);
        final int count = ruleCount();
        int matched = -1;
        for (int position = 0; position < count && matched < 0; position++)
        {
            context.loadBytes(slotAddress(position) + FirewallStateDescriptor.SLOT_RULE_OFFSET, rule, 0,
                RuleDescriptor.LENGTH);
            if (FirewallRule.matches(rule, 0, (int)sourceAddress, (int)destinationAddress, sourcePort,
                destinationPort, (int)protocol))
            {
                matched = position;
            }
        }
        final int verdict;
        if (matched >= 0)
        {
            verdict = FirewallRule.action(rule, 0);
            final long matches = slotAddress(matched) + FirewallStateDescriptor.SLOT_MATCHES_OFFSET;
            context.storeLong(matches, context.loadLong(matches) + 1);
        }
        else
        {
            verdict = defaultVerdict();
        }
        increment(FirewallStateDescriptor.CHECKS_OFFSET);
        if (verdict == FirewallProtocol.DENY)
        {
            increment(FirewallStateDescriptor.DENIED_OFFSET);
        }
        reply.argument(0, verdict).argument(1, matched >= 0 ? matched : FirewallProtocol.NO_RULE);
        return Status.OK;
    }

    private int setDefault(final Message request, final Message reply)
    {
        final long verdict = request.argument(0);
        if (verdict != FirewallProtocol.ALLOW && verdict != FirewallProtocol.DENY)
        {
            return Status.INVALID_ARGUMENT;
        }
        context.storeInt(base + FirewallStateDescriptor.DEFAULT_VERDICT_OFFSET, (int)verdict);
        rehash();
        return describe(reply);
    }

    private int getRule(final Message request, final Message reply)
    {
        final long position = request.argument(0);
        if (position < 0 || position >= ruleCount())
        {
            return Status.INVALID_ARGUMENT;
        }
        final long slot = slotAddress((int)position);
        context.loadBytes(slot + FirewallStateDescriptor.SLOT_RULE_OFFSET, rule, 0, RuleDescriptor.LENGTH);
        reply.payload(rule, 0, RuleDescriptor.LENGTH)
            .argument(0, context.loadLong(slot + FirewallStateDescriptor.SLOT_MATCHES_OFFSET));
        return Status.OK;
    }

    private int describe(final Message reply)
    {
        reply.argument(0, ruleHash() & 0xFFFF_FFFFL).argument(1, ruleCount());
        return Status.OK;
    }

    /** Recomputes the rule hash from the table in memory and records it in the header. */
    private void rehash()
    {
        final int count = ruleCount();
        context.loadBytes(slotAddress(0), slots, 0, count * FirewallStateDescriptor.SLOT_LENGTH);
        context.storeInt(base + FirewallStateDescriptor.RULE_HASH_OFFSET, hash(slots, 0, count, defaultVerdict()));
    }

    /** The rule hash of {@link FirewallProtocol} over {@code count} slots laid out from {@code offset}. */
    private int hash(final byte[] src, final int offset, final int count, final int defaultVerdict)
    {
        crc.reset();
        LittleEndian.putInt(verdict, 0, defaultVerdict);
        crc.update(verdict, 0, verdict.length);
        for (int position = 0; position < count; position++)
        {
            crc.update(src, offset + position * FirewallStateDescriptor.SLOT_LENGTH
                + FirewallStateDescriptor.SLOT_RULE_OFFSET, RuleDescriptor.LENGTH);
        }
        return (int)crc.getValue();
    }

    private int ruleCount()
    {
        return context.loadInt(base + FirewallStateDescriptor.RULE_COUNT_OFFSET);
    }

    private int ruleHash()
    {
        return context.loadInt(base + FirewallStateDescriptor.RULE_HASH_OFFSET);
    }

    private int defaultVerdict()
    {
        return context.loadInt(base + FirewallStateDescriptor.DEFAULT_VERDICT_OFFSET);
    }

    private long slotAddress(final int position)
    {
        return base + FirewallStateDescriptor.slotOffset(position);
    }

    private void increment(final int offset)
    {
        context.storeLong(base + offset, context.loadLong(base + offset) + 1);
    }

    private static boolean isAddress(final long address)
    {
        return address >= 0 && address <= 0xFFFF_FFFFL;
    }

    private static boolean isVerdict(final int verdict)
    {
        return verdict == FirewallProtocol.ALLOW || verdict == FirewallProtocol.DENY;
    }
}
