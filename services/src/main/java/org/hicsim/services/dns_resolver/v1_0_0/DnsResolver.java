package org.hicsim.services.dns_resolver.v1_0_0;

import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Health;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.ServiceContext;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.common.LittleEndian;
import org.hicsim.services.common.ConnectionlessService;
import org.hicsim.services.common.NetstackClient;
import org.hicsim.services.common.PhaseWord;
import org.hicsim.services.common.SandboxMemory;
import org.hicsim.services.common.SnapshotCheckpoint;
import org.hicsim.services.common.SnapshotDescriptor;
import org.hicsim.services.dns_resolver.CacheEntryDescriptor;
import org.hicsim.services.dns_resolver.DnsName;
import org.hicsim.services.dns_resolver.DnsResolverProtocol;
import org.hicsim.services.dns_resolver.DnsSnapshotDescriptor;
import org.hicsim.services.dns_resolver.DnsStateDescriptor;

/**
 * dns_resolver 1.0.0: resolves host names ({@link DnsResolverProtocol}) through a set-associative TTL cache in
 * sandbox memory ({@link DnsStateDescriptor}); a miss sends an RFC 1035 query to the upstream server through
 * netstack and caches the answer until it expires in virtual time, replacing the entry of its set that expires
 * first when the set is full.
 * <p>
 * Frozen for a migration it still answers every name, but leaves the cache as the snapshot takes it: a miss is
 * resolved and not cached, and the upstream cannot be changed nor the cache flushed ({@code BUSY}); once it has
 * exported, the cache is the importer's, and those are answered {@code MIGRATED}. A query is sent and
 * answered within one call, so the resolver is quiescent at every level at once. It holds no connections of its
 * own: its upstream one is netstack's.
 */
public final class DnsResolver extends ConnectionlessService
{
    public static final int STATE_VERSION = 1;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int HASH_MIX = 0x9E37_79B9;

    private final byte[] name = new byte[CacheEntryDescriptor.NAME_CAPACITY];
    private final byte[] cachedName = new byte[CacheEntryDescriptor.NAME_CAPACITY];
    private final byte[] query = new byte[DnsName.QUERY_LENGTH_MAX];
    private final byte[] global = new byte[SnapshotDescriptor.HEADER_LENGTH
        + DnsSnapshotDescriptor.length(DnsStateDescriptor.ENTRIES)];
    private final byte[] zeros = new byte[CacheEntryDescriptor.LENGTH];
    private final SnapshotCheckpoint checkpoint = new SnapshotCheckpoint();
    private final CRC32C crc = new CRC32C();
    private ServiceContext context;
    private long base;
    private PhaseWord phase;
    private NetstackClient netstack;

    /**
     * @throws IllegalStateException if the sandbox is too small for the cache.
     */
    @Override
    public void init(final ServiceContext context)
    {
        this.base = SandboxMemory.base(context, DnsStateDescriptor.LENGTH, "the cache needs");
        this.context = context;
        this.phase = new PhaseWord(context, base + DnsStateDescriptor.PHASE_OFFSET);
        this.netstack = new NetstackClient(context);
        context.storeBytes(base, zeros, 0, DnsStateDescriptor.CACHE_OFFSET);
        phase.serve();
        clearCache();
    }

    @Override
    protected void serve(final Message request, final Message reply, final int refusal)
    {
        switch (request.operation())
        {
            case DnsResolverProtocol.RESOLVE:
                reply.status(resolve(request, reply, refusal == Status.OK));
                break;
            case DnsResolverProtocol.SET_UPSTREAM:
                reply.status(refusal == Status.OK ? setUpstream(request, reply) : refusal);
                break;
            case DnsResolverProtocol.FLUSH:
                if (refusal == Status.OK)
                {
                    reply.argument(0, liveEntries());
                    clearCache();
                }
                reply.status(refusal);
                break;
            case DnsResolverProtocol.STATS:
                reply.argument(0, liveEntries())
                    .argument(1, context.loadLong(base + DnsStateDescriptor.HITS_OFFSET))
                    .argument(2, context.loadLong(base + DnsStateDescriptor.MISSES_OFFSET))
                    .argument(3, context.loadLong(base + DnsStateDescriptor.QUERIES_OFFSET));
                break;
            default:
                reply.status(Status.UNKNOWN_OPERATION);
        }
    }

