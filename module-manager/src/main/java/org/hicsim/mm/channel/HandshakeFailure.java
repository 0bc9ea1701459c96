package org.hicsim.mm.channel;

/**
 * Why an end refused its peer during the handshake, with stable codes (-321 to -329). Any of them fails the
 * channel: its keys are dropped and Core-0 removes its endpoints.
 */
public enum HandshakeFailure
{
    /** A hello or finished message of the wrong length or version. */
    MALFORMED(-321),
    /** The hello names another instance than the one Core-0 joined this end to, as sender or as receiver. */
    WRONG_PEER(-322),
    /** The peer's public key is a low-order point: the agreement would be all zeros. */
    INVALID_PUBLIC_KEY(-323),
    /**
     * The peer's finished MAC does not match: it derived other keys, because it is not the instance Core-0
     * provisioned, or because a public key or UUID was changed on the way.
     */
    KEY_CONFIRMATION_FAILED(-324),
    /** A message the handshake's current step does not expect (a second hello, a finished before the hello). */
    UNEXPECTED_MESSAGE(-325);

    private static final HandshakeFailure[] VALUES = values();

    private final int code;

    HandshakeFailure(final int code)
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
    public static HandshakeFailure fromCode(final int code)
    {
        for (final HandshakeFailure failure : VALUES)
        {
            if (failure.code == code)
            {
                return failure;
            }
        }
        throw new IllegalArgumentException("code=" + code + " is not a HandshakeFailure");
    }
}
