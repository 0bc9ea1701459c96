package org.hicsim.bench;

import java.util.concurrent.TimeUnit;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.netstack.MemoryMap;
import org.hicsim.services.netstack.NetstackProtocol;
import org.hicsim.services.netstack.v1_3_0.Netstack;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run issue 9 asks to be possible: netstack 1.3.0 configured for 1,000,000 connections (4 KiB of buffer
 * each) in a sandbox and a kernel sized for them, opening every one. One invocation opens them all, in a new
 * kernel each time; it checks each open and the count, and reports how much simulated memory was really touched
 * (memory is backed lazily, so the 4 GiB of buffers no open writes cost nothing). Too long for a unit test; the
 * test suite opens 100,000 ({@code NetstackCapacityTest}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = { JvmFlags.AGRONA_EXPORTS, "-Xmx3g", "-XX:MaxDirectMemorySize=2g" })
public class NetstackMillionConnectionsBenchmark
{
    private static final int PORTS = 60_000;
    private static final long KERNEL_MEMORY_BYTES = 8L << 30;

    @Param("1000000")
    public int connections;

    private final Message request = new Message();
    private final Message reply = new Message();
    private Kernel kernel;
    private Netstack netstack;

    @Setup(Level.Invocation)
    public void startNetstack()
    {
        final Configuration configuration = Configuration.builder(0)
            .put(MemoryMap.CONNECTIONS_KEY, Integer.toString(connections))
            .put(MemoryMap.BUFFER_BYTES_KEY, "4096")
            .build();
        kernel = new Kernel(KernelConfig.withSeed(9).withMemoryBytes(KERNEL_MEMORY_BYTES), TraceSink.NONE);
        final int sandboxId = kernel.sandboxes().create(
            SandboxSpec.privileged("netstack", MemoryMap.of(configuration).requiredLength(), 100));
        kernel.sandboxes().start(sandboxId);
        final SystemCalls context = kernel.systemCalls(sandboxId);
        context.configuration(configuration);
        netstack = new Netstack();
        netstack.init(context);
        call(request.clear().operation(NetstackProtocol.ROUTE_ADD).argument(2, 0x0A00_0001).argument(3, 1));
    }

    @TearDown(Level.Invocation)
    public void reportTouchedMemory()
    {
        System.out.printf("%n%d connections open, %d MiB of simulated memory touched%n",
            connections, (long)kernel.memory().touchedChunks() * PhysicalMemory.CHUNK_SIZE >> 20);
    }

    @Benchmark
    public long openEveryConnection()
    {
        for (int i = 0; i < connections; i++)
        {
            final long addresses = NetstackProtocol.addresses(0x0A01_0001 + ((i / PORTS) << 8), 0xC000_0235);
            final long ports = NetstackProtocol.ports(1 + i % PORTS, 53, NetstackProtocol.PROTOCOL_UDP,
                ConnectionClass.LOW.code());
            if (call(request.clear().operation(NetstackProtocol.OPEN).argument(0, addresses).argument(1, ports))
                != Status.OK)
            {
                throw new IllegalStateException("open " + i + " status=" + Status.name(reply.status()));
            }
        }
        call(request.clear().operation(NetstackProtocol.STATS));
        if (reply.argument(0) != connections)
        {
            throw new IllegalStateException("connections=" + reply.argument(0) + " expected=" + connections);
        }
        return reply.argument(0);
    }

    private int call(final Message message)
    {
        netstack.handle(message, reply);
        return reply.status();
    }
}