    /** Degraded without an upstream server, since every miss then fails; unhealthy once retired. */
    @Override
    public void probe(final HealthReport report)
    {
        final Health health = phase.isRetired() ? Health.UNHEALTHY
            : upstreamConnection() == Message.NO_CONNECTION ? Health.DEGRADED : Health.HEALTHY;
        report.clear().health(health)
            .memoryInUseBytes(DnsStateDescriptor.CACHE_OFFSET + (long)liveEntries() * CacheEntryDescriptor.LENGTH);
    }

    /**
     * The header and the answers still valid now; expired ones are left behind.
     */
    @Override
    protected StateSnapshot writeSnapshot(final MigrationContext migration)
    {
        if (migration.snapshotStateVersion() != STATE_VERSION)
        {
            return null;
        }
        final int body = SnapshotDescriptor.BODY_OFFSET;
        context.loadBytes(base + DnsStateDescriptor.MIGRATABLE_OFFSET, global,
            body + DnsSnapshotDescriptor.HEADER_OFFSET, DnsStateDescriptor.MIGRATABLE_LENGTH);
        final long now = context.nowNs();
        int answers = 0;
        for (int entry = 0; entry < DnsStateDescriptor.ENTRIES; entry++)
        {
            final long address = entryAddress(entry / DnsStateDescriptor.WAYS, entry % DnsStateDescriptor.WAYS);
            if (context.loadLong(address + CacheEntryDescriptor.EXPIRES_AT_OFFSET) > now)
            {
                context.loadBytes(address, global,
                    body + DnsSnapshotDescriptor.ENTRIES_OFFSET + answers * CacheEntryDescriptor.LENGTH,
                    CacheEntryDescriptor.LENGTH);
                answers++;
            }
        }
        LittleEndian.putInt(global, body + DnsSnapshotDescriptor.ANSWERS_OFFSET, answers);
        return checkpoint.seal(STATE_VERSION, global, DnsSnapshotDescriptor.length(answers), List.of());
    }

