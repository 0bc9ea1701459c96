package org.hicsim.host.meter;

/**
 * The signal that stops a sandbox's code when its {@link Meter} runs out: fuel, modelled stack or heap allowance.
 * An {@link Error} no module can name, so no {@code catch} clause of a module names it; a clause that catches it
 * anyway ({@code Throwable}, {@code Error}, a {@code finally}) runs through the metered handler entry, which throws
 * it again: once stopped, a sandbox's code cannot go on. Carries no stack trace and is made once per meter, so
 * stopping allocates nothing and reads nothing of the JVM's own stack.
 */
public final class MeterStop extends Error
{
    private static final long serialVersionUID = 1L;

    /**
     * What ran out.
     */
    public enum Kind
    {
        /** The call's fuel: method entries, backward branches, handler entries and JDK work by size. */
        FUEL("fuel.exhausted"),
        /** The modelled stack of the calls in progress. */
        STACK("stack.exhausted"),
        /** The sandbox's heap allowance. */
        HEAP("heap.exhausted"),
        /** The JVM itself ran out (a real StackOverflowError or OutOfMemoryError reached the module's code). */
        JVM("jvm.exhausted"),
        /** Core-0 killed the sandbox (a page fault it caught, a fault injected) while its code ran. */
        KILLED("sandbox.killed");

        private final String traceName;

        Kind(final String traceName)
        {
            this.traceName = traceName;
        }

        /** How a crash of this kind is named in the trace's {@code thrown=} field. */
        public String traceName()
        {
            return traceName;
        }
    }

    private final Kind kind;

    MeterStop(final Kind kind, final String reason)
    {
        super(reason, null, false, false);
        this.kind = kind;
    }

    public Kind kind()
    {
        return kind;
    }
}
