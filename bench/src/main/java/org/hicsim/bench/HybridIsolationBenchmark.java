package org.hicsim.bench;

import java.util.concurrent.TimeUnit;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.cap.CapFlags;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.ipc.EndpointServer;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.ipc.Rendezvous;
import org.hicsim.core0.memory.MemoryAccess;
import org.hicsim.core0.memory.PageTable;
import org.hicsim.core0.memory.shared.SharedRegion;
import org.hicsim.core0.memory.shared.SharedRegions;
import org.hicsim.core0.registry.ServiceName;
import org.hicsim.core0.sandbox.Sandbox;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.SharedRegionReader;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.eth_driver.EthDriverProtocol;
import org.hicsim.services.eth_driver.EthSharedStatsDescriptor;
import org.hicsim.services.eth_driver.EthStatsDescriptor;
import org.hicsim.services.eth_driver.EthStatsLayout;
import org.hicsim.services.eth_driver.v1_2_0.EthDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the hybrid isolation model promises, measured: a sandbox reads one 8-byte statistic that another party
 * owns, three ways, in one kernel.
 * <ul>
 * <li>{@code sharedRead}: through a shared region Core-0 writes and the reader has mapped read-only with the
 * {@code mapSharedRegion} system call and a reader capability ({@link SharedRegionReader#readLong} over the
 * reader's {@link SystemCalls}), inside a read begun once, as a reader reading several values does;</li>
 * <li>{@code sharedReadWholeVersion}: the same, paying for one whole consistent read per value:
 * {@link SharedRegionReader#beginRead}, the read, and {@link SharedRegionReader#validate};</li>
 * <li>{@code ipcRead}: through a service call ({@link SystemCalls#call}) to the owner, which loads the value from
 * its own memory and replies;</li>
 * <li>{@code privateCheckedLoad}: the reader's own copy, one checked load from its own memory through the same
 * {@link SystemCalls#loadLong} a service uses: the floor;</li>
 * <li>{@code privateCheckedLoadBare}: the same load through {@link MemoryAccess} alone, without the system-call
 * layer's fault handler, to show what that layer costs.</li>
 * </ul>
 * Each invocation reads {@value #READS_PER_INVOCATION} times, so JMH's own cost per call does not weigh on a
 * few-nanosecond read. Target: a shared read within 1.5x of a private checked load.
 * <p>
 * The eth_driver point, one whole statistics block (its five counters) per operation: {@code ethStatsShared}
 * reads them from the driver's shared statistics region in one consistent read
 * ({@link SharedRegionReader#read}), {@code ethStatsCall} asks the driver by
 * {@link EthDriverProtocol#RECEIVE_STATS} through a service call and decodes the reply. The writer's side:
 * {@code ethStatsPublish} hands Core-0 a block of that region's size as its next whole version through
 * {@link SystemCalls#publishSharedRegion}, as eth_driver does after each frame it sends.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = JvmFlags.AGRONA_EXPORTS)
public class HybridIsolationBenchmark
{
    private static final long SANDBOX_BYTES = 64 * 1024;
    /** 64 counters of 8 bytes, as a driver's statistics block; the reads go through them in turn. */
    private static final int COUNTERS = 64;
    private static final int STATISTICS_BYTES = COUNTERS * Long.BYTES;
    /** Where the reader maps the region: above its own memory. */
    private static final long REGION_BASE = Sandbox.MEMORY_BASE + (1L << 24);
    private static final int READ_COUNTER = 1;
    private static final int READS_PER_INVOCATION = 256;
    private static final int PUBLISHES_PER_INVOCATION = 16;

    private MemoryAccess access;
    private PageTable readerTable;
    private SharedRegionReader reader;
    private SystemCalls readerCalls;
    private long ownerServiceHandle;
    private long privateBase;
    private final Message request = new Message().operation(READ_COUNTER);
    private final Message reply = new Message();
    private final Message statsRequest = new Message().operation(EthDriverProtocol.RECEIVE_STATS);
    private final byte[] statsPayload = new byte[EthStatsDescriptor.V2_LENGTH];
    private final long[] counters = new long[EthStatsDescriptor.COUNTERS_MAX];
    private final SharedRegionReader.Snapshot readCounters = this::readCounters;
    private SharedRegionReader ethStats;
    private long ethServiceHandle;
    private SystemCalls ownerCalls;
    private long ownerRegionHandle;
    private final byte[] publishedBlock = new byte[EthSharedStatsDescriptor.LENGTH];

    @Setup(Level.Trial)
    public void setUp()
    {
        final Kernel kernel = new Kernel(KernelConfig.withSeed(42), TraceSink.NONE);
        final int readerId = started(kernel, "reader");
        final int ownerId = started(kernel, "owner");
        access = kernel.memoryAccess();
        readerTable = kernel.sandboxes().get(readerId).pageTable();
        final PageTable ownerTable = kernel.sandboxes().get(ownerId).pageTable();

        final SharedRegions shared = kernel.sharedRegions();
        final int regionId = shared.create("stats", STATISTICS_BYTES);
        final SharedRegion region = shared.region(regionId);
        privateBase = Sandbox.MEMORY_BASE;
        region.beginUpdate();
        for (int counter = 0; counter < COUNTERS; counter++)
        {
            final long value = counter * 0x0123_4567_89AB_CDEFL;
            region.stageLong(counterOffset(counter), value);
            access.storeLong(readerTable, privateBase + counterOffset(counter), value);
            access.storeLong(ownerTable, privateBase + counterOffset(counter), value);
        }
        region.publish();
        readerCalls = kernel.systemCalls(readerId);
        if (readerCalls.mapSharedRegion(shared.grantReader(regionId, readerId), REGION_BASE) != Status.OK)
        {
            throw new IllegalStateException("region not mapped at REGION_BASE=" + REGION_BASE);
        }
        reader = new SharedRegionReader(readerCalls, REGION_BASE);
        reader.beginRead();

        final int endpoint = kernel.endpoints().create("stats", ownerId, EndpointType.GENERIC, 4096, 0);
        kernel.endpoints().moveTo(endpoint, EndpointState.ACTIVE);
        final ServiceName name = ServiceName.parse("cap://stats/v1.0.0/api");
        kernel.registry().register(name, endpoint);
        final EndpointServer owner = (caller, in, out) ->
        {
            out.operation(in.operation()).argument(0, access.loadLong(ownerTable, privateBase + in.argument(0)));
            return Rendezvous.SERVED;
        };
        kernel.serve(endpoint, owner);
        ownerServiceHandle = kernel.capabilities().issue(CapabilitySystem.CORE0, readerId,
            ObjectKind.SERVICE_ENDPOINT, kernel.registry().serviceId(name.serviceInterface()), Rights.CALL,
            CapFlags.NONE);
        setUpEthDriver(kernel, readerId);
        ownerCalls = kernel.systemCalls(ownerId);
        ownerRegionHandle = shared.createWritable(ownerId, "owner-stats", publishedBlock.length);
        if (ethStatsPublish() != Status.OK)
        {
            throw new IllegalStateException("publish refused: handle=" + ownerRegionHandle);
        }
        final long sum = privateCheckedLoad();
        if (sharedRead() != sum || sharedReadWholeVersion() != sum || ipcRead() != sum
            || privateCheckedLoadBare() != sum)
        {
            throw new IllegalStateException("the five reads disagree");
        }
    }

    /**
     * eth_driver 1.2.0 in a sandbox of its own, served behind a service endpoint, with frames sent so its counters
     * are not zero; its statistics region mapped into the reader above the benchmark's region.
     */
    private void setUpEthDriver(final Kernel kernel, final int readerId)
    {
        final int driverId = kernel.sandboxes().create(SandboxSpec.privileged("eth_driver", 2 << 20, 20));
        kernel.sandboxes().start(driverId);
        final EthDriver driver = new EthDriver();
        driver.init(kernel.systemCalls(driverId));
        final Message frame = new Message().operation(EthDriverProtocol.TRANSMIT).payload(new byte[64], 0, 64);
        final Message sent = new Message();
        for (int i = 0; i < 3; i++)
        {
            driver.handle(frame, sent);
        }
        final int endpoint = kernel.endpoints().create("eth", driverId, EndpointType.GENERIC, 4096, 0);
        kernel.endpoints().moveTo(endpoint, EndpointState.ACTIVE);
        final ServiceName name = ServiceName.parse("cap://eth_driver/v1.2.0/api");
        kernel.registry().register(name, endpoint);
        kernel.serve(endpoint, (caller, in, out) ->
        {
            driver.handle(in, out);
            return Rendezvous.SERVED;
        });
        ethServiceHandle = kernel.capabilities().issue(CapabilitySystem.CORE0, readerId,
            ObjectKind.SERVICE_ENDPOINT, kernel.registry().serviceId(name.serviceInterface()), Rights.CALL,
            CapFlags.NONE);
        final long statsAddress = REGION_BASE + (1L << 20);
        final long handle = kernel.sharedRegions().grantReader(
            kernel.sharedRegions().regionsWrittenBy(driverId)[0], readerId);
        if (readerCalls.mapSharedRegion(handle, statsAddress) != Status.OK)
        {
            throw new IllegalStateException("eth_driver statistics not mapped at " + statsAddress);
        }
        ethStats = new SharedRegionReader(readerCalls, statsAddress);
        if (ethStatsShared() != 3 || ethStatsCall() != 3)
        {
            throw new IllegalStateException("eth_driver counted other than 3 frames");
        }
    }

    private static int started(final Kernel kernel, final String name)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, SANDBOX_BYTES, 10));
        kernel.sandboxes().start(id);
        return id;
    }

    @Benchmark
    @OperationsPerInvocation(READS_PER_INVOCATION)
    public long sharedRead()
    {
        final SharedRegionReader reader = this.reader;
        long sum = 0;
        for (int i = 0; i < READS_PER_INVOCATION; i++)
        {
            sum += reader.readLong(counterOffset(i));
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(READS_PER_INVOCATION)
    public long sharedReadWholeVersion()
    {
        final SharedRegionReader reader = this.reader;
        long sum = 0;
        for (int i = 0; i < READS_PER_INVOCATION; i++)
        {
            reader.beginRead();
            final long value = reader.readLong(counterOffset(i));
            sum += reader.validate() ? value : -1;
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(READS_PER_INVOCATION)
    public long ipcRead()
    {
        final SystemCalls calls = readerCalls;
        final Message request = this.request;
        final Message reply = this.reply;
        long sum = 0;
        for (int i = 0; i < READS_PER_INVOCATION; i++)
        {
            if (calls.call(ownerServiceHandle, request.argument(0, counterOffset(i)), reply) != SystemCalls.OK)
            {
                throw new IllegalStateException("service call failed");
            }
            sum += reply.argument(0);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(READS_PER_INVOCATION)
    public long privateCheckedLoad()
    {
        final SystemCalls calls = readerCalls;
        final long base = privateBase;
        long sum = 0;
        for (int i = 0; i < READS_PER_INVOCATION; i++)
        {
            sum += calls.loadLong(base + counterOffset(i));
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(READS_PER_INVOCATION)
    public long privateCheckedLoadBare()
    {
        final MemoryAccess access = this.access;
        final PageTable table = readerTable;
        final long base = privateBase;
        long sum = 0;
        for (int i = 0; i < READS_PER_INVOCATION; i++)
        {
            sum += access.loadLong(table, base + counterOffset(i));
        }
        return sum;
    }

    @Benchmark
    public long ethStatsShared()
    {
        if (ethStats.read(readCounters) < 0)
        {
            throw new IllegalStateException("torn read");
        }
        return counters[EthStatsDescriptor.TX_FRAMES];
    }

    @Benchmark
    public long ethStatsCall()
    {
        if (readerCalls.call(ethServiceHandle, statsRequest, reply) != SystemCalls.OK)
        {
            throw new IllegalStateException("service call failed");
        }
        reply.copyPayload(statsPayload, 0);
        EthStatsLayout.V2.decode(statsPayload, 0, counters);
        return counters[EthStatsDescriptor.TX_FRAMES];
    }

    @Benchmark
    @OperationsPerInvocation(PUBLISHES_PER_INVOCATION)
    public int ethStatsPublish()
    {
        int refused = 0;
        for (int i = 0; i < PUBLISHES_PER_INVOCATION; i++)
        {
            publishedBlock[0]++;
            refused |= ownerCalls.publishSharedRegion(ownerRegionHandle, publishedBlock, 0, publishedBlock.length);
        }
        return refused;
    }

    private void readCounters(final SharedRegionReader from)
    {
        final long[] counters = this.counters;
        for (int counter = 0; counter < counters.length; counter++)
        {
            counters[counter] = from.readLong(EthSharedStatsDescriptor.counterOffset(counter));
        }
    }

    /** Counter {@code i} modulo 64: the reads go round the block, so none can be hoisted out of the loop. */
    private static int counterOffset(final int i)
    {
        return (i & (COUNTERS - 1)) * Long.BYTES;
    }
}
