package org.hicsim.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.invariant.InvariantViolation;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What checking Core-0's invariants after an event costs ({@code Kernel.checkInvariants()}), against the event
 * itself: a kernel of {@code sandboxes} sandboxes of 16 pages, each holding four capabilities Core-0 issued and
 * two minted from each, every fourth having given a one-page region to the next. The check reads every page
 * table entry, region frame and capability, so its cost grows with the kernel; the audit chain is checked
 * incrementally and adds nothing when no record was appended. {@code baselineEvent} runs one empty simulation
 * event, the unit the check is paid per.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = JvmFlags.AGRONA_EXPORTS)
public class InvariantCheckBenchmark
{
    private static final long SANDBOX_BYTES = 16 * 4096;

    @Param({ "16", "256" })
    int sandboxes;

    private Kernel kernel;
    private Simulation simulation;

    @Setup(Level.Trial)
    public void setUp()
    {
        kernel = new Kernel(KernelConfig.withSeed(42), TraceSink.NONE);
        simulation = kernel.simulation();
        int previous = 0;
        for (int i = 0; i < sandboxes; i++)
        {
            final int id = kernel.sandboxes().create(SandboxSpec.privileged("s" + i, SANDBOX_BYTES, 1));
            kernel.sandboxes().start(id);
            for (int c = 0; c < 4; c++)
            {
                final long handle = kernel.capabilities().issue(CapabilitySystem.CORE0, id, ObjectKind.SANDBOX_CONTROL,
                    id, Rights.ALL, 0);
                kernel.capabilities().mint(id, handle, Rights.READ | Rights.DERIVE, 1);
                kernel.capabilities().mint(id, handle, Rights.READ, 2);
            }
            if (i % 4 == 1)
            {
                final long region = kernel.systemCalls(previous).createRegion(Sandbox.MEMORY_BASE, 1);
                kernel.systemCalls(previous).transfer(region, id);
            }
            previous = id;
        }
        if (!kernel.checkInvariants().isEmpty())
        {
            throw new IllegalStateException("the benchmark's kernel breaks an invariant: " + kernel.checkInvariants());
        }
    }

    @Benchmark
    public List<InvariantViolation> checkInvariants()
    {
        return kernel.checkInvariants();
    }

    @Benchmark
    public boolean baselineEvent()
    {
        simulation.schedule(1, arg -> { }, 0);
        return simulation.step();
    }
}
