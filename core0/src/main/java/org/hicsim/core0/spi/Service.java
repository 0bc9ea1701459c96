package org.hicsim.core0.spi;

/**
 * What the entry class of every service module implements: lifecycle, configuration, request handling, a health
 * probe, and the state migration protocol of the HIC rolling update document (section 2.2).
 * <p>
 * The host calls one method at a time, on the simulation's single thread, at a virtual instant. A service keeps
 * its state in its sandbox's memory through {@link ServiceContext}, not in Java fields, so that exporting state
 * reads real bytes and Core-0 can hand pages to another instance. Any exception thrown out of a method is a
 * crash: Core-0 kills the sandbox and the host stops calling the service.
 * <p>
 * Codes returned are {@link Status} values; a service may add its own below {@link Status#SERVICE_BASE}.
 * <p>
 * <b>A live update</b>, between the instance whose state is taken (the exporter) and the one that takes it (the
 * importer). Only what moves is frozen, and only while it moves:
 * <ol>
 *     <li>{@link #prepareMigration} on the exporter, asked again as virtual time passes until it answers ready:
 *     it holds back the work its {@link Quiescence} level names, to reach a consistency point.</li>
 *     <li>{@link #exportState} on the exporter: the consistency point. The snapshot holds the global state and
 *     every connection. The hold ends: the exporter serves its connections again. What the snapshot moved is the
 *     importer's from here, so the exporter answers {@link Status#MIGRATED} to a request that would change its
 *     global state or open a connection.</li>
 *     <li>{@link #importState} on the importer: it takes the global state and reserves each connection as
 *     migrating, answering {@link Status#BUSY} for it.</li>
 *     <li>{@link #migrateConnection} on the exporter, one connection at a time: that connection alone is frozen,
 *     within the call, while its final state and its buffer move; the importer
 *     {@linkplain #activateConnection activates} it and serves it from then on, and the exporter answers
 *     {@link Status#MIGRATED} for it. The connections not yet moved are served by the exporter as usual.</li>
 *     <li>{@link #completeMigration} on both (committed), or {@link #abortMigration} on both (cancelled).</li>
 * </ol>
 * To cancel once connections have moved, they are first handed back by the same call the other way,
 * {@code importer.migrateConnection(id, exporter)}: the exporter kept each migrated connection's place and takes
 * it up again. An importer hands connections on in the state version of the snapshot it imported, so the
 * exporter reads what comes back.
 * <p>
 * An {@link #exportState} that no {@link #prepareMigration} preceded only reads: what the instance serves and
 * owns does not change. That is how the state round trip before a commit is checked: the importer exports in the
 * exporter's state version, and the snapshot must equal, byte for byte, the one it imported.
 */
public interface Service
{
    /**
     * Cold start in a new sandbox: set up empty structures in sandbox memory, as
     * {@link ServiceContext#configuration()} says. Called once, before anything else.
     */
    void init(ServiceContext context);

    /**
     * A configuration pushed at run time, newer than the instance's current one (the host refuses an older one
     * without calling this): the service applies what it can change while running. A key the service does not
     * read is ignored.
     *
     * @return {@link Status#OK} when it applied it, and {@link ServiceContext#configuration()} answers it from then
     * on; or {@link Status#INVALID_ARGUMENT} for a value it cannot take (malformed, out of range, or a change to a
     * key fixed at {@link #init}), and then nothing changed.
     */
    int configure(Configuration configuration);

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
     * {@code export_state(context) -> snapshot}: the global state and every connection the instance holds, served
     * or reserved, in the state structure version {@code context} names (the lower of the two instances'),
     * converting down where it must, as Erlang/OTP's {@code code_change({down, Vsn}, ...)} does on a rollback.
     * <p>
     * After {@link #prepareMigration} this is the consistency point: the hold ends, connections are served again
     * until each migrates, and the global state and the opening of connections are the importer's, answered
     * {@link Status#MIGRATED}, until {@link #abortMigration} or an {@link #importState} makes them this
     * instance's again. Without a {@code prepareMigration} before it, an export changes nothing the instance
     * serves or owns.
     *
     * @return the snapshot, or null when the service cannot write that state version.
     */
    StateSnapshot exportState(MigrationContext context);

    /**
     * {@code import_state(snapshot, context)}: loads a snapshot written by another instance, converting it up
     * from its state version where needed (Erlang/OTP's {@code code_change(OldVsn, ...)}). The global state is this
     * instance's from now on; connections imported here are reserved as migrating ({@link Status#BUSY}) until
     * {@link #activateConnection} hands each one over. Connections this instance hands on afterwards travel in the
     * snapshot's state version.
     *
     * @return {@link Status#OK}, or a code saying why the snapshot was refused; a refused snapshot leaves nothing
     * behind.
     */
    int importState(StateSnapshot snapshot, MigrationContext context);

    /**
     * {@code migrate_connection(id, target)}: freezes that one connection, and nothing else, for this call: writes
     * its final state, transfers the capability to its buffer pages to the target's sandbox, and delivers both
     * through {@code target}, which activates it. The connection is then the target's: this instance keeps its
     * place, marked migrated and answering {@link Status#MIGRATED}, until {@link #completeMigration} drops it or it
     * comes back through {@link #activateConnection}.
     *
     * @return {@link Status#OK}, or a code; on failure the connection stays with this instance.
     */
    int migrateConnection(long connectionId, ConnectionTarget target);

    /**
     * The receiving half of {@link #migrateConnection}: the instance takes over a connection from its final state
     * and the handle of its buffer region, now in this sandbox's capability space, and serves it from now on: a
     * connection it reserved on import, or one of its own coming back after it migrated (handed back before an
     * abort).
     *
     * @return {@link Status#OK}, or a code; on failure the caller hands the connection back.
     */
    int activateConnection(long connectionId, byte[] state, int stateLength, long bufferRegionHandle);

    /**
     * {@code prepare_migration() -> ready}: holds back the work {@code level} names and reports whether the
     * service has reached that quiescent point, the consistency point of its snapshot. The host asks again, as
     * virtual time passes, until it answers true or the update's deadline passes; at the deadline the host calls
     * {@link #abortMigration}. The hold lasts until {@link #exportState} or {@link #abortMigration}.
     */
    boolean prepareMigration(Quiescence level);

    /**
     * {@code complete_migration()}: the update is committed. The exporter drops the places it kept for the
     * connections that migrated; what it exported stays the importer's. The importer drops reservations never
     * activated. Both end their migration bookkeeping.
     */
    void completeMigration();

    /**
     * {@code abort_migration()}: the update is cancelled, and each instance goes on as if it never began. The
     * exporter ends its hold and owns its global state again; the place of a connection that migrated and was not
     * handed back is given up. The importer drops its reservations and the places of the connections it handed
     * back.
     */
    void abortMigration();
}
