package org.hicsim.services;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hicsim.core0.spi.Service;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogueManifestsTest
{
    private final List<CatalogueManifest> manifests = CatalogueManifest.all();

    @Test
    void shouldHaveOneUuidPerModule()
    {
        final Map<String, String> uuidByName = new LinkedHashMap<>();
        final Map<String, String> nameByUuid = new LinkedHashMap<>();
        for (final CatalogueManifest manifest : manifests)
        {
            assertEquals(uuidByName.computeIfAbsent(manifest.name(), name -> manifest.uuid()), manifest.uuid(),
                manifest.file().toString());
            assertEquals(nameByUuid.computeIfAbsent(manifest.uuid(), uuid -> manifest.name()), manifest.name(),
                manifest.file().toString());
        }
    }

    @Test
    void shouldStartEveryEntryWithoutAFaultInTheMemoryItsManifestAsks() throws ReflectiveOperationException
    {
        assertFalse(manifests.isEmpty());
        for (final CatalogueManifest manifest : manifests)
        {
            if (manifest.fault() != null)
            {
                continue;
            }
            final Service service = (Service)Class.forName(manifest.entry()).getConstructor().newInstance();
            final ServiceKernel kernel = new ServiceKernel();

            final ServiceKernel.Instance instance =
                kernel.start(manifest.name(), manifest.version(), service, manifest.memoryBytes());

            assertNotNull(instance);
            assertTrue(kernel.isAlive(instance), manifest.file() + ": " + instance.crash());
        }
    }
}
