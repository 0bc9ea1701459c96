package org.hicsim.services;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hicsim.core0.spi.Service;
import org.hicsim.hicmod.Fault;
import org.hicsim.hicmod.Manifest;
import org.hicsim.services.faulty.CrashOnStartNetstack;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogueManifestsTest
{
    private final List<Manifest> manifests = Catalogue.manifests();

    @Test
    void shouldHaveOneUuidPerModule()
    {
        final Map<String, UUID> uuidByName = new LinkedHashMap<>();
        final Map<UUID, String> nameByUuid = new LinkedHashMap<>();
        for (final Manifest manifest : manifests)
        {
            assertEquals(uuidByName.computeIfAbsent(manifest.name(), name -> manifest.uuid()), manifest.uuid(),
                manifest.toString());
            assertEquals(nameByUuid.computeIfAbsent(manifest.uuid(), uuid -> manifest.name()), manifest.name(),
                manifest.toString());
        }
    }

    /**
     * Every entry but the one built to crash there starts in exactly the memory its manifest asks for: a manifest
     * asking too little would make the service refuse to start in production.
     */
    @Test
    void shouldStartEveryEntryInTheMemoryItsManifestAsks() throws ReflectiveOperationException
    {
        assertFalse(manifests.isEmpty());
        for (final Manifest manifest : manifests)
        {
            if (manifest.fault().map(Fault::kind).filter(CrashOnStartNetstack.KIND::equals).isPresent())
            {
                continue;
            }
            final Service service = (Service)Class.forName(manifest.entry()).getConstructor().newInstance();
            final ServiceKernel kernel = new ServiceKernel();

            final ServiceKernel.Instance instance =
                kernel.start(manifest.name(), manifest.version().toString(), service, manifest.memoryBytes());

            assertTrue(kernel.isAlive(instance), manifest + ": " + instance.crash());
        }
    }
}
