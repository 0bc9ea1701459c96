package org.hicsim.services.netstack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.sandbox.SandboxSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FiveTupleIndexTest
{
    private static final int SLOTS_USED = 2048;
    /** Few enough addresses that some slots share a tuple. */
    private static final int ADDRESSES = 1500;

    private record Tuple(long addresses, long ports)
    {
    }

    @Property(tries = 30)
    void shouldFindExactlyTheTuplesIndexedAfterAnyInsertsAndRemoves(
        @ForAll @Size(max = 3000) final List<@IntRange(min = 0, max = SLOTS_USED - 1) Integer> toggles,
        @ForAll final long seed)
    {
        final NetstackHarness harness = new NetstackHarness(seed);
        final int sandboxId = harness.kernel.sandboxes().create(
            SandboxSpec.privileged("index", NetstackHarness.DEFAULT_MAP.fixedStructuresLength(), 1));
        harness.kernel.sandboxes().start(sandboxId);
        final SystemCalls context = harness.kernel.systemCalls(sandboxId);
        final ConnectionTable table = new ConnectionTable(context, new Header(context), NetstackHarness.DEFAULT_MAP);
        final FiveTupleIndex index = new FiveTupleIndex(context, table, NetstackHarness.DEFAULT_MAP);
        final SplittableRandom random = new SplittableRandom(seed);
        final Tuple[] tuples = new Tuple[SLOTS_USED];
        for (int slot = 0; slot < SLOTS_USED; slot++)
        {
            tuples[slot] = new Tuple(random.nextInt(ADDRESSES), NetstackProtocol.tuplePorts(
                NetstackProtocol.ports(80, 443, NetstackProtocol.PROTOCOL_TCP, 0)));
            context.storeLong(table.recordAddress(slot) + ConnectionRecordV1Descriptor.ADDRESSES_OFFSET,
                tuples[slot].addresses());
            context.storeLong(table.recordAddress(slot) + ConnectionRecordV1Descriptor.PORTS_OFFSET,
                tuples[slot].ports());
        }
        final Map<Tuple, Integer> indexed = new HashMap<>();

        for (final int slot : toggles)
        {
            final Integer holder = indexed.get(tuples[slot]);
            if (holder != null && holder == slot)
            {
                index.remove(slot);
                indexed.remove(tuples[slot]);
            }
            else
            {
                assertEquals(holder == null, index.insert(slot), "slot=" + slot);
                indexed.putIfAbsent(tuples[slot], slot);
            }
        }

        for (final Tuple tuple : tuples)
        {
            assertEquals(indexed.getOrDefault(tuple, FiveTupleIndex.NOT_FOUND),
                index.find(tuple.addresses(), tuple.ports()));
        }
    }
}
