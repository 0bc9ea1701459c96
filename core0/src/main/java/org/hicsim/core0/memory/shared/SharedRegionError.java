package org.hicsim.core0.memory.shared;

/**
 * Why a shared-region system call was refused, or why a sandbox touching a shared region was killed, with stable
 * negative codes in the {@link org.hicsim.core0.spi.ResultRange#SHARED} range. A capability check that fails
 * first answers its {@code CapError} code instead. Codes never change meaning; new ones are appended.
 */
public enum SharedRegionError
{
    /** The virtual address is not page aligned, or the region would leave the address space. */
    INVALID_ADDRESS(-901),
    /** A page where the region would be mapped is mapped already. */
    ADDRESS_IN_USE(-902),
    /** This capability has the region mapped already: one mapping per capability, torn down with it. */
    ALREADY_MAPPED(-903),
    /**
     * A snapshot longer than the region holds, or a region of no bytes or of more than
     * {@link SharedRegions#SNAPSHOT_BYTES_MAX}.
     */
    INVALID_LENGTH(-904),
    /** The sandbox already writes {@link SharedRegions#REGIONS_PER_WRITER_MAX} regions. */
    TOO_MANY_REGIONS(-905),
    /** Only a Privileged-1 sandbox may read Core-0's metrics regions. */
    READER_NOT_PRIVILEGED(-906),
    /** A sandbox stored to a region it has mapped: regions are read-only to every sandbox (the kill's reason). */
    WRITE_FAULT(-907),
    /** A sandbox loaded from where a region was mapped until its capability went (the kill's reason). */
    READ_AFTER_REVOKE(-908);

    private final int code;

    SharedRegionError(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }
}
