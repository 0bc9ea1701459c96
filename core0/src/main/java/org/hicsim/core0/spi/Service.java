package org.hicsim.core0.spi;

/**
 * What the entry class of every service module implements: lifecycle, request handling, a health probe, and the
 * state migration protocol of the HIC rolling update document (section 2.2).
 * <p>
 * The host calls one method at a time, on the simulation's single thread, at a virtual instant. A service keeps
 * its state in its sandbox's memory through {@link ServiceContext}, not in Java fields, so that exporting state
 * reads real bytes and Core-0 can hand pages to another instance. Any exception thrown out of a method is a
 * crash: Core-0 kills the sandbox and the host stops calling the service.
 * <p>
 * Codes returned are {@link Status} values; a service may add its own below {@link Status#SERVICE_BASE}.
 */
public interface Service
{
    /**
     * Cold start in a new sandbox: set up empty structures in sandbox memory. Called once, before anything else.
     */
    void init(ServiceContext context);

    /**
     * Serves one request. The service reads {@code request} and fills {@code reply}, whose status is
     * {@link Status#OK} on success; both belong to the caller and are valid only during the call.
     */
    void handle(Message request, Message reply);

    /**
     * The health probe: fills {@code report} with the service's own view of itself.
     */
    void probe(HealthReport report);

    /**
     * Graceful shutdown: release what the service holds. The sandbox is destroyed afterwards.
     */
    void shutdown();

    /**
     * {@code export_state(context) -> snapshot}: freezes the migratable state and writes it in the state
     * structure version {@code context} names (the lower of the two instances'), converting down where it must,
     * as Erlang/OTP's {@code code_change({down, Vsn}, ...)} does on a rollback.
     *
     * @return the snapshot, or null when the service cannot write that state version.
     */
    StateSnapshot exportState(MigrationContext context);

    /**
     * {@code import_state(snapshot, context)}: loads a snapshot written by another instance, converting it up
     * from its state version where needed (Erlang/OTP's {@code code_change(OldVsn, ...)}). Connections imported
     * here are reserved in state "migrating" until {@link #activateConnection} hands each one over.
     *
     * @return {@link Status#OK}, or a code saying why the snapshot was refused; a refused snapshot leaves nothing
     * behind.
     */
    int importState(StateSnapshot snapshot, MigrationContext context);

    /**
     * {@code migrate_connection(id, target)}: the old instance freezes one connection, writes its final state,
     * transfers the capability to the connection's buffer pages to the target's sandbox, and delivers both through
     * {@code target}. The connection is then the target's; this instance marks it migrated.
     *
     * @return {@link Status#OK}, or a code; on failure the connection stays with this instance, untouched.
     */
    int migrateConnection(long connectionId, ConnectionTarget target);

    /**
     * The receiving half of {@link #migrateConnection}: the new instance takes over a connection from its final
     * state and the handle of its buffer region, now in this sandbox's capability space, and starts serving it.
     *
     * @return {@link Status#OK}, or a code; on failure the caller hands the connection back.
     */
    int activateConnection(long connectionId, byte[] state, int stateLength, long bufferRegionHandle);

    /**
     * {@code prepare_migration() -> ready}: stop taking new work of the kind {@code level} names and report
     * whether the service has reached that quiescent point. The host calls again, as virtual time passes, until
     * it answers true or the update's deadline passes; at the deadline the host calls {@link #abortMigration}.
     */
    boolean prepareMigration(Quiescence level);

    /**
     * {@code complete_migration()}: the update is committed; the old instance drops the state it kept for a
     * rollback, the new one ends its "migrating" bookkeeping.
     */
    void completeMigration();

    /**
     * {@code abort_migration()}: the update is cancelled; restore the state before {@link #prepareMigration} and go
     * on serving as if it never began.
     */
    void abortMigration();
}
