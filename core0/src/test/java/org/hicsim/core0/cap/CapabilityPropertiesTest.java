package org.hicsim.core0.cap;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.hicsim.core0.cap.CapabilityModel.HeldHandle;
import org.hicsim.core0.cap.CapabilityModel.ModelCap;
import org.hicsim.core0.sim.Trace;
import org.hicsim.core0.sim.TraceSink;

import static org.hicsim.core0.cap.CapabilityModel.NO_SPACE;
import static org.hicsim.core0.cap.CapabilityModel.SANDBOXES;
import static org.hicsim.core0.cap.CapabilitySystem.CORE0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariants over generated operation sequences on several sandboxes, each run beside {@link CapabilityModel}.
 */
class CapabilityPropertiesTest
{
    private static final int TRIES = 300;

    @Property(tries = TRIES)
    void everyResultMatchesTheReferenceModel(@ForAll final long seed, @ForAll("operations") final List<CapOp> ops)
    {
        final CapabilityModel model = new CapabilityModel(seed, null);
        for (final CapOp op : ops)
        {
            model.apply(op);
            Statistics.collect(model.lastOutcome());
            for (final ModelCap cap : model.live())
            {
                final Set<ModelCap> expected = new LinkedHashSet<>();
                cap.addDescendants(expected);
                final List<Capability> actual = model.system.descendants(cap.held.sandbox(), cap.held.handle());
                assertEquals(CapabilityModel.snapshots(expected), new HashSet<>(actual), () -> "after " + op);
            }
        }
    }

    @Property(tries = TRIES)
    void noCapabilityHoldsARightItsSourceLacked(@ForAll final long seed, @ForAll("operations") final List<CapOp> ops)
    {
        final CapabilityModel model = new CapabilityModel(seed, null);
        for (final CapOp op : ops)
        {
            model.apply(op);
            for (int sandbox = 0; sandbox < NO_SPACE; sandbox++)
            {
                for (final Capability source : model.system.capabilities(sandbox))
                {
                    for (final Capability derived : model.system.descendants(sandbox, source.handle()))
                    {
                        assertTrue(Rights.isSubset(derived.rights(), source.rights()),
                            () -> derived + " has more rights than its ancestor " + source + " after " + op);
                    }
                }
            }
        }
    }

    @Property(tries = TRIES)
    void nothingDerivedFromARevokedCapabilityPassesCheck(
        @ForAll final long seed, @ForAll("operations") final List<CapOp> ops)
    {
        final CapabilityModel model = new CapabilityModel(seed, null);
        for (final CapOp op : ops)
        {
            model.apply(op);
            for (final HeldHandle revoked : model.lastRevoked())
            {
                for (int sandbox = 0; sandbox < SANDBOXES; sandbox++)
                {
                    assertTrue(model.system.check(sandbox, revoked.handle(), revoked.kind(), Rights.NONE) < 0,
                        () -> revoked + " still passes after " + op);
                }
            }
        }
    }

    @Property(tries = TRIES)
    void everyLiveHandlesCheckAgreesWithItsSpace(@ForAll final long seed, @ForAll("operations") final List<CapOp> ops)
    {
        final CapabilityModel model = new CapabilityModel(seed, null);
        for (final CapOp op : ops)
        {
            model.apply(op);
            final List<ModelCap> live = model.live();
            for (int sandbox = 0; sandbox < NO_SPACE; sandbox++)
            {
                final Set<Capability> expected = new HashSet<>();
                for (final ModelCap cap : live)
                {
                    if (cap.held.sandbox() == sandbox)
                    {
                        expected.add(cap.snapshot());
                    }
                }
                assertEquals(expected, new HashSet<>(model.system.capabilities(sandbox)), () -> "after " + op);
            }
            for (final ModelCap cap : live)
            {
                assertEquals(cap.objectId, model.system.check(cap.held.sandbox(), cap.held.handle(), cap.kind, cap.rights));
            }
            for (final HeldHandle gone : model.dead())
            {
                assertEquals(CapError.STALE_HANDLE.code(),
                    model.system.check(gone.sandbox(), gone.handle(), gone.kind(), Rights.NONE));
            }
        }
    }

