package org.hicsim.mm;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import org.hicsim.core0.registry.ServiceInterface;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.hicmod.Manifest;
import org.hicsim.host.Grants;
import org.hicsim.host.ServiceHost;

/**
 * How a service is installed besides its bundle: the name it runs as (its module's unless given, so that one
 * module can run as several services, {@code counter-a} to {@code counter-p}), the configuration it starts with
 * over its manifest's defaults (netstack's connection capacity), and its sandbox's memory quota instead of the
 * manifest's (a million connections need more than netstack's 64 MiB). The service keeps them across its updates:
 * each new instance is loaded under the same name, configuration and memory, and a restarted Module Manager reads
 * them back from the journal.
 *
 * @param serviceName   the name it is registered and updated under; empty for the module's.
 * @param configuration version-0 values over the manifest's {@code config}.
 * @param memoryBytes   the sandbox's memory quota, or {@link Grants#MANIFEST_MEMORY} for the manifest's.
 */
public record InstallOptions(String serviceName, SortedMap<String, String> configuration, long memoryBytes)
{
    /** The bundle as its manifest says: its module's name, its defaults, its memory. */
    public static final InstallOptions DEFAULT = new InstallOptions("", new TreeMap<>(), Grants.MANIFEST_MEMORY);
    private static final String SERVICE_FIELD = "as";
    private static final String MEMORY_FIELD = "memory";
    private static final String CONFIG_PREFIX = "config.";

    /**
     * @throws IllegalArgumentException if the name is not a service name (or is the Module Manager's own), a
     *                                  configuration entry breaks {@link Configuration}'s syntax, or the memory
     *                                  is negative.
     */
    public InstallOptions
    {
        if (!serviceName.isEmpty())
        {
            new ServiceInterface(serviceName, ServiceHost.INTERFACE);
            if (ModuleManager.SERVICE.equals(serviceName))
            {
                throw new IllegalArgumentException("serviceName=" + serviceName + " is the Module Manager's own");
            }
        }
        Configuration.builder(0).putAll(configuration);
        Grants.none().withMemoryBytes(memoryBytes);
        configuration = Collections.unmodifiableSortedMap(new TreeMap<>(configuration));
    }

    public InstallOptions withServiceName(final String name)
    {
        return new InstallOptions(name, configuration, memoryBytes);
    }

    public InstallOptions withConfiguration(final SortedMap<String, String> values)
    {
        return new InstallOptions(serviceName, values, memoryBytes);
    }

    public InstallOptions withMemoryBytes(final long bytes)
    {
        return new InstallOptions(serviceName, configuration, bytes);
    }

    /** The name the module of {@code manifest} runs as. */
    String serviceFor(final Manifest manifest)
    {
        return serviceName.isEmpty() ? manifest.name() : serviceName;
    }

    /** The memory quota the sandbox of {@code manifest}'s module gets. */
    long memoryBytesFor(final Manifest manifest)
    {
        return Grants.none().withMemoryBytes(memoryBytes).memoryBytes(manifest.memoryBytes());
    }

    /** What an instance starts with: these values at version 0 (the host lays them over the manifest's). */
    Configuration startConfiguration()
    {
        return Configuration.builder(0).putAll(configuration).build();
    }

    /** The journal's fields for these options, none for the defaults: an INSTALLED fact's besides its own. */
    SortedMap<String, String> journalFields()
    {
        final TreeMap<String, String> fields = new TreeMap<>();
        if (!serviceName.isEmpty())
        {
            fields.put(SERVICE_FIELD, serviceName);
        }
        if (memoryBytes != Grants.MANIFEST_MEMORY)
        {
            fields.put(MEMORY_FIELD, Long.toString(memoryBytes));
        }
        configuration.forEach((key, value) -> fields.put(CONFIG_PREFIX + key, value));
        return fields;
    }

    /** The options an INSTALLED fact journaled: the inverse of {@link #journalFields()}. */
    static InstallOptions fromJournal(final SortedMap<String, String> fields)
    {
        final TreeMap<String, String> configuration = new TreeMap<>();
        fields.forEach((key, value) ->
        {
            if (key.startsWith(CONFIG_PREFIX))
            {
                configuration.put(key.substring(CONFIG_PREFIX.length()), value);
            }
        });
        final String memory = fields.get(MEMORY_FIELD);
        return new InstallOptions(fields.getOrDefault(SERVICE_FIELD, ""), configuration,
            memory == null ? Grants.MANIFEST_MEMORY : Long.parseLong(memory));
    }

    @Override
    public String toString()
    {
        return journalFields().toString();
    }
}
