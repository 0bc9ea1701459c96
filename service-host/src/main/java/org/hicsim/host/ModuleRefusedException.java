package org.hicsim.host;

/**
 * A module the host will not run, with the {@link Reason} and a one-line message that names the module and what
 * is wrong, e.g. {@code netstack 9.9.9: org.x.Hostile.run()V uses java/lang/System.exit(I)V, which a module may
 * not use}. The {@code hic} CLI prints the message as a refusal (exit 1), as for a signature refused.
 * Nothing of a refused module has run, and nothing of it is left in the kernel.
 */
public final class ModuleRefusedException extends RuntimeException
{
    /**
     * Why a module is refused.
     */
    public enum Reason
    {
        /** Its code names a class or member outside the allowlist. */
        FORBIDDEN_REFERENCE,
        /** A class declares {@code finalize()}, which would run on the JVM's finalizer thread. */
        FINALIZER,
        /** A class file cannot be read, or is newer than this JVM. */
        MALFORMED_CLASS,
        /** A class is not where its jar entry says, or sits in a package the JDK or Core-0 owns. */
        MISPLACED_CLASS,
        /** The entry class is missing, or not a public concrete Service with a public no-arg constructor. */
        INVALID_ENTRY,
        /** Core-0 refused the sandbox, a capability or the registration the module needs. */
        KERNEL_REFUSED,
        /**
         * Its code cannot be metered ({@link ClassMetering}): a class file older than Java 8, a name the loader
         * reserves, a JDK container as superclass, a method too large once metered.
         */
        UNMETERABLE
    }

    private final Reason reason;
    private final String reference;

    private ModuleRefusedException(
        final Reason reason, final String module, final String detail, final String reference)
    {
        super(module + ": " + detail);
        this.reason = reason;
        this.reference = reference;
    }

    /**
     * @param site      where the reference is: {@code org.x.Hostile.run()V}, {@code org.x.Hostile.field} or
     *                  {@code org.x.Hostile}.
     * @param reference what it names: {@code java/lang/System.exit(I)V}, {@code java/lang/Thread}.
     */
    static ModuleRefusedException forbiddenReference(final String module, final String site, final String reference)
    {
        return new ModuleRefusedException(Reason.FORBIDDEN_REFERENCE, module,
            site + " uses " + reference + ", which a module may not use", reference);
    }

    static ModuleRefusedException refused(final Reason reason, final String module, final String detail)
    {
        return new ModuleRefusedException(reason, module, detail, null);
    }

    public Reason reason()
    {
        return reason;
    }

    /**
     * The class or member named, for {@link Reason#FORBIDDEN_REFERENCE}; null otherwise.
     */
    public String reference()
    {
        return reference;
    }
}
