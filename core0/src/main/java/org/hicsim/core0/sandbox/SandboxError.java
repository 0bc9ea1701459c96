package org.hicsim.core0.sandbox;

/**
 * Why the sandbox manager refused a request. Each has a stable negative code in the
 * {@link org.hicsim.core0.spi.ResultRange#SANDBOX} range, returned where a sandbox id would be, so that callers
 * branch on a number rather than catch (seL4's convention).
 */
public enum SandboxError
{
    NO_SUCH_SANDBOX(-501),
    TOO_MANY_SANDBOXES(-502),
    NAME_IN_USE(-503),
    NO_CONTIGUOUS_MEMORY(-504),
    ILLEGAL_STATE(-505);

    private final int code;

    SandboxError(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    /**
     * @return the error a negative result names.
     * @throws IllegalArgumentException if {@code code} is not one of ours.
     */
    public static SandboxError of(final int code)
    {
        for (final SandboxError error : values())
        {
            if (error.code == code)
            {
                return error;
            }
        }
        throw new IllegalArgumentException("code=" + code + " is not a SandboxError");
    }
}
