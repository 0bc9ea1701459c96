package org.hicsim.cli;

import org.hicsim.report.BuildInfo;
import picocli.CommandLine;

/**
 * States the build the CLI runs from (version, commit, JVM), as a run's provenance records it; nothing is stated
 * by hand.
 */
final class VersionProvider implements CommandLine.IVersionProvider
{
    @Override
    public String[] getVersion()
    {
        final BuildInfo build = BuildInfo.current();
        return new String[] {
            "hic " + build.version(),
            "commit: " + build.commitDescription(),
            "JVM: " + build.jvm() };
    }
}
