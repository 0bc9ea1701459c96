package org.hicsim.host;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.Type;

/**
 * The class types a descriptor names: a field's type, or a method's parameter and return types, each array
 * reduced to its element type and primitives left out, since only a class can be forbidden.
 */
final class DescriptorTypes
{
    private DescriptorTypes()
    {
    }

    /**
     * @throws IllegalArgumentException if {@code descriptor} is not a field or method descriptor.
     */
    static List<Type> of(final String descriptor)
    {
        final List<Type> types = new ArrayList<>();
        if (descriptor.charAt(0) == '(')
        {
            for (final Type argument : Type.getArgumentTypes(descriptor))
            {
                addClassType(types, argument);
            }
            addClassType(types, Type.getReturnType(descriptor));
        }
        else
        {
            addClassType(types, Type.getType(descriptor));
        }
        return types;
    }

    /**
     * The class an internal name or array descriptor ({@code [Ljava/lang/Thread;}, as {@code anewarray} and
     * {@code checkcast} operands may be) comes down to, or null for an array of primitives.
     */
    static String classOf(final String internalNameOrArray)
    {
        if (internalNameOrArray.charAt(0) != '[')
        {
            return internalNameOrArray;
        }
        final Type element = Type.getType(internalNameOrArray).getElementType();
        return element.getSort() == Type.OBJECT ? element.getInternalName() : null;
    }

    private static void addClassType(final List<Type> types, final Type type)
    {
        final Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        if (element.getSort() == Type.OBJECT)
        {
            types.add(element);
        }
    }
}
