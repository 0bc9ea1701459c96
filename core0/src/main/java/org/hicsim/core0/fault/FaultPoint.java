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
    /** The persistent store's every operation takes the point's magnitude longer (the store's fault hook). */
    STORE_SLOW("store.slow"),
    /** Each operation of the persistent store fails with the point's probability (the store's fault hook). */
    STORE_FAIL("store.fail"),
    /**
     * At each step of the Module Manager: it crashes, Core-0's boot supervisor restarts it, and it resumes from
     * its journal (cancelling or rolling back the update it finds).
     */
    MODULE_MANAGER_CRASH("module_manager.crash"),
    /** At each export of a service's state, in the host: one byte of the snapshot is flipped. */
    EXPORT_CORRUPT("export.corrupt"),
    /**
     * At each sealed record a migration channel carries, on the wire: one bit of it flipped, so the receiving end
     * refuses it and the Module Manager moves that state again over a new channel.
     */
    MIGRATION_CHANNEL_TAMPER("migration_channel.tamper");

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
