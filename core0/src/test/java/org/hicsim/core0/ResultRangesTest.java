package org.hicsim.core0;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.dispatch.Dispatcher;
import org.hicsim.core0.ipc.Endpoint;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.memory.shared.SharedRegionError;
import org.hicsim.core0.region.RegionError;
import org.hicsim.core0.registry.ServiceRegistry;
import org.hicsim.core0.sandbox.SandboxError;
import org.hicsim.core0.spi.ResultRange;
import org.hicsim.core0.spi.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every negative result code Core-0 declares lies in its layer's {@link ResultRange}, and no range overlaps
 * another, so a code that crosses a layer cannot be read as another layer's.
 */
class ResultRangesTest
{
    /** One declared code: where it is declared, and the range its layer owns. */
    record DeclaredCode(String name, int code, ResultRange range)
    {
    }

    @Property
    void everyDeclaredCodeLiesInItsLayersRange(@ForAll("declaredCodes") final DeclaredCode declared)
    {
        assertTrue(declared.range().contains(declared.code()), declared::toString);
        assertEquals(declared.range(), ResultRange.of(declared.code()), declared::toString);
    }

    @Property
    void noTwoRangesShareACode(@ForAll("ranges") final ResultRange a, @ForAll("ranges") final ResultRange b)
    {
        final boolean overlap = a.lowest() <= b.highest() && b.lowest() <= a.highest();
        assertEquals(a == b, overlap, () -> a + " and " + b);
    }

    @Test
    void shouldGiveEveryDeclaredCodeOneMeaning()
    {
        final TreeMap<Integer, List<String>> namesByCode = new TreeMap<>();
        for (final DeclaredCode declared : allDeclaredCodes())
        {
            namesByCode.computeIfAbsent(declared.code(), code -> new ArrayList<>()).add(declared.name());
        }
        final String shared = namesByCode.entrySet().stream()
            .filter(entry -> entry.getValue().size() > 1 && !isIpcAlias(entry.getValue()))
            .map(Object::toString).collect(Collectors.joining(", "));
        assertEquals("", shared);
    }

    @Test
    void shouldLeaveSuccessOutsideEveryRange()
    {
        assertNull(ResultRange.of(0));
        assertNull(ResultRange.of(1));
        assertEquals(Status.SERVICE_BASE, ResultRange.SERVICE.highest());
    }

    @Provide
    Arbitrary<DeclaredCode> declaredCodes()
    {
        return Arbitraries.of(allDeclaredCodes());
    }

    @Provide
    Arbitrary<ResultRange> ranges()
    {
        return Arbitraries.of(ResultRange.class);
    }

    /** The system calls pass the endpoint's refusals on as they are: one code, two names, one meaning. */
    private static boolean isIpcAlias(final List<String> names)
    {
        return names.size() == 2 && names.get(0).startsWith("Endpoint.") && names.get(1).startsWith("SystemCalls.IPC_");
    }

    static List<DeclaredCode> allDeclaredCodes()
    {
        final List<DeclaredCode> codes = new ArrayList<>();
        codes.addAll(constants(Status.class, ResultRange.STATUS, Set.of("SERVICE_BASE")));
        for (final CapError error : CapError.values())
        {
            codes.add(new DeclaredCode("CapError." + error, error.code(), ResultRange.CAPABILITY));
        }
        codes.addAll(constants(Endpoint.class, ResultRange.IPC, Set.of()));
        codes.addAll(constants(SystemCalls.class, ResultRange.IPC, Set.of()));
        for (final RegionError error : RegionError.values())
        {
            codes.add(new DeclaredCode("RegionError." + error, error.code(), ResultRange.REGION));
        }
        codes.addAll(constants(PhysicalMemory.class, ResultRange.MEMORY, Set.of("NO_OWNER")));
        for (final SandboxError error : SandboxError.values())
        {
            codes.add(new DeclaredCode("SandboxError." + error, error.code(), ResultRange.SANDBOX));
        }
        codes.addAll(constants(ServiceRegistry.class, ResultRange.REGISTRY, Set.of()));
        codes.addAll(constants(Dispatcher.class, ResultRange.DISPATCH, Set.of()));
        for (final SharedRegionError error : SharedRegionError.values())
        {
            codes.add(new DeclaredCode("SharedRegionError." + error, error.code(), ResultRange.SHARED));
        }
        return codes;
    }

    /**
     * A class's public static final negative int constants, its result codes, except the named ones that are not
     * results (a "no owner" sentinel, a range's boundary).
     */
    static List<DeclaredCode> constants(final Class<?> type, final ResultRange range, final Set<String> notResults)
    {
        final List<DeclaredCode> codes = new ArrayList<>();
        for (final Field field : type.getFields())
        {
            final int modifiers = field.getModifiers();
            if (field.getType() == int.class && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                && !notResults.contains(field.getName()))
            {
                final int value = intValue(field);
                if (value < 0)
                {
                    codes.add(new DeclaredCode(type.getSimpleName() + "." + field.getName(), value, range));
                }
            }
        }
        codes.sort((a, b) -> a.name().compareTo(b.name()));
        return codes;
    }

    private static int intValue(final Field field)
    {
        try
        {
            return field.getInt(null);
        }
        catch (final IllegalAccessException ex)
        {
            throw new IllegalStateException("field=" + field, ex);
        }
    }
}
