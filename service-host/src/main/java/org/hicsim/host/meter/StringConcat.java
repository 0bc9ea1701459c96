package org.hicsim.host.meter;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.StringConcatException;
import java.lang.invoke.StringConcatFactory;

/**
 * The bootstrap of a module's string concatenation ({@code "" + x}), in place of javac's
 * {@link StringConcatFactory#makeConcatWithConstants}: the same recipe, but every object is turned into text by
 * {@link Identity#toString(Object, Meter)}, so no identity hash reaches the result, and the result is charged to
 * the sandbox's meter.
 */
public final class StringConcat
{
    private static final MethodHandle TO_STRING;
    private static final MethodHandle CONCATENATED;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            TO_STRING = lookup.findStatic(Identity.class, "toString",
                MethodType.methodType(String.class, Object.class, Meter.class));
            CONCATENATED = lookup.findVirtual(Meter.class, "concatenated",
                MethodType.methodType(String.class, String.class));
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private StringConcat()
    {
    }

    public static CallSite makeConcatWithConstants(
        final MethodHandles.Lookup lookup, final String name, final MethodType type, final String recipe,
        final Object... constants) throws StringConcatException
    {
        final Meter meter = Meter.of(lookup.lookupClass());
        MethodType textTyped = type;
        for (int i = 0; i < type.parameterCount(); i++)
        {
            if (!type.parameterType(i).isPrimitive())
            {
                textTyped = textTyped.changeParameterType(i, String.class);
            }
        }
        MethodHandle target = StringConcatFactory.makeConcatWithConstants(lookup, name, textTyped, recipe, constants)
            .getTarget();
        final MethodHandle toText = MethodHandles.insertArguments(TO_STRING, 1, meter);
        for (int i = 0; i < type.parameterCount(); i++)
        {
            final Class<?> parameter = type.parameterType(i);
            if (!parameter.isPrimitive())
            {
                target = MethodHandles.filterArguments(target, i, toText.asType(MethodType.methodType(String.class,
                    parameter)));
            }
        }
        return new ConstantCallSite(MethodHandles.filterReturnValue(target, CONCATENATED.bindTo(meter)));
    }
}
