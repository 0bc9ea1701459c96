package org.hicsim.core0.spi;

/**
 * How quiet a service must be at the consistency point where its snapshot is taken, after MINIX 3's live update:
 * each level includes the ones before it. The caller of {@link Service#prepareMigration} chooses the level its
 * update needs; the service holds back the work the level forbids only until it exports.
 */
public enum Quiescence
{
    /** No request is being worked on: nothing half-done in the service's own code. */
    WORK_FREE,
    /** Also no request waiting: the service's queues are empty and it has no call out to another service open. */
    REQUEST_FREE,
    /** Also no multi-step exchange half done with a peer, e.g. no TCP handshake or close in progress. */
    PROTOCOL_FREE
}
