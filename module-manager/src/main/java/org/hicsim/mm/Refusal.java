package org.hicsim.mm;

/**
 * Why an update was refused or aborted before the point of no return. Each is a typed reason, recorded in the
 * report, the trace and the audit chain.
 */
public enum Refusal
{
    /** Another update of the same service, or of a batch it belongs to, is in progress. */
    BUSY,
    /** The caller holds no update capability for the Module Manager's endpoint. */
    UNAUTHORIZED,
    /** The service is not installed, or not running. */
    UNKNOWN_SERVICE,
    /** The old or the new version declares no migration protocol: it cannot be updated live. */
    NOT_LIVE_UPDATABLE,
    /** Free memory is below the policy's headroom (two instances side by side). */
    INSUFFICIENT_MEMORY,
    /** The repository has no such bundle. */
    BUNDLE_NOT_FOUND,
    /** The bundle's format, hash, signature, certificate chain or validity failed verification. */
    BUNDLE_REJECTED,
    /** The bundle is older than the version accepted for that module, and the policy allows no downgrade. */
    DOWNGRADE,
    /** The bundle is another module than the service's (its name differs). */
    WRONG_MODULE,
    /** The dependencies form a cycle. */
    DEPENDENCY_CYCLE,
    /** A dependency's constraint is met by no installed version and no version in the repository. */
    UNSATISFIABLE_DEPENDENCY,
    /** A dependency's own update, done first, did not complete. */
    DEPENDENCY_UPDATE_FAILED,
    /** Core-0 refused the new instance's sandbox, a capability or a name. */
    KERNEL_REFUSED,
    /** The new instance crashed while it started. */
    CRASHED_ON_START,
    /** The two versions share no migration protocol. */
    NO_COMMON_PROTOCOL,
    /** The new instance's answers to the test requests differ from the old one's. */
    CONSISTENCY_CHECK_FAILED,
    /** The new instance is slower than the old one on the test requests by more than the policy allows. */
    BASELINE_REGRESSION,
    /** The new instance's memory grew during the short leak check. */
    LEAK_SUSPECTED,
    /**
     * The migration channel between the two instances could not be made, or kept refusing the state sent over it
     * (each refusal is counted in the report).
     */
    MIGRATION_CHANNEL_FAILED,
    /** The old instance did not reach its consistency point before the deadline. */
    QUIESCENCE_TIMEOUT,
    /** The old instance could not export its state. */
    EXPORT_FAILED,
    /** The new instance refused the imported state. */
    IMPORT_REFUSED,
    /** The imported state, exported again in the old layout, is not the state that was imported. */
    ROUND_TRIP_MISMATCH,
    /** Cancelled on request before the point of no return. */
    CANCELLED,
    /**
     * A change of strategy came after the update's last stage began (or once it was rolling back): no stage
     * boundary is left at which another strategy could take over.
     */
    STRATEGY_CHANGE_TOO_LATE,
    /** The update is frozen (its state changes cannot be undone): only an emergency rollback is taken. */
    FROZEN,
    /** The bundle's digest is marked problematic: it is not installed again unless the policy overrides it. */
    PROBLEMATIC_BUNDLE,
    /** No configuration version older than the current one is known good: there is nothing to roll back to. */
    NO_GOOD_CONFIGURATION,
    /** No rollback point within the fast undo's bounds (revisions back, age). */
    NO_ROLLBACK_POINT,
    /** The service's instance refused the configuration (a value it cannot take). */
    CONFIGURATION_REFUSED
}