    /**
     * Replaces header and cache with the snapshot's, each answer placed in the set its name hashes to, after
     * checking the checkpoint and every answer.
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
        final int answers = bodyLength < DnsSnapshotDescriptor.ENTRIES_OFFSET ? -1
            : LittleEndian.getInt(global, body + DnsSnapshotDescriptor.ANSWERS_OFFSET);
        if (answers < 0 || answers > DnsStateDescriptor.ENTRIES
            || bodyLength != DnsSnapshotDescriptor.length(answers) || !snapshot.connections().isEmpty()
            || !answersValid(body + DnsSnapshotDescriptor.ENTRIES_OFFSET, answers))
        {
            return Status.STATE_CORRUPT;
        }
        context.storeBytes(base + DnsStateDescriptor.MIGRATABLE_OFFSET, global,
            body + DnsSnapshotDescriptor.HEADER_OFFSET, DnsStateDescriptor.MIGRATABLE_LENGTH);
        clearCache();
        final long now = context.nowNs();
        for (int answer = 0; answer < answers; answer++)
        {
            final int at = body + DnsSnapshotDescriptor.ENTRIES_OFFSET + answer * CacheEntryDescriptor.LENGTH;
            final int set = setOf(LittleEndian.getInt(global, at + CacheEntryDescriptor.NAME_HASH_OFFSET));
            context.storeBytes(entryAddress(set, victim(set, now)), global, at, CacheEntryDescriptor.LENGTH);
        }
        return Status.OK;
    }

    @Override
    protected PhaseWord phase()
    {
        return phase;
    }

    private int resolve(final Message request, final Message reply, final boolean cacheWritable)
    {
        final int length = request.payloadLength();
        if (length > DnsResolverProtocol.NAME_LENGTH_MAX)
        {
            return Status.INVALID_ARGUMENT;
        }
        request.copyPayload(query, 0);
        final int nameLength = DnsName.normalize(query, 0, length, name);
        if (nameLength == DnsName.INVALID)
        {
            return Status.INVALID_ARGUMENT;
        }
        crc.reset();
        crc.update(name, 0, nameLength);
        final int hash = (int)crc.getValue();
        final int set = setOf(hash);
        final long now = context.nowNs();
        for (int way = 0; way < DnsStateDescriptor.WAYS; way++)
        {
            final long entry = entryAddress(set, way);
            final long expiresAt = context.loadLong(entry + CacheEntryDescriptor.EXPIRES_AT_OFFSET);
            if (expiresAt > now && holds(entry, hash, nameLength))
            {
                increment(DnsStateDescriptor.HITS_OFFSET);
                reply.argument(0, context.loadInt(entry + CacheEntryDescriptor.ADDRESS_OFFSET) & 0xFFFF_FFFFL)
                    .argument(1, (expiresAt - now) / NANOS_PER_SECOND)
                    .argument(2, 1);
                return Status.OK;
            }
        }
        increment(DnsStateDescriptor.MISSES_OFFSET);
        return askUpstream(hash, nameLength, now, cacheWritable ? set : -1, reply);
    }

    /**
     * Sends the query for {@link #name} upstream and answers with the oracle's address, cached in {@code set}
     * unless that is -1.
     */
    private int askUpstream(final int hash, final int nameLength, final long now, final int set, final Message reply)
    {
        final long upstream = upstreamConnection();
        if (upstream == Message.NO_CONNECTION)
        {
            return DnsResolverProtocol.NO_UPSTREAM;
        }
        final int queryId = context.loadInt(base + DnsStateDescriptor.NEXT_QUERY_ID_OFFSET) & 0xFFFF;
        final int sent = netstack.send(upstream, query, 0, DnsName.writeQuery(query, queryId, name, nameLength));
        if (sent != Status.OK)
        {
            reply.argument(0, sent);
            return DnsResolverProtocol.UPSTREAM_FAILED;
        }
        context.storeInt(base + DnsStateDescriptor.NEXT_QUERY_ID_OFFSET, queryId + 1);
        increment(DnsStateDescriptor.QUERIES_OFFSET);
        final int address = DnsResolverProtocol.ANSWER_PREFIX | ((hash * HASH_MIX) >>> 8);
        if (set >= 0)
        {
            final long entry = entryAddress(set, victim(set, now));
            context.storeBytes(entry, zeros, 0, CacheEntryDescriptor.LENGTH);
            context.storeLong(entry + CacheEntryDescriptor.EXPIRES_AT_OFFSET,
                now + DnsResolverProtocol.ANSWER_TTL_SECONDS * NANOS_PER_SECOND);
            context.storeInt(entry + CacheEntryDescriptor.ADDRESS_OFFSET, address);
            context.storeInt(entry + CacheEntryDescriptor.NAME_HASH_OFFSET, hash);
            context.storeInt(entry + CacheEntryDescriptor.NAME_LENGTH_OFFSET, nameLength);
            context.storeBytes(entry + CacheEntryDescriptor.NAME_OFFSET, name, 0, nameLength);
        }
        reply.argument(0, address & 0xFFFF_FFFFL).argument(1, DnsResolverProtocol.ANSWER_TTL_SECONDS).argument(2, 0);
        return Status.OK;
    }

