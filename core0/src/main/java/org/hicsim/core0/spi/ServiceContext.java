package org.hicsim.core0.spi;

/**
 * A service's sandbox, seen through its system calls: the only way its code reaches Core-0. Every object is
 * named by a capability handle, checked on each use; the service never holds a kernel object.
 * <p>
 * Memory is the sandbox's own, {@link #memoryBytes()} from {@link #memoryBase()}, reached through its page table:
 * an access outside its mappings, or a write to a read-only page, is a page fault that kills the sandbox and
 * unwinds the service's code. Calls returning {@code long} give a handle ({@code > 0}) or a count
 * ({@code >= 0}), or a negative Core-0 code; calls returning {@code int} give {@link Status#OK} or a negative
 * code.
 */
public interface ServiceContext
{
    /** No handle is ever zero; {@link #capability(String)} answers this for a name it was not given. */
    long NO_CAPABILITY = 0;

    int sandboxId();

    /** Virtual time, in nanoseconds. */
    long nowNs();

    /**
     * The configuration this instance runs with: the one it was started with, then each one
     * {@link Service#configure} accepted.
     */
    Configuration configuration();

    /**
     * The next 64 bits of this sandbox's own random source, derived from the run's seed and the sandbox's name (not
     * from the order sandboxes were made in): the same run draws the same numbers, another seed others. The only
     * randomness a service may use; a service that wants its generator's state to migrate seeds one in its memory
     * from here.
     */
    long nextRandom();

    /** The first virtual address of the sandbox's own memory. */
    long memoryBase();

    /** The size of the sandbox's own memory, from {@link #memoryBase()}. */
    long memoryBytes();

    byte loadByte(long virtualAddress);

    void storeByte(long virtualAddress, byte value);

    int loadInt(long virtualAddress);

    void storeInt(long virtualAddress, int value);

    long loadLong(long virtualAddress);

    void storeLong(long virtualAddress, long value);

    void loadBytes(long virtualAddress, byte[] dst, int dstOffset, int length);

    void storeBytes(long virtualAddress, byte[] src, int srcOffset, int length);

    /**
     * Spends {@code workNs} of CPU under the sandbox's quota, starting now.
     *
     * @return the virtual time at which the work is done: later than now plus the work when throttled.
     */
    long compute(long workNs);

    /**
     * The handle of a capability the loader granted at start under {@code name} (a manifest capability request's
     * object, e.g. {@code net.mmio}, or a dependency's service name, e.g. {@code netstack}).
     *
     * @return the handle, or {@link #NO_CAPABILITY}.
     */
    long capability(String name);

    /**
     * Writes a line to the run's trace through a debug-log capability.
     */
    int log(long logHandle, String message);

    /**
     * Makes {@code pageCount} pages of the sandbox's own memory from {@code virtualAddress} (page aligned) a
     * memory region object, and returns a capability to it that can be transferred. The pages stay mapped.
     *
     * @return the region's handle, or a negative code.
     */
    long createRegion(long virtualAddress, int pageCount);

    /**
     * Maps a memory region this sandbox holds a capability to at {@code virtualAddress} (page aligned, nothing
     * mapped there yet), with the capability's read and write rights.
     */
    int mapRegion(long regionHandle, long virtualAddress);

    /**
     * Makes a shared region this sandbox writes, for snapshots of up to {@code snapshotBytes}, and returns its
     * one writer capability: readers Core-0 grants it to map it read-only and read it directly
     * ({@link SharedRegionReader}); this sandbox hands Core-0 each next version with {@link #publishSharedRegion}.
     *
     * @return the region's handle, or a negative code.
     */
    long createSharedRegion(int snapshotBytes);

    /**
     * Maps the shared region a capability this sandbox holds names, read-only, at {@code virtualAddress} (page
     * aligned, nothing mapped there yet; {@link SharedRegionDescriptor#framesFor} pages). A store there is a page
     * fault; once the capability goes (revoked, deleted) the pages are unmapped and a load there faults too.
     *
     * @return {@link Status#OK}, or a negative code.
     */
    int mapSharedRegion(long sharedHandle, long virtualAddress);

    /**
     * Publishes {@code length} bytes of {@code src} as the next version of a shared region this sandbox writes:
     * Core-0 writes them, and readers see the old version or this one whole, never a mix.
     *
     * @return {@link Status#OK}, or a negative code.
     */
    int publishSharedRegion(long sharedHandle, byte[] src, int offset, int length);

    /**
     * Moves a capability to another sandbox: this sandbox loses it and the target gets a new handle. For a memory
     * region the pages themselves move: Core-0 unmaps them here and the frames, and their share of the memory
     * quota, now belong to the target, without a byte copied.
     *
     * @return the handle in the target's capability space, or a negative code.
     */
    long transfer(long handle, int targetSandboxId);

    /**
     * Deletes a capability from this sandbox's space.
     */
    long delete(long handle);

    /**
     * Calls another service through a service capability: the request goes to whatever instance is the service's
     * default at this moment, so an endpoint switch redirects the very next call.
     *
     * @return {@link Status#OK} when a reply came back in {@code reply} (whose own status may be an error), or a
     * negative code when Core-0 refused the call.
     */
    int call(long serviceHandle, Message request, Message reply);
}
