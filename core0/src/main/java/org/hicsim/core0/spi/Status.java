package org.hicsim.core0.spi;

/**
 * Result codes of the SPI: {@link #OK} or a negative code in {@link ResultRange#STATUS}. Codes from
 * {@link #SERVICE_BASE} down ({@link ResultRange#SERVICE}) are a service's own, documented by that service; a
 * code a service passes on from Core-0 keeps Core-0's range, so {@link #name} still tells who refused.
 */
public final class Status
{
    public static final int OK = 0;
    /** The request names an operation the service does not have. */
    public static final int UNKNOWN_OPERATION = -1;
    /** The request names a connection the service does not hold. */
    public static final int UNKNOWN_CONNECTION = -2;
    /** The arguments are not valid for the operation. */
    public static final int INVALID_ARGUMENT = -3;
    /** The service has no room left (connections, buffers, memory). */
    public static final int NO_CAPACITY = -4;
    /**
     * The service is not taking this work now, but will: it is holding it back to reach the consistency point of a
     * migration, or the connection is frozen while it moves.
     */
    public static final int BUSY = -5;
    /** An internal failure the service noticed and survived. */
    public static final int INTERNAL_ERROR = -6;
    /** A snapshot in a state structure version the service cannot read or write. */
    public static final int STATE_VERSION_UNSUPPORTED = -7;
    /** A snapshot whose consistency check failed (its checksum does not match its contents). */
    public static final int STATE_CORRUPT = -8;
    /** A call to another service failed in Core-0: the capability check or the IPC refused it. */
    public static final int CALL_FAILED = -9;
    /**
     * Another instance serves this now: the connection migrated to it, or (after the consistency point of an
     * export) the state the request would change or the new connection it would open belongs to the instance that
     * imported the snapshot. Not an error of the request: it is for the connection's new owner.
     */
    public static final int MIGRATED = -10;

    /** The highest code a service may define for itself; its own codes run downwards from here. */
    public static final int SERVICE_BASE = -1000;

    private Status()
    {
    }

    /**
     * A short name for a code, for traces and reports: this class's constant, or the range of another layer's
     * code with its number, e.g. {@code CAPABILITY(-101)}.
     */
    public static String name(final int status)
    {
        switch (status)
        {
            case OK: return "OK";
            case UNKNOWN_OPERATION: return "UNKNOWN_OPERATION";
            case UNKNOWN_CONNECTION: return "UNKNOWN_CONNECTION";
            case INVALID_ARGUMENT: return "INVALID_ARGUMENT";
            case NO_CAPACITY: return "NO_CAPACITY";
            case BUSY: return "BUSY";
            case INTERNAL_ERROR: return "INTERNAL_ERROR";
            case STATE_VERSION_UNSUPPORTED: return "STATE_VERSION_UNSUPPORTED";
            case STATE_CORRUPT: return "STATE_CORRUPT";
            case CALL_FAILED: return "CALL_FAILED";
            case MIGRATED: return "MIGRATED";
            default:
                final ResultRange range = ResultRange.of(status);
                return (null == range ? "UNDEFINED" : range.name()) + "(" + status + ")";
        }
    }
}
