package org.hicsim.services.netstack;

import org.hicsim.core0.spi.Configuration;

/**
 * The layout of {@link MemoryMapDescriptor} for one capacity: how many connection slots, how many bytes of buffer
 * each, and where the structures sized by them lie, computed once. The capacity is configuration read at
 * {@code init} ({@link #CONNECTIONS_KEY}, {@link #BUFFER_BYTES_KEY}) and fixed for the instance's life, since
 * every structure's place follows from it. Immutable.
 */
public final class MemoryMap
{
    /** Configuration key: connection slots, 1 to {@link MemoryMapDescriptor#CONNECTIONS_MAX}. */
    public static final String CONNECTIONS_KEY = "connections";
    /**
     * Configuration key: bytes of each connection's buffer, a power of two from
     * {@link MemoryMapDescriptor#BUFFER_BYTES_MIN} to {@link MemoryMapDescriptor#BUFFER_BYTES_MAX}; half is its send
     * ring, half its receive ring. Two instances a connection moves between must agree on it.
     */
    public static final String BUFFER_BYTES_KEY = "buffer_bytes";

    private final int connections;
    private final int bufferBytes;
    private final int indexCapacity;
    private final long freeMapOffset;
    private final long indexOffset;
    private final long slotsOffset;
    private final long buffersOffset;
    private final long requiredLength;

    /**
     * @throws IllegalArgumentException when {@code connections} or {@code bufferBytes} is outside its range.
     */
    public MemoryMap(final long connections, final long bufferBytes)
    {
        if (connections < 1 || connections > MemoryMapDescriptor.CONNECTIONS_MAX)
        {
            throw new IllegalArgumentException(CONNECTIONS_KEY + "=" + connections + " outside 1.."
                + MemoryMapDescriptor.CONNECTIONS_MAX);
        }
        if (bufferBytes < MemoryMapDescriptor.BUFFER_BYTES_MIN || bufferBytes > MemoryMapDescriptor.BUFFER_BYTES_MAX
            || Long.bitCount(bufferBytes) != 1)
        {
            throw new IllegalArgumentException(BUFFER_BYTES_KEY + "=" + bufferBytes + " is not a power of two in "
                + MemoryMapDescriptor.BUFFER_BYTES_MIN + ".." + MemoryMapDescriptor.BUFFER_BYTES_MAX);
        }
        this.connections = (int)connections;
        this.bufferBytes = (int)bufferBytes;
        this.indexCapacity = Integer.highestOneBit(2 * this.connections - 1) << 1;
        this.freeMapOffset = MemoryMapDescriptor.SIZED_OFFSET;
        this.indexOffset = freeMapOffset + MemoryMapDescriptor.pages(freeMapWords() * (long)Long.BYTES);
        this.slotsOffset = indexOffset
            + MemoryMapDescriptor.pages((long)indexCapacity * MemoryMapDescriptor.INDEX_ENTRY_LENGTH);
        this.buffersOffset = slotsOffset + MemoryMapDescriptor.pages(connections * MemoryMapDescriptor.SLOT_LENGTH);
        this.requiredLength = buffersOffset + connections * bufferBytes;
    }

    /**
     * The capacity {@code configuration} asks for, each key defaulting to what netstack always had.
     *
     * @throws IllegalArgumentException when a value is malformed or out of range.
     */
    public static MemoryMap of(final Configuration configuration)
    {
        return new MemoryMap(configuration.integer(CONNECTIONS_KEY, MemoryMapDescriptor.CONNECTIONS_DEFAULT),
            configuration.integer(BUFFER_BYTES_KEY, MemoryMapDescriptor.BUFFER_BYTES_DEFAULT));
    }

    public int connections()
    {
        return connections;
    }

    public int bufferBytes()
    {
        return bufferBytes;
    }

    /** Bytes of each of a buffer's two rings. */
    public int ringLength()
    {
        return bufferBytes / 2;
    }

    /** Pages of one buffer: what a migrating connection's region spans. */
    public int bufferPages()
    {
        return bufferBytes / MemoryMapDescriptor.PAGE_SIZE;
    }

    /** 64-bit words of the free-slot bitmap. */
    public int freeMapWords()
    {
        return (connections + Long.SIZE - 1) / Long.SIZE;
    }

    /** Entries of the 5-tuple index: a power of two, at least twice the slots, so probes stay short. */
    public int indexCapacity()
    {
        return indexCapacity;
    }

    public long freeMapOffset()
    {
        return freeMapOffset;
    }

    public long indexOffset()
    {
        return indexOffset;
    }

    public long slotsOffset()
    {
        return slotsOffset;
    }

    public long slotOffset(final int slot)
    {
        return slotsOffset + (long)slot * MemoryMapDescriptor.SLOT_LENGTH;
    }

    public long poolBufferOffset(final int slot)
    {
        return buffersOffset + (long)slot * bufferBytes;
    }

    public long windowBufferAddress(final long windowBase, final int slot)
    {
        return windowBase + (long)slot * bufferBytes;
    }

    /** Bytes every instance of this capacity uses whatever it holds: everything but the buffer pool. */
    public long fixedStructuresLength()
    {
        return buffersOffset;
    }

    /** The least sandbox memory netstack runs in at this capacity. */
    public long requiredLength()
    {
        return requiredLength;
    }

    /**
     * @throws IllegalStateException when the sandbox is too small for netstack's structures at this capacity.
     */
    public void checkMemory(final long memoryBase, final long memoryBytes)
    {
        if ((memoryBase & (MemoryMapDescriptor.PAGE_SIZE - 1)) != 0 || memoryBytes < requiredLength)
        {
            throw new IllegalStateException("memoryBase=0x" + Long.toHexString(memoryBase) + " memoryBytes="
                + memoryBytes + " need a page-aligned base and at least " + requiredLength + " bytes for "
                + CONNECTIONS_KEY + "=" + connections + " " + BUFFER_BYTES_KEY + "=" + bufferBytes);
        }
    }

    @Override
    public String toString()
    {
        return "MemoryMap{" + CONNECTIONS_KEY + "=" + connections + " " + BUFFER_BYTES_KEY + "=" + bufferBytes
            + " requiredLength=" + requiredLength + "}";
    }
}
