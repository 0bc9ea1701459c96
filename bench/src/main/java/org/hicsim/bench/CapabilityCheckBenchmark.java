package org.hicsim.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.hicsim.core0.cap.CapSlotDescriptor;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.HandleDescriptor;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the capability check every system call makes: {@link CapabilitySystem#check} over live handles spread
 * across several sandboxes, in a shuffled order so that neither the sandbox nor the slot repeats predictably.
 * Target: at most 5 ns per check (HIC's own target for its C kernel).
 * <p>
 * The baseline is the least a generation-tagged check can do, written inline: one slot-word load from a flat
 * table, one compare of generation and kind, one of the rights, one object-id load. The same handles, kinds and
 * rights drive both, so the ratio is what the per-sandbox space lookup and the token compare add.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = JvmFlags.AGRONA_EXPORTS)
public class CapabilityCheckBenchmark
{
    private static final int CHECKS_PER_INVOCATION = 1_024;
    private static final int REQUIRED_RIGHTS = Rights.READ | Rights.WRITE;
    private static final ObjectKind[] KINDS = { ObjectKind.IPC_ENDPOINT, ObjectKind.MEMORY_REGION };

    @Param({ "8" })
    int sandboxes;

    /** 128 keeps every table in L1/L2; 2048 (HIC's full table) spreads 16K capabilities over L2/L3. */
    @Param({ "128", "2048" })
    int handlesPerSandbox;

    private CapabilitySystem capabilities;
    private int[] sandboxIds;
    private long[] handles;
    private ObjectKind[] kinds;
    private long[] baselineHandles;
    private long[] baselineWords;
    private int[] baselineObjectIds;
    private int mask;
    private int baselineRadix;
    private int cursor;

    @Setup(Level.Trial)
    public void setUp()
    {
        final int count = sandboxes * handlesPerSandbox;
        if (Integer.bitCount(count) != 1 || count < CHECKS_PER_INVOCATION)
        {
            throw new IllegalArgumentException("sandboxes * handlesPerSandbox=" + count +
                " must be a power of two of at least " + CHECKS_PER_INVOCATION);
        }
        final SplittableRandom random = new SplittableRandom(42);
        capabilities = new CapabilitySystem(sandboxes + 1, random.split(), (kind, sandbox, detail) ->
        {
            throw new IllegalStateException("a benchmarked check was refused: " + kind + " " + detail);
        });
        sandboxIds = new int[count];
        handles = new long[count];
        kinds = new ObjectKind[count];
        baselineHandles = new long[count];
        baselineWords = new long[count];
        baselineObjectIds = new int[count];
        mask = count - 1;
        baselineRadix = HandleDescriptor.radixFor(count);

        final int[] order = shuffledIndices(count, random);
        for (int i = 0; i < count; i++)
        {
            final int sandbox = 1 + i / handlesPerSandbox;
            if (i % handlesPerSandbox == 0)
            {
                capabilities.createSpace(sandbox, handlesPerSandbox);
            }
            final ObjectKind kind = KINDS[i % KINDS.length];
            final long handle = capabilities.issue(CapabilitySystem.CORE0, sandbox, kind, i, Rights.ALL, 0);
            final int at = order[i];
            sandboxIds[at] = sandbox;
            handles[at] = handle;
            kinds[at] = kind;
            final int generation = (int)HandleDescriptor.generation(handle, HandleDescriptor.radixFor(handlesPerSandbox));
            baselineHandles[at] = HandleDescriptor.handle(1, baselineRadix, generation, i);
            baselineWords[i] = CapSlotDescriptor.word(generation, kind.code(), 0, Rights.ALL);
            baselineObjectIds[i] = i;
        }
        for (int i = 0; i < count; i++)
        {
            if (capabilities.check(sandboxIds[i], handles[i], kinds[i], REQUIRED_RIGHTS) !=
                baselineObjectIds[HandleDescriptor.slot(baselineHandles[i], baselineRadix)])
            {
                throw new IllegalStateException("check and baseline disagree at i=" + i);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(CHECKS_PER_INVOCATION)
    public long capabilitySystemCheck()
    {
        final CapabilitySystem capabilities = this.capabilities;
        final int[] sandboxIds = this.sandboxIds;
        final long[] handles = this.handles;
        final ObjectKind[] kinds = this.kinds;
        final int mask = this.mask;
        final int start = cursor;
        long sum = 0;
        for (int i = 0; i < CHECKS_PER_INVOCATION; i++)
        {
            final int at = (start + i) & mask;
            sum += capabilities.check(sandboxIds[at], handles[at], kinds[at], REQUIRED_RIGHTS);
        }
        cursor = start + CHECKS_PER_INVOCATION;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(CHECKS_PER_INVOCATION)
    public long baselineInlineCheck()
    {
        final long[] handles = baselineHandles;
        final long[] words = baselineWords;
        final int[] objectIds = baselineObjectIds;
        final ObjectKind[] kinds = this.kinds;
        final int mask = this.mask;
        final int radix = baselineRadix;
        final long required = REQUIRED_RIGHTS;
        final int start = cursor;
        long sum = 0;
        for (int i = 0; i < CHECKS_PER_INVOCATION; i++)
        {
            final int at = (start + i) & mask;
            final long handle = handles[at];
            final int slot = HandleDescriptor.slot(handle, radix);
            final long word = words[slot];
            final long identity =
                CapSlotDescriptor.identity(HandleDescriptor.generation(handle, radix), kinds[at].code());
            sum += CapSlotDescriptor.identityOf(word) == identity && (word & required) == required ?
                objectIds[slot] : -1;
        }
        cursor = start + CHECKS_PER_INVOCATION;
        return sum;
    }

    /**
     * A Fisher-Yates permutation of {@code 0..count-1}, so consecutive checks hit unrelated sandboxes and slots.
     */
    private static int[] shuffledIndices(final int count, final SplittableRandom random)
    {
        final int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
