package org.hicsim.host.meter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One sandbox's meter: what its code may spend, checked by the calls the loader adds to that code
 * ({@code MethodMetering}), deterministically: the same code and inputs stop at the same instruction in any JVM.
 * <ul>
 *     <li><b>Fuel</b>, per call into the sandbox (nested calls back into it share it): one unit at each method
 *     entry, backward branch and exception handler entry, and the size of the data a JDK method works on
 *     ({@code Arrays.fill} of a million longs costs a million). Out of fuel, the call stops. Fuel is a bound on
 *     work, not a model of time: the virtual CPU time a service takes is what it charges with
 *     {@code ServiceContext.compute}, and metered fuel is never turned into virtual time.</li>
 *     <li><b>Stack</b>: each metered frame adds a modelled size to the host's {@link StackGauge}; past its bound
 *     the call stops, before the JVM's own stack could overflow.</li>
 *     <li><b>Heap</b>: every allocation the loader sees (objects, arrays, lambdas, strings and containers the JDK
 *     returns or grows) is charged by a size model ({@link HeapModel}); what the sandbox holds is learnt by a
 *     census of what its objects reach ({@link HeapCensus}) between calls. Held bytes plus the charges since the
 *     last census may not pass the allowance.</li>
 * </ul>
 * A stop is sticky: every later check throws the same {@link MeterStop}, so code that catches it (a
 * {@code catch (Throwable)}, a {@code finally}) cannot go on. Single-threaded, like the simulation.
 */
public final class Meter
{
    /** Fuel a call gets for each percent of its sandbox's CPU quota: a 10% sandbox gets 10 million per call. */
    public static final long FUEL_PER_CPU_PERCENT = 1_000_000L;
    /** The census runs at the end of a call once the charges since the last passed this share of the allowance. */
    private static final int CENSUS_SHARE_DIVISOR = 4;

    private final String sandbox;
    private final long fuelPerCall;
    private final long heapAllowanceBytes;
    private final StackGauge stack;
    private long fuel;
    private long heldBytes;
    private long chargedSinceCensusBytes;
    private int hashSequence;
    private int nesting;
    private MeterStop stop;
    private final List<Class<?>> classes = new ArrayList<>();

    /**
     * @param sandbox            names the sandbox in stop reasons.
     * @param fuelPerCall        positive.
     * @param heapAllowanceBytes positive.
     */
    public Meter(final String sandbox, final long fuelPerCall, final long heapAllowanceBytes, final StackGauge stack)
    {
        if (fuelPerCall <= 0 || heapAllowanceBytes <= 0)
        {
            throw new IllegalArgumentException("fuelPerCall=" + fuelPerCall + " heapAllowanceBytes="
                + heapAllowanceBytes + ": both must be positive");
        }
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.fuelPerCall = fuelPerCall;
        this.heapAllowanceBytes = heapAllowanceBytes;
        this.stack = Objects.requireNonNull(stack, "stack");
    }

    /**
     * The meter of a metered class's sandbox: what its static initializer stores in its meter field.
     */
    public static Meter of(final Class<?> meteredClass)
    {
        return ((MeteredLoader)meteredClass.getClassLoader()).meter();
    }

