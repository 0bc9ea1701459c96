package org.hicsim.core0.spi;

/**
 * Where {@link Service#migrateConnection} sends a connection: the new instance, seen by the old one only as its
 * sandbox id (to transfer the buffer capability to) and a delivery call, never as an object it could reach into.
 */
public interface ConnectionTarget
{
    /** The sandbox the connection's buffer region capability must be transferred to. */
    int sandboxId();

    /**
     * Hands the frozen connection to the target instance, which activates it
     * ({@link Service#activateConnection}).
     *
     * @param state               the connection's final state record, at most {@link ConnectionState#LENGTH_MAX}
     *                            bytes.
     * @param bufferRegionHandle  the handle the transfer returned: valid in the target's capability space.
     * @return {@link Status#OK}, or the target's code for refusing it.
     */
    int deliver(long connectionId, byte[] state, int stateLength, long bufferRegionHandle);
}
