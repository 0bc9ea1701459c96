package org.hicsim.core0.store;

/**
 * One request to the device, from its acceptance until it ends. Kept by {@link PersistentStore} only.
 */
final class StoreOperation
{
    /** What the device is asked to do. */
    enum Kind
    {
        APPEND,
        READ,
        TRUNCATE,
        DELETE
    }

    final long requestId;
    final Kind kind;
    final int sandboxId;
    final String file;
    /** APPEND: the device's own copy of the bytes; READ: the caller's destination. */
    final byte[] data;
    final int dataOffset;
    /** APPEND: bytes to write; READ: bytes asked for. */
    final int length;
    /** READ: where to start; TRUNCATE: the new length. */
    final long position;
    final StoreListener listener;

    /** Set when the device starts the operation. */
    long startNs;
    long dataStartNs;
    /** Bytes the operation moves once started (READ: what the file has from the position on, up to length). */
    int transferBytes;
    /** The outcome decided at the start: a negative {@link StoreError} code, or 0 to carry it out. */
    int refusal;

    StoreOperation(
        final long requestId,
        final Kind kind,
        final int sandboxId,
        final String file,
        final byte[] data,
        final int dataOffset,
        final int length,
        final long position,
        final StoreListener listener)
    {
        this.requestId = requestId;
        this.kind = kind;
        this.sandboxId = sandboxId;
        this.file = file;
        this.data = data;
        this.dataOffset = dataOffset;
        this.length = length;
        this.position = position;
        this.listener = listener;
    }

    /** {@code name=value} pairs naming the operation, never its bytes. */
    String describe()
    {
        return "request=" + requestId + " op=" + kind + " sandbox=" + sandboxId + " file=" + file
            + (kind == Kind.TRUNCATE ? " length=" + position : " bytes=" + length)
            + (kind == Kind.READ ? " position=" + position : "");
    }
}
