package org.hicsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine;

/**
 * Reads the version Maven filtered into {@code version.properties}, so the CLI never states a version by hand.
 */
final class VersionProvider implements CommandLine.IVersionProvider
{
    @Override
    public String[] getVersion()
    {
        final Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties"))
        {
            if (in == null)
            {
                throw new IllegalStateException("version.properties is missing from the class path");
            }
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return new String[] {
            "hic " + properties.getProperty("version"),
            "JVM: ${java.version} (${java.vendor} ${java.vm.name})" };
    }
}