    /**
     * Unforgeability at every space size: with the space's own token, a capability id passes the check only when
     * it is a live handle's, however the radix splits it. The made-up ids are a live one with bits flipped (none,
     * in the slot index, the generation or above it), so near misses are tried as often as far ones.
     */
    @Property(tries = TRIES)
    void aMadeUpCapabilityIdPassesOnlyAsALiveHandle(
        @ForAll final long seed,
        @ForAll @IntRange(min = 1, max = HandleDescriptor.SLOTS_MAX) final int capacity,
        @ForAll @IntRange(min = 1, max = 40) final int issued,
        @ForAll final int flippedBits)
    {
        final CapabilitySystem system = new CapabilitySystem(2, new SplittableRandom(seed), new RecordingAudit());
        system.createSpace(1, capacity);
        final long keeper = system.issue(CORE0, 1, ObjectKind.DEBUG_LOG, 0, Rights.READ, CapFlags.NONE);
        final Set<Long> live = new HashSet<>(List.of(keeper));
        for (int i = 1; i < issued; i++)
        {
            final long handle = system.issue(CORE0, 1, ObjectKind.DEBUG_LOG, i, Rights.READ, CapFlags.NONE);
            if (handle >= 0 && i % 3 == 0)
            {
                system.delete(1, handle);
            }
            else if (handle >= 0)
            {
                live.add(handle);
            }
        }
        final long forged = keeper ^ Integer.toUnsignedLong(flippedBits);

        final boolean passes = system.check(1, forged, ObjectKind.DEBUG_LOG, Rights.NONE) >= 0;
        assertEquals(live.contains(forged), passes, () -> "forged=" + HandleDescriptor.toString(forged));
    }

    @Property(tries = 50)
    void sameSeedAndOperationsGiveSameTrace(@ForAll final long seed, @ForAll("operations") final List<CapOp> ops)
    {
        assertEquals(traceDigest(seed, ops), traceDigest(seed, ops));
    }

    @Provide
    Arbitrary<List<CapOp>> operations()
    {
        final Arbitrary<Integer> ref = Arbitraries.integers().between(0, 1_000);
        final Arbitrary<Integer> sandbox = Arbitraries.integers().between(0, SANDBOXES - 1);
        final Arbitrary<Integer> restartable = Arbitraries.integers().between(1, NO_SPACE - 1);
        final Arbitrary<Integer> rights = Arbitraries.integers().between(Rights.NONE, Rights.ALL);
        final Arbitrary<Boolean> subset = Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false));
        final Arbitrary<ObjectKind> kind = Arbitraries.of(ObjectKind.class);
        final Arbitrary<Integer> objectId = Arbitraries.integers().between(0, 3);
        final Arbitrary<Long> badge = Arbitraries.longs().between(0, 3);
        final Arbitrary<Integer> issueActor = Arbitraries.integers().between(0, 99)
            .map(n -> n < 90 ? CORE0 : 1 + n % (SANDBOXES - 1));
        final Arbitrary<Integer> actorShift = Arbitraries.integers().between(0, 9)
            .map(n -> n < 6 ? 0 : n - 5);
        final Arbitrary<Integer> issuedRights = Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(Rights.ALL)), Tuple.of(1, rights));
        final Arbitrary<Integer> flags = Arbitraries.frequency(
            Tuple.of(6, CapFlags.NONE),
            Tuple.of(1, CapFlags.IMMUTABLE),
            Tuple.of(1, CapFlags.PINNED),
            Tuple.of(1, CapFlags.IMMUTABLE | CapFlags.PINNED));

        final Arbitrary<CapOp> op = Arbitraries.frequencyOf(
            Tuple.of(4, Combinators.combine(issueActor, sandbox, kind, objectId, issuedRights, flags)
                .as(CapOp.Issue::new)),
            Tuple.of(3, Combinators.combine(ref, rights, subset).as(CapOp.Copy::new)),
            Tuple.of(5, Combinators.combine(ref, rights, subset, badge).as(CapOp.Mint::new)),
            Tuple.of(3, Combinators.combine(ref, sandbox).as(CapOp.Transfer::new)),
            Tuple.of(3, Combinators.combine(ref, sandbox, rights, subset).as(CapOp.TransferAttenuated::new)),
            Tuple.of(2, ref.map(CapOp.Revoke::new)),
            Tuple.of(2, ref.map(CapOp.Delete::new)),
            Tuple.of(1, restartable.map(CapOp.Restart::new)),
            Tuple.of(1, Combinators.combine(kind, objectId).as(CapOp.RevokeObject::new)),
            Tuple.of(2, Combinators.combine(ref, actorShift, rights).as(CapOp.Check::new)));
        return op.list().ofMinSize(1).ofMaxSize(80).withSizeDistribution(RandomDistribution.uniform());
    }

    private static String traceDigest(final long seed, final List<CapOp> ops)
    {
        final Trace trace = new Trace(() -> 0L, TraceSink.NONE);
        final CapabilityModel model = new CapabilityModel(seed, trace);
        ops.forEach(model::apply);
        return trace.sha256Hex();
    }
}
