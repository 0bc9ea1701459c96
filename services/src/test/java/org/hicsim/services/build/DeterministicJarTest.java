package org.hicsim.services.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

class DeterministicJarTest
{
    private static final SortedMap<String, byte[]> CLASSES = new TreeMap<>();

    static
    {
        CLASSES.put("org/hicsim/services/b/Second", "second".getBytes(StandardCharsets.US_ASCII));
        CLASSES.put("org/hicsim/services/a/First", "first".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldWriteTheSameBytesEveryTime()
    {
        assertArrayEquals(DeterministicJar.of(CLASSES), DeterministicJar.of(new TreeMap<>(CLASSES)));
    }

    @Test
    void shouldStoreEveryClassSortedByNameWithOneFixedTime() throws IOException
    {
        final List<JarEntry> entries = new ArrayList<>();
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(DeterministicJar.of(CLASSES))))
        {
            for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry())
            {
                entries.add(entry);
                assertArrayEquals(CLASSES.get(entry.getName().replace(".class", "")), jar.readAllBytes());
            }
            assertNull(jar.getManifest());
        }

        assertEquals(List.of("org/hicsim/services/a/First.class", "org/hicsim/services/b/Second.class"),
            entries.stream().map(ZipEntry::getName).toList());
        assertEquals(ZipEntry.STORED, entries.get(0).getMethod());
        assertEquals(entries.get(0).getTimeLocal(), entries.get(1).getTimeLocal());
    }
}