    private int setUpstream(final Message request, final Message reply)
    {
        final long local = request.argument(0);
        final long server = request.argument(1);
        if (local < 0 || local > 0xFFFF_FFFFL || server < 0 || server > 0xFFFF_FFFFL)
        {
            return Status.INVALID_ARGUMENT;
        }
        final long connectionId = netstack.openUdp((int)local, DnsResolverProtocol.QUERY_PORT, (int)server,
            DnsResolverProtocol.DNS_PORT, ConnectionClass.LOW);
        if (connectionId < 0)
        {
            return (int)connectionId;
        }
        context.storeLong(base + DnsStateDescriptor.UPSTREAM_CONNECTION_OFFSET, connectionId);
        context.storeInt(base + DnsStateDescriptor.UPSTREAM_ADDRESS_OFFSET, (int)server);
        context.storeInt(base + DnsStateDescriptor.LOCAL_ADDRESS_OFFSET, (int)local);
        reply.argument(0, connectionId);
        return Status.OK;
    }

    /**
     * The way of {@code set} a new answer takes: one empty or expired by {@code now}, else the one that expires
     * first.
     */
    private int victim(final int set, final long now)
    {
        int victim = 0;
        long soonest = Long.MAX_VALUE;
        for (int way = 0; way < DnsStateDescriptor.WAYS; way++)
        {
            final long expiresAt = context.loadLong(entryAddress(set, way) + CacheEntryDescriptor.EXPIRES_AT_OFFSET);
            if (expiresAt <= now)
            {
                return way;
            }
            if (expiresAt < soonest)
            {
                soonest = expiresAt;
                victim = way;
            }
        }
        return victim;
    }

    private boolean holds(final long entry, final int hash, final int nameLength)
    {
        if (context.loadInt(entry + CacheEntryDescriptor.NAME_HASH_OFFSET) != hash
            || context.loadInt(entry + CacheEntryDescriptor.NAME_LENGTH_OFFSET) != nameLength)
        {
            return false;
        }
        context.loadBytes(entry + CacheEntryDescriptor.NAME_OFFSET, cachedName, 0, nameLength);
        return Arrays.equals(cachedName, 0, nameLength, name, 0, nameLength);
    }

    private boolean answersValid(final int offset, final int answers)
    {
        for (int answer = 0; answer < answers; answer++)
        {
            final int at = offset + answer * CacheEntryDescriptor.LENGTH;
            final int nameLength = LittleEndian.getInt(global, at + CacheEntryDescriptor.NAME_LENGTH_OFFSET);
            if (nameLength < 1 || nameLength > DnsResolverProtocol.NAME_LENGTH_MAX
                || DnsName.normalize(global, at + CacheEntryDescriptor.NAME_OFFSET, nameLength, cachedName)
                != nameLength)
            {
                return false;
            }
            crc.reset();
            crc.update(cachedName, 0, nameLength);
            if ((int)crc.getValue() != LittleEndian.getInt(global, at + CacheEntryDescriptor.NAME_HASH_OFFSET))
            {
                return false;
            }
        }
        return true;
    }

    private int liveEntries()
    {
        final long now = context.nowNs();
        int live = 0;
        for (int entry = 0; entry < DnsStateDescriptor.ENTRIES; entry++)
        {
            if (context.loadLong(entryAddress(entry / DnsStateDescriptor.WAYS, entry % DnsStateDescriptor.WAYS)
                + CacheEntryDescriptor.EXPIRES_AT_OFFSET) > now)
            {
                live++;
            }
        }
        return live;
    }

    private void clearCache()
    {
        for (int entry = 0; entry < DnsStateDescriptor.ENTRIES; entry++)
        {
            context.storeBytes(entryAddress(entry / DnsStateDescriptor.WAYS, entry % DnsStateDescriptor.WAYS),
                zeros, 0, CacheEntryDescriptor.LENGTH);
        }
    }

    private long upstreamConnection()
    {
        return context.loadLong(base + DnsStateDescriptor.UPSTREAM_CONNECTION_OFFSET);
    }

    private long entryAddress(final int set, final int way)
    {
        return base + DnsStateDescriptor.entryOffset(set, way);
    }

    private void increment(final int offset)
    {
        context.storeLong(base + offset, context.loadLong(base + offset) + 1);
    }

    private static int setOf(final int hash)
    {
        return hash & (DnsStateDescriptor.SETS - 1);
    }
}
