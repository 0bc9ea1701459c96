package org.hicsim.mm.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.store.PersistentStore;
import org.hicsim.core0.store.StoreError;

/**
 * The Module Manager's write-ahead journal: an append-only file of {@link JournalRecordDescriptor records} on
 * Core-0's persistent store, written through the Module Manager's sandbox and its store capability, so that a
 * Module Manager killed at any step and restarted reads back what it had decided and completes or rolls back.
 * <p>
 * {@link #open} reads the file from its start, keeps every whole record, and cuts a torn or corrupt tail off the
 * file before the journal takes new records, so a new record never follows bytes a reader would stop at.
 * <p>
 * Appends are committed in groups: while one write is on the device, further records wait and go together in
 * the next write (as a database's log does), and each record's {@link JournalListener} hears when it is durable,
 * in the order appended. A record is durable only if every record before it is: once a write fails, the journal
 * fails every record still waiting and takes no more ({@link #FAILED}) until it is opened again, which finds on
 * the device exactly the records that made it.
 */
public final class Journal
{
    /** The journal failed an earlier write; open it again to go on. */
    public static final int FAILED = -401;
    /** The file on the device is longer than {@link #JOURNAL_LENGTH_MAX}. */
    public static final int TOO_LONG = -402;
    /** Bound on the journal: it is read whole on open. */
    public static final int JOURNAL_LENGTH_MAX = 64 << 20;
    /** Bytes read per device operation on open. */
    static final int READ_CHUNK_LENGTH = 1 << 20;

    private final PersistentStore store;
    private final int sandboxId;
    private final long handle;
    private final String file;
    private final JournalCodec codec = new JournalCodec();
    private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
    private final List<Entry> inFlight = new ArrayList<>();
    private long durableLength;
    private long durableRecords;
    private long nextRecordNumber;
    private boolean failed;

    private Journal(
        final PersistentStore store, final int sandboxId, final long handle, final String file, final JournalScan scan)
    {
        this.store = store;
        this.sandboxId = sandboxId;
        this.handle = handle;
        this.file = file;
        this.durableLength = scan.validLength();
        this.durableRecords = scan.records().size();
        this.nextRecordNumber = durableRecords;
    }

    /**
     * Reads the journal in {@code file} (none yet is an empty journal), drops a torn or corrupt tail from the
     * device, and hands the journal and its records to {@code listener}.
     *
     * @param sandboxId the Module Manager's sandbox: every device operation is made as it.
     * @param handle    its {@link org.hicsim.core0.cap.ObjectKind#PERSISTENT_STORE} capability, READ and WRITE.
     * @return 0 when reading has started, or a negative capability code, {@link StoreError} code or
     * {@link #TOO_LONG}, and then {@code listener} hears nothing.
     */
    public static long open(
        final Kernel kernel,
        final int sandboxId,
        final long handle,
        final String file,
        final JournalOpenListener listener)
    {
        Objects.requireNonNull(listener, "listener");
        final PersistentStore store = kernel.store();
        final long length = store.length(sandboxId, handle, file);
        if (length < 0 && length != StoreError.NO_SUCH_FILE.code())
        {
            return length;
        }
        if (length > JOURNAL_LENGTH_MAX)
        {
            return TOO_LONG;
        }
        return new JournalOpening(kernel, sandboxId, handle, file, Math.max(0, length), listener).start();
    }

    /**
     * Appends a record; {@code listener} hears when it is durable.
     *
     * @return the record's number (its index from the journal's start), or a negative code: {@link #FAILED}, or
     * the device's refusal of a write that would have started now (a capability or {@link StoreError} code), in
     * which case the journal is unchanged and may be appended to again.
     */
    public long append(final JournalRecord record, final JournalListener listener)
    {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(listener, "listener");
        if (failed)
        {
            return FAILED;
        }
        waiting.add(new Entry(nextRecordNumber, codec.encode(record), listener));
        if (inFlight.isEmpty())
        {
            final long refused = writeWaiting();
            if (refused < 0)
            {
                waiting.clear();
                return refused;
            }
        }
        return nextRecordNumber++;
    }

    public String file()
    {
        return file;
    }

    /** Bytes of the journal known durable: where the next write lands. */
    public long durableLength()
    {
        return durableLength;
    }

    /** Records known durable, those recovered on open included. */
    public long durableRecords()
    {
        return durableRecords;
    }

    public boolean isFailed()
    {
        return failed;
    }

