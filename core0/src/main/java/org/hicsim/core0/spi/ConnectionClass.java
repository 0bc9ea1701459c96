package org.hicsim.core0.spi;

/**
 * The migration class of a connection, from the HIC document's step 3.1: it decides in which phase of the
 * four-phase progressive migration the connection moves. Append only: a class's code is stored in connection
 * records.
 */
public enum ConnectionClass
{
    /** No data transfer: immediately migratable, phase 1. */
    IDLE,
    /** Background downloads, P2P: phase 1. */
    LOW,
    /** Regular HTTP, plain TCP: phase 2. */
    MEDIUM,
    /** Real-time streaming, VIP customers: phase 3. */
    HIGH,
    /** Long-lived sessions (VPN tunnels, database connections, WebSocket): phase 4, one at a time. */
    PERSISTENT;

    private static final ConnectionClass[] BY_CODE = values();

    public int code()
    {
        return ordinal();
    }

    /**
     * @throws IllegalArgumentException when {@code code} names no class.
     */
    public static ConnectionClass fromCode(final int code)
    {
        if (code < 0 || code >= BY_CODE.length)
        {
            throw new IllegalArgumentException("code=" + code + " names no ConnectionClass");
        }
        return BY_CODE[code];
    }
}