    /**
     * What a metered class's static initializer calls first: its meter, which from then on counts the class's
     * static fields among the roots of its sandbox's heap census.
     */
    public static Meter initializing(final Class<?> meteredClass)
    {
        final Meter meter = of(meteredClass);
        meter.classes.add(meteredClass);
        return meter;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Called by the host at the sandbox's boundary
    // ----------------------------------------------------------------------------------------------------------

    /**
     * A call into the sandbox begins: the outermost one gets a full tank.
     *
     * @return what {@link #end(int)} puts the stack gauge back to.
     */
    public int begin()
    {
        if (nesting++ == 0 && stop == null)
        {
            fuel = fuelPerCall;
        }
        return stack.bytes;
    }

    /**
     * The call that {@link #begin()} began has ended, normally or not.
     */
    public void end(final int stackBytes)
    {
        nesting--;
        stack.bytes = stackBytes;
    }

    /** Whether no call into the sandbox is in progress: the moment for a census. */
    public boolean isIdle()
    {
        return nesting == 0;
    }

    /**
     * Stops the sandbox's code from outside: Core-0 killed it. Its code, if it is still running (it caught the
     * page fault that killed it), stops at its next check.
     */
    public void kill(final String reason)
    {
        if (stop == null)
        {
            stop = new MeterStop(MeterStop.Kind.KILLED, sandbox + " was killed: " + reason);
            fuel = Long.MIN_VALUE / 2;
        }
    }

    public boolean isStopped()
    {
        return stop != null;
    }

    /** What stopped it, or null. */
    public MeterStop stop()
    {
        return stop;
    }

    public long fuelPerCall()
    {
        return fuelPerCall;
    }

    /** Fuel left in the current (or last) call. */
    public long fuelLeft()
    {
        return Math.max(0, fuel);
    }

    public long heapAllowanceBytes()
    {
        return heapAllowanceBytes;
    }

    /** The sandbox's classes whose static initializers have begun, in that order. */
    public List<Class<?>> initializedClasses()
    {
        return Collections.unmodifiableList(classes);
    }

    /** What the last census found the sandbox holding. */
    public long heldBytes()
    {
        return heldBytes;
    }

    /** Bytes charged since the last census: held at most this much more than {@link #heldBytes()}. */
    public long chargedSinceCensusBytes()
    {
        return chargedSinceCensusBytes;
    }

    /** Whether enough was charged since the last census that the next idle moment should take one. */
    public boolean isCensusDue()
    {
        return chargedSinceCensusBytes > heapAllowanceBytes / CENSUS_SHARE_DIVISOR;
    }

    /**
     * A census found what the sandbox holds; charges start again from it.
     *
     * @return whether it holds no more than its allowance.
     */
    public boolean censusTaken(final long heldBytes)
    {
        this.heldBytes = heldBytes;
        chargedSinceCensusBytes = 0;
        return heldBytes <= heapAllowanceBytes;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Called by metered code
    // ----------------------------------------------------------------------------------------------------------

    /**
     * A metered method's first instruction.
     *
     * @param frameBytes the frame's modelled size.
     * @return the gauge with this frame on it, which the method keeps to restore at its exits and handlers.
     */
    public int enter(final int frameBytes)
    {
        if (--fuel < 0)
        {
            throw exhausted();
        }
        final int top = stack.bytes + frameBytes;
        if (top > stack.bytesMax())
        {
            throw stopped(MeterStop.Kind.STACK, "its calls in progress passed the modelled stack of "
                + stack.bytesMax() + " bytes");
        }
        stack.bytes = top;
        return top;
    }

    /** Before a metered method's return. */
    public void exit(final int top, final int frameBytes)
    {
        stack.bytes = top - frameBytes;
    }

    /** Before a backward branch. */
    public void loop()
    {
        if (--fuel < 0)
        {
            throw exhausted();
        }
    }

    /**
     * Each exception handler of metered code is entered through here. A stop cannot be caught: it is thrown
     * again; nor can the JVM's own exhaustion, whose point depends on the JVM, not on the module.
     *
     * @param top what {@link #enter(int)} returned to the handler's method.
     */
    public void caught(final Throwable thrown, final int top)
    {
        if (stop != null)
        {
            throw stop;
        }
        if (thrown instanceof VirtualMachineError)
        {
            throw stopped(MeterStop.Kind.JVM, "its code reached the JVM's own " + thrown.getClass().getName());
        }
        if (--fuel < 0)
        {
            throw exhausted();
        }
        stack.bytes = top;
    }

    /** Before a {@code new} of a class whose instance the model sizes at {@code bytes}. */
    public void allocate(final int bytes)
    {
        charge(bytes);
    }

    /** Before a {@code newarray}/{@code anewarray}: the JVM zeroes it, so it costs its length in fuel too. */
    public void array(final int length, final int elementBytes)
    {
        if (length < 0)
        {
            return;
        }
        charge(HeapModel.arrayBytes(length, elementBytes));
        spend(length);
    }

    /**
     * One dimension of a {@code multianewarray}: {@code arrays} arrays of {@code length} elements.
     *
     * @return how many arrays (or elements) the next dimension has.
     */
    public long dimension(final long arrays, final int length, final int elementBytes)
    {
        if (length < 0)
        {
            return 0;
        }
        final long elements = saturatedMultiply(arrays, length);
        charge(saturatedMultiply(arrays, HeapModel.arrayBytes(length, elementBytes)));
        spend(elements);
        return elements;
    }

    /** Before a JDK method that works through {@code data}: its size in fuel. */
    public void work(final Object data)
    {
        spend(HeapModel.sizeOf(data));
    }

    /** Before a JDK method that allocates by an argument: {@code count << shift} bytes, {@code count} fuel. */
    public void reserve(final int count, final int bytesPerUnit, final int shift)
    {
        if (count > 0)
        {
            charge(((long)count * bytesPerUnit) >> shift);
            spend(count);
        }
    }

    /** Before a JDK method whose result may be the product of two sizes ({@code "ab".repeat(n)}). */
    public void reserveProduct(final long first, final long second)
    {
        final long units = saturatedMultiply(Math.max(first, 0), Math.max(second, 1));
        charge(saturatedMultiply(units, 2));
        spend(units);
    }

    /** The size of {@code data}, for {@link #reserveProduct(long, long)}. */
    public long size(final Object data)
    {
        return HeapModel.sizeOf(data);
    }

    /** After a JDK method that made a new object: what the model says it takes. */
    public void result(final Object made)
    {
        charge(HeapModel.shallowBytes(made));
        spend(HeapModel.sizeOf(made));
    }

    /**
     * Before a JDK method that makes a new object out of {@code input}: as much heap as a copy of it could take,
     * charged before the method allocates, and settled by {@link #result(Object, long)} after.
     *
     * @return the bytes reserved.
     */
    public long reserveFor(final Object input)
    {
        final long copy = HeapModel.shallowBytes(input);
        final long bytes = input instanceof CharSequence ? copy : Math.max(copy,
            HeapModel.ARRAY_HEADER_BYTES + saturatedMultiply(HeapModel.sizeOf(input), HeapModel.REFERENCE_BYTES));
        charge(bytes);
        return bytes;
    }

    /** After a JDK method that made a new object, for which {@code reservedBytes} were charged before it ran. */
    public void result(final Object made, final long reservedBytes)
    {
        charge(HeapModel.shallowBytes(made) - reservedBytes);
        spend(HeapModel.sizeOf(made));
    }

    /** A string concatenation's result: charged as made, and passed on. */
    public String concatenated(final String made)
    {
        result(made);
        return made;
    }

    /** After a JDK method that may have grown a container, given its size before. */
    public void growth(final Object container, final long sizeBefore)
    {
        final long grown = HeapModel.sizeOf(container) - sizeBefore;
        if (grown > 0)
        {
            charge(saturatedMultiply(grown, HeapModel.unitBytes(container)));
        }
    }

    /** A metered object's hash: the sandbox's next, never 0, in the order objects are first asked for theirs. */
    public int nextHash()
    {
        if (++hashSequence == 0)
        {
            hashSequence = 1;
        }
        return hashSequence;
    }

    /** Fuel for work the host does for the sandbox's code (rendering, hashing). */
    void spend(final long units)
    {
        fuel -= units;
        if (fuel < 0)
        {
            throw exhausted();
        }
    }

    private void charge(final long bytes)
    {
        chargedSinceCensusBytes += bytes;
        if (heldBytes + chargedSinceCensusBytes > heapAllowanceBytes)
        {
            throw stopped(MeterStop.Kind.HEAP, "it would hold more than its heap allowance of "
                + heapAllowanceBytes + " bytes (held " + heldBytes + " at the last census, "
                + chargedSinceCensusBytes + " charged since)");
        }
    }

    private MeterStop exhausted()
    {
        return stop != null ? stop : stopped(MeterStop.Kind.FUEL, "it used up its fuel of " + fuelPerCall
            + " units in one call");
    }

    private MeterStop stopped(final MeterStop.Kind kind, final String reason)
    {
        if (stop == null)
        {
            stop = new MeterStop(kind, reason);
            fuel = Long.MIN_VALUE / 2;
        }
        return stop;
    }

    private static long saturatedMultiply(final long a, final long b)
    {
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
    }
}
