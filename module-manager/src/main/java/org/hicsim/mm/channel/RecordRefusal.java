package org.hicsim.mm.channel;

/**
 * Why a receiving end refused a sealed record, with stable codes (-311 to -319). A refused record changes no
 * state: the end still expects the same sequence number and has delivered nothing.
 * <p>
 * The tag is checked before the sequence number, so the kind says what happened: a record whose bytes were
 * changed anywhere (header, ciphertext or tag) fails authentication; an authentic record that arrives again is
 * a replay; an authentic record that arrives ahead of its turn (one before it dropped, or the two swapped) is out
 * of order.
 */
public enum RecordRefusal
{
    /** The record is too short, too long, or its length field disagrees with its size. */
    MALFORMED(-311),
    /** The AES-GCM tag does not verify: a bit was flipped somewhere, or the record was sealed under another key. */
    AUTHENTICATION_FAILED(-312),
    /** Authentic, but its sequence number was delivered already. */
    REPLAYED(-313),
    /** Authentic, but its sequence number is ahead of the one expected: a record before it is missing. */
    OUT_OF_ORDER(-314),
    /** The receiving end is closed: its keys are gone, nothing can be opened any more. */
    CLOSED(-315),
    /** A record arrived before the handshake confirmed the keys. */
    UNEXPECTED(-316);

    private static final RecordRefusal[] VALUES = values();

    private final int code;

    RecordRefusal(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    /**
     * @throws IllegalArgumentException when {@code code} is not one of these codes.
     */
    public static RecordRefusal fromCode(final int code)
    {
        for (final RecordRefusal refusal : VALUES)
        {
            if (refusal.code == code)
            {
                return refusal;
            }
        }
        throw new IllegalArgumentException("code=" + code + " is not a RecordRefusal");
    }
}
