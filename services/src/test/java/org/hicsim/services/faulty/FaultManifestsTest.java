package org.hicsim.services.faulty;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.hicsim.hicmod.Fault;
import org.hicsim.hicmod.Manifest;
import org.hicsim.services.Catalogue;
import org.hicsim.services.netstack.v1_3_0.Netstack;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each faulty manifest says of its fault is what its code does: the kind is the entry class's {@code KIND},
 * and its {@code config} states every key the code reads (each public {@code *_KEY} constant, its own or
 * inherited) with the code's default (the {@code *_DEFAULT} constant beside it), and nothing else. The fault's
 * parameters are configuration, so the {@code fault} line names only the kind.
 */
class FaultManifestsTest
{
    /** The faults issue 5 asks for, and the two issue 10's update checks find, one bundle each. */
    private static final Set<String> KINDS = Set.of("crash-on-start", "crash-after-requests", "error-rate", "slow",
        "memory-leak", "corrupt-state", "no-common-protocol", "never-quiesces", "inconsistent", "sequence-skew");
    private static final String KEY_SUFFIX = "_KEY";
    private static final String DEFAULT_SUFFIX = "_DEFAULT";

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
    void shouldStateEveryKeyEachFaultyEntryReadsWithItsDefault() throws ReflectiveOperationException
    {
        for (final Manifest manifest : faulty)
        {
            final Fault fault = manifest.fault().orElseThrow();
            assertTrue(fault.parameters().isEmpty(), manifest.entry() + ": parameters belong in config: " + fault);
            final Class<?> entry = Class.forName(manifest.entry());
            if (entry == Netstack.class)
            {
                assertTrue(manifest.configuration().isEmpty(), manifest.configuration().toString());
                continue;
            }
            assertTrue(FaultyNetstack.class.isAssignableFrom(entry), manifest.entry());
            assertEquals(fault.kind(), entry.getField("KIND").get(null), manifest.entry());
            final Map<String, String> keys = keyConstants(entry);
            assertEquals(new TreeSet<>(keys.keySet()), new TreeSet<>(manifest.configuration().keySet()),
                manifest.entry());
            for (final Map.Entry<String, String> key : keys.entrySet())
            {
                final Object defaultValue = entry.getField(key.getValue() + DEFAULT_SUFFIX).get(null);
                final String stated = manifest.configuration().get(key.getKey());
                assertEquals(0, new BigDecimal(stated).compareTo(new BigDecimal(defaultValue.toString())),
                    manifest.entry() + ": manifest " + key.getKey() + "=" + stated + ", code " + key.getValue()
                        + DEFAULT_SUFFIX + "=" + defaultValue);
            }
        }
    }

    /** Each configuration key the entry reads, to the name of its constant without {@value #KEY_SUFFIX}. */
    private static Map<String, String> keyConstants(final Class<?> entry) throws IllegalAccessException
    {
        final Map<String, String> keys = new TreeMap<>();
        for (final Field field : entry.getFields())
        {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                && field.getName().endsWith(KEY_SUFFIX))
            {
                keys.put((String)field.get(null),
                    field.getName().substring(0, field.getName().length() - KEY_SUFFIX.length()));
            }
        }
        return keys;
    }

    @Test
    void noCommonProtocolShouldBeThePlainNetstack130Code()
    {
        assertEquals(Netstack.class.getName(), Catalogue.manifest("netstack-1.3.0-no-common-protocol").entry());
    }
}
