package org.hicsim.core0.registry;

/**
 * A service name, interface or version that does not follow {@code cap://SERVICE/vMAJOR.MINOR.PATCH/INTERFACE}.
 * The message quotes the whole text and says which part is wrong, so a scenario author can fix it at once.
 */
public final class InvalidServiceNameException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final String reason;

    public InvalidServiceNameException(final String text, final String reason)
    {
        super("bad service name \"" + text + "\": " + reason);
        this.reason = reason;
    }

    /** What is wrong, without the quoted text. */
    public String reason()
    {
        return reason;
    }
}
