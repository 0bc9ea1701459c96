package org.hicsim.core0;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.ipc.Endpoint;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.Simulation;

/**
 * A random program of Core-0 operations, each its own event, all chosen by one seed: sandboxes made, started and
 * destroyed; capabilities issued, copied, minted, transferred, revoked and deleted; endpoints made, sent to and
 * drained; memory regions made, given away and mapped; memory touched outside a sandbox's pages (a page fault).
 * What an operation names may be gone by then (a handle gone stale, a sandbox dead): Core-0 must refuse it.
 */
final class SeededWorkload
{
    private static final long STEP_NS = 10 * Simulation.MICROS;
    private static final int SANDBOX_PAGES_MAX = 6;
    private static final int ENDPOINT_CAPACITY = 4096;

    private final Kernel kernel;
    private final SplittableRandom random;
    private final List<Integer> sandboxes = new ArrayList<>();
    private final List<long[]> handles = new ArrayList<>();
    private final List<Integer> endpoints = new ArrayList<>();
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
    private int made;

    SeededWorkload(final Kernel kernel, final long seed)
    {
        this.kernel = kernel;
        this.random = new SplittableRandom(seed);
    }

    /** Schedules {@code operations} operations, one every {@link #STEP_NS}. */
    void schedule(final int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            kernel.simulation().schedule((i + 1) * STEP_NS, arg -> step(), i);
        }
    }

    private void step()
    {
        final int choice = random.nextInt(12);
        if (choice == 0 || sandboxes.size() < 2)
        {
            makeSandbox();
            return;
        }
        final int actor = pickSandbox();
        try
        {
            switch (choice)
            {
                case 1 -> issue(actor);
                case 2 -> derive(actor);
                case 3 -> transfer(actor);
                case 4 -> remember(actor, kernel.capabilities().revoke(actor, pickHandle(actor)));
                case 5 -> kernel.capabilities().delete(actor, pickHandle(actor));
                case 6 -> makeEndpoint(actor);
                case 7 -> send();
                case 8 -> receive();
                case 9 -> region(actor);
                case 10 -> touchOutside(actor);
                default -> kernel.sandboxes().destroy(actor);
            }
        }
        catch (final SandboxTerminatedException killed)
        {
            // A page fault (or a fault injected) killed it: Core-0 goes on.
        }
    }

    private void makeSandbox()
    {
        final long bytes = (1 + random.nextInt(SANDBOX_PAGES_MAX)) * (long)PhysicalMemory.FRAME_SIZE;
        final int id = kernel.sandboxes().create(SandboxSpec.privileged("w" + made++, bytes, 1 + random.nextInt(20)));
        if (id > 0)
        {
            kernel.sandboxes().start(id);
            sandboxes.add(id);
        }
    }

    private void issue(final int actor)
    {
        final int rights = 1 + random.nextInt(Rights.ALL);
        remember(actor, kernel.capabilities().issue(CapabilitySystem.CORE0, actor, ObjectKind.SANDBOX_CONTROL,
            1 + random.nextInt(8), rights, 0));
    }

    private void derive(final int actor)
    {
        final long handle = pickHandle(actor);
        final int rights = random.nextInt(Rights.ALL + 1);
        remember(actor, random.nextBoolean()
            ? kernel.capabilities().copy(actor, handle, rights)
            : kernel.capabilities().mint(actor, handle, rights, random.nextInt(3)));
    }

    private void transfer(final int actor)
    {
        final int target = pickSandbox();
        final long handle = pickHandle(actor);
        remember(target, random.nextBoolean() && kernel.sandboxes().live(actor) != null
            ? kernel.systemCalls(actor).transfer(handle, target)
            : kernel.capabilities().transferAttenuated(actor, handle, target, random.nextInt(Rights.ALL + 1)));
    }

    private void makeEndpoint(final int actor)
    {
        final int id = kernel.endpoints().create("e" + endpoints.size(), actor, EndpointType.GENERIC, ENDPOINT_CAPACITY,
            random.nextInt(3) * Simulation.MICROS);
        kernel.endpoints().moveTo(id, EndpointState.ACTIVE);
        endpoints.add(id);
    }

    private void send()
    {
        final Endpoint endpoint = pickEndpoint();
        final int burst = 1 + random.nextInt(8);
        for (int i = 0; endpoint != null && i < burst; i++)
        {
            message.putLong(0, random.nextLong());
            endpoint.send(1, message, 0, 8 + random.nextInt(56));
        }
    }

    private void receive()
    {
        final Endpoint endpoint = pickEndpoint();
        if (endpoint != null)
        {
            endpoint.receive((type, buffer, index, length) -> { }, 1 + random.nextInt(4));
        }
    }

    private void region(final int actor)
    {
        if (kernel.sandboxes().live(actor) == null)
        {
            return;
        }
        final SystemCalls calls = kernel.systemCalls(actor);
        final long handle = calls.createRegion(Sandbox.MEMORY_BASE, 1);
        if (handle >= 0)
        {
            final int target = pickSandbox();
            final long moved = calls.transfer(handle, target);
            if (moved >= 0 && kernel.sandboxes().live(target) != null)
            {
                kernel.systemCalls(target).mapRegion(moved, 0x4000_0000L + random.nextInt(4) * PhysicalMemory.FRAME_SIZE);
            }
        }
    }

    private void touchOutside(final int actor)
    {
        if (kernel.sandboxes().live(actor) != null)
        {
            kernel.systemCalls(actor).storeByte(Sandbox.MEMORY_BASE + (long)(SANDBOX_PAGES_MAX + 1)
                * PhysicalMemory.FRAME_SIZE, (byte)1);
        }
    }

    private void remember(final int sandbox, final long handle)
    {
        if (handle >= 0)
        {
            handles.add(new long[] { sandbox, handle });
        }
    }

    private int pickSandbox()
    {
        return sandboxes.get(random.nextInt(sandboxes.size()));
    }

    /** A handle the actor was given, most likely a recent one; or a made-up one, which Core-0 must refuse. */
    private long pickHandle(final int actor)
    {
        for (int i = handles.size() - 1; i >= 0 && i >= handles.size() - 8; i--)
        {
            if (handles.get(i)[0] == actor && random.nextInt(3) > 0)
            {
                return handles.get(i)[1];
            }
        }
        return random.nextLong() & Long.MAX_VALUE;
    }

    private Endpoint pickEndpoint()
    {
        return endpoints.isEmpty() ? null : kernel.endpoints().get(endpoints.get(random.nextInt(endpoints.size())));
    }
}
