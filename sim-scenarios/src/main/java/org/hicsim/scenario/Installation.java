package org.hicsim.scenario;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import org.hicsim.mm.InstallOptions;

/**
 * One entry of a scenario's {@code install:}: a bundle, and how it is installed besides (written as a mapping):
 * the service name it runs as, the configuration it starts with and its sandbox's memory.
 *
 * @param bundle        the bundle installed.
 * @param as            the service's name; empty for the module's.
 * @param configuration values over the manifest's {@code config}.
 * @param memoryBytes   the sandbox's memory; 0 for the manifest's.
 */
public record Installation(BundleRef bundle, String as, SortedMap<String, String> configuration, long memoryBytes)
{
    public Installation
    {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(as, "as");
        configuration = Collections.unmodifiableSortedMap(new TreeMap<>(configuration));
    }

    /** A bundle installed as its manifest says. */
    public static Installation of(final BundleRef bundle)
    {
        return new Installation(bundle, "", new TreeMap<>(), 0);
    }

    /** Whether it is written as a plain bundle: nothing set besides it. */
    public boolean isPlain()
    {
        return as.isEmpty() && configuration.isEmpty() && memoryBytes == 0;
    }

    /** What the Module Manager is told besides the bundle. */
    public InstallOptions options()
    {
        return new InstallOptions(as, configuration, memoryBytes);
    }
}
