package org.hicsim.core0.region;

/**
 * Why a memory-region system call was refused, with stable negative codes in the
 * {@link org.hicsim.core0.spi.ResultRange#REGION} range, apart from every other layer's, so one result tells
 * which layer refused. A capability check that fails first answers its {@code CapError} code instead. Codes never
 * change meaning; new ones are appended.
 */
public enum RegionError
{
    /** The virtual address is not page aligned, the page count is not positive, or the range leaves the address space. */
    INVALID_RANGE(-301),
    /** A page of the range is not mapped read-write in the caller's page table. */
    NOT_MAPPED(-302),
    /** A frame behind the range is not the caller's own (another owner's, or a Core-0 shared frame). */
    NOT_OWNED(-303),
    /** The frames behind the range are not physically consecutive, so they cannot move as one range. */
    NOT_CONSECUTIVE(-304),
    /** A frame of the range already belongs to a region: a frame is in at most one, so it has one holder. */
    OVERLAP(-305),
    /** The holder has the region mapped already; a region is mapped at most once per holder. */
    ALREADY_MAPPED(-306),
    /** A page where the region would be mapped is mapped already. */
    ADDRESS_IN_USE(-307),
    /**
     * The target holds more frames than its quota allows (Core-0 lowered it), so even with the region's share of
     * quota moving along it could not take the frames.
     */
    TARGET_OVER_QUOTA(-308);

    private final int code;

    RegionError(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }
}
