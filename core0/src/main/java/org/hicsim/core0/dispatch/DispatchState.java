package org.hicsim.core0.dispatch;

/**
 * Where a connection of the dispatch table stands. Stored as a byte per slot.
 */
public final class DispatchState
{
    /** The slot holds no connection. */
    public static final byte FREE = 0;
    /** The open request is on its way to the instance chosen for it; requests on it wait for the answer. */
    public static final byte OPENING = 1;
    /** Requests go to the owner. */
    public static final byte ACTIVE = 2;
    /** A migration asked for it: new requests are held, those already sent are still being served. */
    public static final byte FREEZING = 3;
    /** Nothing of it is in flight and new requests are held until it is handed to an owner. */
    public static final byte FROZEN = 4;

    private DispatchState()
    {
    }

    public static String name(final byte state)
    {
        switch (state)
        {
            case FREE:
                return "FREE";
            case OPENING:
                return "OPENING";
            case ACTIVE:
                return "ACTIVE";
            case FREEZING:
                return "FREEZING";
            case FROZEN:
                return "FROZEN";
            default:
                return "UNKNOWN(" + state + ")";
        }
    }
}
