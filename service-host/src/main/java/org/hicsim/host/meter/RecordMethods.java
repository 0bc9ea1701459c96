package org.hicsim.host.meter;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.TypeDescriptor;
import java.lang.runtime.ObjectMethods;

/**
 * The bootstrap of a module record's {@code equals}, {@code hashCode} and {@code toString}, in place of javac's
 * {@link ObjectMethods#bootstrap}: {@code equals} is the JDK's; {@code hashCode} and {@code toString} take each
 * object component through {@link Identity}, so a record of an enum constant or an array hashes and prints the
 * same in every JVM.
 */
public final class RecordMethods
{
    private static final MethodHandle HASH;
    private static final MethodHandle TEXT;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            HASH = lookup.findStatic(Identity.class, "hashCode",
                MethodType.methodType(int.class, Object.class, Meter.class));
            TEXT = lookup.findStatic(Identity.class, "toString",
                MethodType.methodType(String.class, Object.class, Meter.class));
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private RecordMethods()
    {
    }

    public static Object bootstrap(
        final MethodHandles.Lookup lookup, final String methodName, final TypeDescriptor type,
        final Class<?> recordClass, final String names, final MethodHandle... getters) throws Throwable
    {
        final boolean hash = "hashCode".equals(methodName);
        if (!hash && !"toString".equals(methodName))
        {
            return ObjectMethods.bootstrap(lookup, methodName, type, recordClass, names, getters);
        }
        final Meter meter = Meter.of(recordClass);
        final MethodHandle answer = MethodHandles.insertArguments(hash ? HASH : TEXT, 1, meter);
        final MethodHandle[] answered = getters.clone();
        for (int i = 0; i < getters.length; i++)
        {
            final Class<?> component = getters[i].type().returnType();
            if (!component.isPrimitive())
            {
                answered[i] = MethodHandles.filterReturnValue(getters[i],
                    answer.asType(MethodType.methodType(hash ? int.class : String.class, component)));
            }
        }
        return ObjectMethods.bootstrap(lookup, methodName, type, recordClass, names, answered);
    }
}
