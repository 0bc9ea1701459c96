package org.hicsim.mm.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.agrona.DirectBuffer;
import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.sandbox.SandboxSpec;

/**
 * A kernel with a Module Manager sandbox that controls an old and a new instance, a third sandbox that is no
 * party to anything, and the channel factory; a listener that records what the channel tells, with the time.
 */
final class ChannelFixture
{
    static final long MIB = 1 << 20;
    static final int QUOTA_PERCENT = 10;
    static final ChannelConfig CONFIG = new ChannelConfig(64 * 1024);

    final List<String> trace = new ArrayList<>();
    final Kernel kernel;
    final int moduleManager;
    final int oldInstance;
    final int newInstance;
    final int third;
    final long oldControl;
    final long newControl;
    final long thirdControl;
    final MigrationChannels channels;
    final Recorder recorder = new Recorder();

    ChannelFixture(final long seed, final long channelSeed, final CostTable costs, final int newQuotaPercent)
    {
        kernel = new Kernel(KernelConfig.withSeed(seed).withCosts(costs), trace::add);
        moduleManager = sandbox("module-manager", QUOTA_PERCENT);
        oldInstance = sandbox("netstack-1.2.0", QUOTA_PERCENT);
        newInstance = sandbox("netstack-1.3.0", newQuotaPercent);
        third = sandbox("firewall-1.0.0", QUOTA_PERCENT);
        oldControl = control(moduleManager, oldInstance);
        newControl = control(moduleManager, newInstance);
        thirdControl = control(moduleManager, third);
        channels = new MigrationChannels(kernel, new SplittableRandom(channelSeed), CONFIG);
    }

    ChannelFixture(final long seed)
    {
        this(seed, seed, CostTable.defaults(), QUOTA_PERCENT);
    }

    private int sandbox(final String name, final int quotaPercent)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, MIB, quotaPercent));
        kernel.sandboxes().start(id);
        return id;
    }

    long control(final int holder, final int sandbox)
    {
        return kernel.capabilities().issue(CapabilitySystem.CORE0, holder, ObjectKind.SANDBOX_CONTROL, sandbox,
            MigrationChannels.CONTROL_RIGHTS, 0);
    }

    /** A channel from the old instance to the new one, handshake started. */
    MigrationChannel create()
    {
        final int id = channels.create(moduleManager, oldControl, newControl, recorder);
        if (id < 1)
        {
            throw new AssertionError("create refused code=" + id);
        }
        return channels.channel(id);
    }

    /** A channel run until its handshake is over. */
    MigrationChannel established()
    {
        final MigrationChannel channel = create();
        runUntilIdle();
        if (channel.state() != ChannelState.ESTABLISHED)
        {
            throw new AssertionError("state=" + channel.state());
        }
        return channel;
    }

    void runUntilIdle()
    {
        kernel.simulation().runUntilIdle(1_000_000);
    }

    long nowNs()
    {
        return kernel.simulation().nowNs();
    }

    List<String> traceOf(final String kind)
    {
        final List<String> lines = new ArrayList<>();
        for (final String line : trace)
        {
            if (line.contains(" " + kind + " ") || line.endsWith(" " + kind))
            {
                lines.add(line);
            }
        }
        return lines;
    }

    record Delivery(int receiver, long sequence, byte[] payload, long atNs)
    {
    }

    final class Recorder implements ChannelListener
    {
        final List<Delivery> deliveries = new ArrayList<>();
        final List<RecordRefusal> refusals = new ArrayList<>();
        final List<HandshakeFailure> failures = new ArrayList<>();
        final List<String> closes = new ArrayList<>();
        long establishedAtNs = -1;

        @Override
        public void onDelivered(
            final ChannelEnd receiver, final long sequence, final DirectBuffer payload, final int offset, final int length)
        {
            final byte[] copy = new byte[length];
            payload.getBytes(offset, copy);
            deliveries.add(new Delivery(receiver.sandboxId(), sequence, copy, nowNs()));
        }

        @Override
        public void onEstablished(final MigrationChannel channel)
        {
            establishedAtNs = nowNs();
        }

        @Override
        public void onRefused(final ChannelEnd receiver, final RecordRefusal refusal)
        {
            refusals.add(refusal);
        }

        @Override
        public void onFailed(final MigrationChannel channel, final ChannelEnd end, final HandshakeFailure failure)
        {
            failures.add(failure);
        }

        @Override
        public void onClosed(final MigrationChannel channel, final String reason)
        {
            closes.add(reason);
        }
    }
}
