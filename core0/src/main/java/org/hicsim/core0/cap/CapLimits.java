package org.hicsim.core0.cap;

/**
 * HIC's capability limits (its Core-0 code), which bound the cost of every capability operation.
 */
public final class CapLimits
{
    /** Slots in a capability space unless the sandbox manager asks for another size (HIC: table of 2048). */
    public static final int DEFAULT_SPACE_CAPACITY = 2048;

    /** The most slots a space can have: what the handle's widest slot field can address. */
    public static final int SPACE_CAPACITY_MAX = HandleDescriptor.SLOTS_MAX;

    /**
     * Children a capability may derive (copy, mint, transfer with attenuation). Delete re-attaches a deleted
     * capability's children to its parent as seL4 does, which can leave a parent with more; it then derives no
     * more until it is below the limit again.
     */
    public static final int CHILDREN_MAX = 16;

    /**
     * Derivation steps below an original (depth 0): HIC's revocation depth. A chain holds at most 17 capabilities.
     */
    public static final int DERIVATION_DEPTH_MAX = 16;

    private CapLimits()
    {
    }
}
