package org.hicsim.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Which build of the simulator this is: the version Maven filtered into {@code org/hicsim/cli/version.properties},
 * and the commit the build wrote into {@code org/hicsim/report/commit.properties} (see sim-scenarios' pom), with
 * whether the tree had uncommitted changes then. Read from the class path, so a copy of the classes states the
 * build it came from, whatever directory it runs in.
 *
 * @param version the project's version ({@code 0.1.0-SNAPSHOT}).
 * @param commit  the full commit id, or {@code unknown} when the build found no git repository.
 * @param dirty   tracked files differed from the commit when the classes were built.
 * @param jvm     the running JVM: version, vendor and VM.
 */
public record BuildInfo(String version, String commit, boolean dirty, String jvm)
{
    private static final String UNKNOWN = "unknown";

    /** The build on the class path, on this JVM. */
    public static BuildInfo current()
    {
        final Properties version = load("/org/hicsim/cli/version.properties");
        final Properties commit = load("/org/hicsim/report/commit.properties");
        return new BuildInfo(
            version.getProperty("version", UNKNOWN),
            commit.getProperty("commit", UNKNOWN),
            Boolean.parseBoolean(commit.getProperty("dirty", "false")),
            System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + " "
                + System.getProperty("java.vm.name") + ")");
    }

    /** The commit, with {@code -dirty} appended when the tree had changes, as {@code git describe} writes it. */
    public String commitDescription()
    {
        return dirty ? commit + "-dirty" : commit;
    }

    private static Properties load(final String resource)
    {
        final Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource))
        {
            if (in != null)
            {
                properties.load(in);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return properties;
    }
}
