package org.hicsim.mm.snapshot;

import java.util.SplittableRandom;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.ConnectionState;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.mm.KernelFixture;

/**
 * Generated snapshots, and a listener and runs for writing and reading them back through a {@link KernelFixture}.
 */
final class Snapshots
{
    private Snapshots()
    {
    }

    /**
     * {@code connections} connections with distinct ids, records of 0 to {@code recordLengthMax} bytes (half of
     * each record repeats, so it compresses somewhat, as connection tables do), all classes, and a global part.
     */
    static StateSnapshot generate(final long seed, final int connections, final int recordLengthMax, final int globalLength)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final byte[] global = new byte[globalLength];
        random.nextBytes(global);
        final StateSnapshot.Builder builder = StateSnapshot.builder(3).global(global, 0, global.length);
        final byte[] record = new byte[ConnectionState.LENGTH_MAX];
        final ConnectionClass[] classes = ConnectionClass.values();
        long id = random.nextLong();
        for (int i = 0; i < connections; i++)
        {
            id += 1 + random.nextInt(1000);
            final int length = random.nextInt(recordLengthMax + 1);
            for (int b = 0; b < length; b++)
            {
                record[b] = b < length / 2 ? (byte)random.nextInt() : (byte)(i + b % 8);
            }
            builder.connection(new ConnectionState(id, classes[i % classes.length], record, length));
        }
        return builder.build();
    }

    /** Keeps how a write or read ended, and when. */
    static final class Outcome implements SnapshotListener
    {
        private final KernelFixture fixture;
        SnapshotIndex index;
        SnapshotException failure;
        long endNs = -1;

        Outcome(final KernelFixture fixture)
        {
            this.fixture = fixture;
        }

        @Override
        public void onDone(final SnapshotIndex index)
        {
            this.index = index;
            endNs = fixture.now();
        }

        @Override
        public void onFailed(final SnapshotException failure)
        {
            this.failure = failure;
            endNs = fixture.now();
        }

        boolean ended()
        {
            return endNs >= 0;
        }
    }
}
