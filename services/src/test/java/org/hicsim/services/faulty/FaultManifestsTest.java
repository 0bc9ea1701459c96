package org.hicsim.services.faulty;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.hicsim.hicmod.Fault;
import org.hicsim.hicmod.Manifest;
import org.hicsim.services.Catalogue;
import org.hicsim.services.netstack.v1_3_0.Netstack;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each faulty manifest says of its fault is what its code does: the kind is the entry class's {@code KIND}
 * and every {@code key=value} parameter is the entry class's constant {@code KEY}, with no parameter in the code
 * that the manifest does not state.
 */
class FaultManifestsTest
{
    /** The faults issue 5 asks for, one bundle each. */
    private static final Set<String> KINDS = Set.of("crash-on-start", "crash-after-requests", "error-rate", "slow",
        "memory-leak", "corrupt-state", "no-common-protocol", "never-quiesces");
    /** Constants of a fault class that are not parameters of the fault. */
    private static final Set<String> NOT_PARAMETERS = Set.of("KIND", "SEED");

    private final List<Manifest> faulty =
        Catalogue.manifests().stream().filter(manifest -> manifest.fault().isPresent()).toList();

    @Test
    void shouldShipOneNetstack130BundlePerFault()
    {
        final Set<String> kinds = new TreeSet<>();
        for (final Manifest manifest : faulty)
        {
            assertEquals("netstack", manifest.name());
            assertEquals("1.3.0", manifest.version().toString());
            assertTrue(kinds.add(manifest.fault().orElseThrow().kind()), manifest + " repeats its fault");
        }

        assertEquals(new TreeSet<>(KINDS), kinds);
    }

    @Test
    void shouldGiveEachFaultyEntryTheParametersItsManifestStates() throws ReflectiveOperationException
    {
        for (final Manifest manifest : faulty)
        {
            final Fault fault = manifest.fault().orElseThrow();
            final Class<?> entry = Class.forName(manifest.entry());
            if (entry == Netstack.class)
            {
                assertTrue(fault.parameters().isEmpty(), fault.toString());
                continue;
            }
            assertEquals(FaultyNetstack.class, entry.getSuperclass(), manifest.entry());
            assertEquals(fault.kind(), entry.getField("KIND").get(null), manifest.entry());
            assertEquals(new TreeSet<>(fault.parameters().keySet()), parameterKeys(entry), manifest.entry());
            for (final Map.Entry<String, String> parameter : fault.parameters().entrySet())
            {
                final Object constant = entry.getField(parameter.getKey().toUpperCase()).get(null);
                assertEquals(0, new BigDecimal(parameter.getValue()).compareTo(new BigDecimal(constant.toString())),
                    manifest.entry() + ": manifest " + fault + ", code " + parameter.getKey().toUpperCase() + "="
                        + constant);
            }
        }
    }

    /** The public numeric constants a fault class declares, as manifest keys: its parameters. */
    private static Set<String> parameterKeys(final Class<?> entry)
    {
        final Set<String> keys = new TreeSet<>();
        Arrays.stream(entry.getDeclaredFields())
            .filter(field -> Modifier.isPublic(field.getModifiers()) && Modifier.isStatic(field.getModifiers()))
            .filter(field -> field.getType().isPrimitive())
            .map(Field::getName)
            .filter(name -> !NOT_PARAMETERS.contains(name))
            .forEach(name -> keys.add(name.toLowerCase()));
        return keys;
    }

    @Test
    void noCommonProtocolShouldBeThePlainNetstack130Code()
    {
        assertEquals(Netstack.class.getName(), Catalogue.manifest("netstack-1.3.0-no-common-protocol").entry());
    }
}