    /** Writes the waiting records, as many as one device operation takes, in one append. */
    private long writeWaiting()
    {
        int batchLength = 0;
        final List<Entry> batch = new ArrayList<>();
        for (final Entry entry : waiting)
        {
            if (!batch.isEmpty() && batchLength + entry.bytes.length > PersistentStore.OPERATION_LENGTH_MAX)
            {
                break;
            }
            batch.add(entry);
            batchLength += entry.bytes.length;
        }
        final byte[] bytes = new byte[batchLength];
        int offset = 0;
        for (final Entry entry : batch)
        {
            System.arraycopy(entry.bytes, 0, bytes, offset, entry.bytes.length);
            offset += entry.bytes.length;
        }
        final long request = store.append(sandboxId, handle, file, bytes, 0, bytes.length, this::written);
        if (request >= 0)
        {
            for (int i = 0; i < batch.size(); i++)
            {
                inFlight.add(waiting.poll());
            }
        }
        return request;
    }

    private void written(final long requestId, final long result)
    {
        final List<Entry> done = new ArrayList<>(inFlight);
        inFlight.clear();
        if (result < 0)
        {
            fail(done, result);
            return;
        }
        // The next group goes to the device before anyone is told, so that a record appended from a listener
        // waits behind those that were already waiting.
        final long refused = waiting.isEmpty() ? 0 : writeWaiting();
        long end = result;
        for (int i = done.size() - 1; i >= 0; i--)
        {
            done.get(i).endOffset = end;
            end -= done.get(i).bytes.length;
        }
        durableLength = result;
        durableRecords += done.size();
        failed = refused < 0;
        for (final Entry entry : done)
        {
            entry.listener.onAppended(entry.recordNumber, entry.endOffset);
        }
        if (refused < 0)
        {
            fail(List.of(), refused);
        }
    }

    private void fail(final List<Entry> inFlightFailed, final long code)
    {
        failed = true;
        final List<Entry> stillWaiting = new ArrayList<>(waiting);
        waiting.clear();
        for (final Entry entry : inFlightFailed)
        {
            entry.listener.onAppended(entry.recordNumber, code);
        }
        for (final Entry entry : stillWaiting)
        {
            entry.listener.onAppended(entry.recordNumber, code);
        }
    }

    /** A record appended and not yet reported. */
    private static final class Entry
    {
        final long recordNumber;
        final byte[] bytes;
        final JournalListener listener;
        long endOffset;

        Entry(final long recordNumber, final byte[] bytes, final JournalListener listener)
        {
            this.recordNumber = recordNumber;
            this.bytes = bytes;
            this.listener = listener;
        }
    }

    /** {@link #open}'s work: read the file in chunks, scan it, cut a bad tail off, hand the journal over. */
    private static final class JournalOpening
    {
        private final Kernel kernel;
        private final int sandboxId;
        private final long handle;
        private final String file;
        private final byte[] bytes;
        private final JournalOpenListener listener;
        private int read;

        JournalOpening(
            final Kernel kernel,
            final int sandboxId,
            final long handle,
            final String file,
            final long length,
            final JournalOpenListener listener)
        {
            this.kernel = kernel;
            this.sandboxId = sandboxId;
            this.handle = handle;
            this.file = file;
            this.bytes = new byte[(int)length];
            this.listener = listener;
        }

        /** Even an empty or missing journal is read once, so the answer always comes from the device. */
        long start()
        {
            final long request = readNext();
            return request < 0 ? request : 0;
        }

        private long readNext()
        {
            return kernel.store().read(sandboxId, handle, file, read, bytes, read,
                Math.min(READ_CHUNK_LENGTH, bytes.length - read), this::chunkRead);
        }

        private void chunkRead(final long requestId, final long result)
        {
            if (result < 0 && !(result == StoreError.NO_SUCH_FILE.code() && bytes.length == 0))
            {
                listener.onFailed(result);
                return;
            }
            read += (int)Math.max(0, result);
            if (result > 0 && read < bytes.length)
            {
                final long request = readNext();
                if (request < 0)
                {
                    listener.onFailed(request);
                }
                return;
            }
            final JournalScan scan = new JournalCodec().scan(bytes, read);
            final String detail = "file=" + file + " sandbox=" + sandboxId + " records=" + scan.records().size()
                + " validLength=" + scan.validLength() + " droppedBytes=" + scan.droppedBytes()
                + " tail=" + scan.tail();
            kernel.simulation().trace().record("mm.journal.open", detail);
            if (scan.tail() == JournalTail.CLEAN)
            {
                listener.onOpened(new Journal(kernel.store(), sandboxId, handle, file, scan), scan);
                return;
            }
            kernel.audit().record("mm.journal.dropped", sandboxId, detail);
            final long request = kernel.store().truncate(sandboxId, handle, file, scan.validLength(),
                (truncateId, truncated) -> opened(scan, truncated));
            if (request < 0)
            {
                listener.onFailed(request);
            }
        }

        private void opened(final JournalScan scan, final long truncated)
        {
            if (truncated < 0)
            {
                listener.onFailed(truncated);
                return;
            }
            listener.onOpened(new Journal(kernel.store(), sandboxId, handle, file, scan), scan);
        }
    }
}
