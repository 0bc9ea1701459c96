package org.hicsim.core0.cap;

/**
 * Why a capability operation was refused, with stable negative codes (the seL4 habit: failures are typed values,
 * not exceptions) in the {@link org.hicsim.core0.spi.ResultRange#CAPABILITY} range.
 * <p>
 * Result convention of {@link CapabilitySystem}: a result {@code >= 0} is success (a handle for operations that
 * make a capability, a count for revocations, an object id for {@code check}, 0 for {@code delete}); a result
 * {@code < 0} is the {@link #code()} of one of these. Codes never change meaning; new ones are appended.
 */
public enum CapError
{
    /** The handle was never issued to anyone (seL4: FailedLookup). */
    INVALID_HANDLE(-101),
    /** The handle was issued, but its capability has since been deleted, revoked, moved or its sandbox died. */
    STALE_HANDLE(-102),
    /**
     * The handle belongs to another live sandbox. The audit keeps this precise reason; the system-call layer may
     * answer a service with {@link #INVALID_HANDLE} instead, so a sandbox learns nothing about other sandboxes.
     */
    WRONG_SANDBOX(-103),
    /** The capability names another kind of object than the operation needs. */
    WRONG_KIND(-104),
    /** The capability lacks a right the operation needs. */
    INSUFFICIENT_RIGHTS(-105),
    /** A derivation asked for a right its source does not have. */
    RIGHTS_AMPLIFICATION(-106),
    /** Revoke of a capability flagged {@link CapFlags#IMMUTABLE}. */
    IMMUTABLE(-107),
    /** A capability flagged {@link CapFlags#PINNED} may not leave its sandbox. */
    PINNED(-108),
    /** The destination capability space has no free slot. */
    TABLE_FULL(-109),
    /** The source already has {@link CapLimits#CHILDREN_MAX} children. */
    TOO_MANY_CHILDREN(-110),
    /** The child would lie deeper than {@link CapLimits#DERIVATION_DEPTH_MAX} below its original. */
    DEPTH_EXCEEDED(-111),
    /** The acting or target sandbox has no capability space. */
    NO_SUCH_SANDBOX(-112),
    /** Only Core-0 may do this (HIC's privileged boundary). */
    PRIVILEGE_REQUIRED(-113),
    /** A badge can only be set on an unbadged capability (seL4: IllegalOperation). */
    BADGE_ALREADY_SET(-114);

    private static final CapError[] VALUES = values();

    private final int code;

    CapError(final int code)
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
    public static CapError fromCode(final long code)
    {
        for (final CapError error : VALUES)
        {
            if (error.code == code)
            {
                return error;
            }
        }
        throw new IllegalArgumentException("code=" + code + " is not a CapError");
    }
}
