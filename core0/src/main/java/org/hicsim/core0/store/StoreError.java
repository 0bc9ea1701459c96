package org.hicsim.core0.store;

/**
 * Why the persistent store refused or failed an operation, with stable negative codes below every
 * {@link org.hicsim.core0.cap.CapError}, {@code IPC_*} and region code, so one result tells which layer answered.
 * A capability check that fails first answers its {@code CapError} code instead. Codes never change meaning; new
 * ones are appended.
 * <p>
 * {@link #FULL}, {@link #QUEUE_FULL} and {@link #TOO_LARGE} refuse a request when it is made; the others end an
 * accepted operation and reach its {@link StoreListener}.
 */
public enum StoreError
{
    /** The operation names a file that does not exist when the device comes to it. */
    NO_SUCH_FILE(-301),
    /** The bytes would not fit: the device holds its capacity, counting appends already accepted. */
    FULL(-302),
    /** A read starts, or a truncation ends, beyond the file's end. */
    OUT_OF_RANGE(-303),
    /** {@link PersistentStore#QUEUE_DEPTH_MAX} operations are waiting already. */
    QUEUE_FULL(-304),
    /** One operation may move at most {@link PersistentStore#OPERATION_LENGTH_MAX} bytes. */
    TOO_LARGE(-305),
    /** The device failed the operation (an injected fault, {@link StoreFaults}); an append wrote nothing. */
    IO_FAILED(-306),
    /** The device crashed with the operation in flight or queued; an append in flight left a prefix. */
    CRASHED(-307);

    private static final StoreError[] VALUES = values();

    private final int code;

    StoreError(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    /**
     * @throws IllegalArgumentException when {@code code} is not one of these codes.
     */
    public static StoreError fromCode(final long code)
    {
        for (final StoreError error : VALUES)
        {
            if (error.code == code)
            {
                return error;
            }
        }
        throw new IllegalArgumentException("code=" + code + " is not a StoreError");
    }
}
