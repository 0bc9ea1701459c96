package org.hicsim.core0.fault;

/**
 * The named places where a run can be made to fail on purpose, as FoundationDB's buggify and TigerBeetle's VOPR
 * do: each is off unless the run's {@link FaultPlan} switches it on, and then fires as a chance at each event
 * that passes it ({@link Faults#fires}).
 */
public enum FaultPoint
{
    /** After each simulation event: a live sandbox, chosen by the point's own random source, is killed. */
    SANDBOX_CRASH("sandbox.crash"),
    /** At each message sent to an endpoint: the message is lost, the sender told it was sent. */
    IPC_DROP("ipc.drop"),
    /** At each message sent to an endpoint: it arrives {@link FaultSetting#magnitudeNs()} late (so do those behind it). */
    IPC_DELAY("ipc.delay"),
    /** At each message sent to an endpoint: it is held back and queued after the next one (or after the magnitude). */
    IPC_REORDER("ipc.reorder"),
    /**
     * At each write of the persistent store: it takes the magnitude longer. No store exists yet; the store that
     * comes asks {@link Faults#fires} before each write and adds {@link Faults#magnitudeNs}.
     */
    STORE_SLOW("store.slow"),
    /** At each write of the persistent store: it fails. For the coming store, as {@link #STORE_SLOW}. */
    STORE_FAIL("store.fail"),
    /**
     * At each step of the Module Manager: it crashes and must resume from its journal. For the coming Module
     * Manager, which asks {@link Faults#fires} at each step and stays down at least the stability period.
     */
    MODULE_MANAGER_CRASH("module_manager.crash"),
    /** At each export of a service's state, in the host: one byte of the snapshot is flipped. */
    EXPORT_CORRUPT("export.corrupt");

    private final String traceName;

    FaultPoint(final String traceName)
    {
        this.traceName = traceName;
    }

    /** Its name in the trace and on the command line, e.g. {@code ipc.drop}. */
    public String traceName()
    {
        return traceName;
    }

    /**
     * @throws IllegalArgumentException naming the points if no point has that name.
     */
    public static FaultPoint ofTraceName(final String name)
    {
        for (final FaultPoint point : values())
        {
            if (point.traceName.equals(name))
            {
                return point;
            }
        }
        throw new IllegalArgumentException("name=" + name + " is no fault point; the points are "
            + java.util.Arrays.stream(values()).map(FaultPoint::traceName).toList());
    }
}
