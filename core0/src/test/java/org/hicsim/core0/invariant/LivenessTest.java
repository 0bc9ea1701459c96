package org.hicsim.core0.invariant;

import java.util.BitSet;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.fault.FaultPlan;
import org.hicsim.core0.fault.FaultPoint;
import org.hicsim.core0.fault.FaultSetting;
import org.hicsim.core0.ipc.Endpoint;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.sim.Simulation;
import org.hicsim.core0.sim.TraceSink;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client retrying its requests to a server through two endpoints, with IPC faults on until T: once they stop,
 * every request is answered within a bound. With the faults never switched off, it is not, and the liveness check
 * says so with the seed.
 */
class LivenessTest
{
    private static final int REQUESTS = 20;
    private static final long FAULTS_END_NS = 50 * Simulation.MILLIS;
    private static final long BOUND_NS = 20 * Simulation.MILLIS;
    private static final long RETRY_NS = 2 * Simulation.MILLIS;

    private final BitSet answered = new BitSet(REQUESTS);
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
    private Kernel kernel;
    private Endpoint requests;
    private Endpoint replies;

    private void start(final long seed, final double dropProbability)
    {
        final FaultPlan plan = FaultPlan.none()
            .with(FaultPoint.IPC_DROP, new FaultSetting(dropProbability, 0, 0))
            .with(FaultPoint.IPC_DELAY, new FaultSetting(0.3, 0, Simulation.MILLIS))
            .with(FaultPoint.IPC_REORDER, new FaultSetting(0.3, 0, Simulation.MILLIS));
        kernel = new Kernel(KernelConfig.withSeed(seed).withMemoryBytes(16L << 20).withFaults(plan), TraceSink.NONE);
        requests = endpoint("requests");
        replies = endpoint("replies");
        requests.deliveryListener(arg -> serve(), 0);
        replies.deliveryListener(arg -> collect(), 0);
        kernel.simulation().schedule(0, arg -> retry(), 0);
    }

    private Endpoint endpoint(final String name)
    {
        final int id = kernel.endpoints().create(name, 0, EndpointType.GENERIC, 4096, 100 * Simulation.MICROS);
        kernel.endpoints().moveTo(id, EndpointState.ACTIVE);
        return kernel.endpoints().get(id);
    }

    /** The client sends every request not yet answered, and tries again later. */
    private void retry()
    {
        for (int request = answered.nextClearBit(0); request < REQUESTS; request = answered.nextClearBit(request + 1))
        {
            message.putLong(0, request);
            requests.send(1, message, 0, Long.BYTES);
        }
        if (answered.cardinality() < REQUESTS)
        {
            kernel.simulation().schedule(RETRY_NS, arg -> retry(), 0);
        }
    }

    private void serve()
    {
        requests.receive((type, buffer, index, length) ->
        {
            message.putLong(0, buffer.getLong(index));
            replies.send(1, message, 0, Long.BYTES);
        }, Integer.MAX_VALUE);
    }

    private void collect()
    {
        replies.receive((type, buffer, index, length) -> answered.set((int)buffer.getLong(index)), Integer.MAX_VALUE);
    }

    @Test
    void shouldAnswerEveryRequestWithinTheBoundOnceTheFaultsStop()
    {
        for (long seed = 1; seed <= 5; seed++)
        {
            start(seed, 0.5);
            kernel.faults().switchOffAfter(FAULTS_END_NS);

            Liveness.convergesBy(kernel.simulation(), FAULTS_END_NS + BOUND_NS,
                () -> answered.cardinality() == REQUESTS, "every request answered");
            assertTrue(kernel.faults().firedCount(FaultPoint.IPC_DROP) > 0);
            answered.clear();
        }
    }

    @Test
    void shouldReportNoConvergenceWithItsSeedWhileFaultsGoOn()
    {
        start(9, 1.0);

        final LivenessViolationException stuck = assertThrows(LivenessViolationException.class,
            () -> Liveness.convergesBy(kernel.simulation(), FAULTS_END_NS + BOUND_NS,
                () -> answered.cardinality() == REQUESTS, "every request answered"));

        assertTrue(stuck.getMessage().endsWith("every request answered; replay with seed=9"), stuck::getMessage);
    }
}
