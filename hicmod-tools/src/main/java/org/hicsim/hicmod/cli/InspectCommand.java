package org.hicsim.hicmod.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.hicsim.hicmod.BundleReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hic mod inspect BUNDLE [--json]}: shows what a bundle holds. The content is one {@link BundleReport},
 * rendered as text or as JSON, so both always say the same.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Show a bundle's header, manifest, dependencies, sections, payload and signature block.")
final class InspectCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE", description = "The .hicmod bundle to inspect.")
    Path bundleFile;

    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    @Override
    public Integer call()
    {
        final BundleReport report = BundleReport.of(bundleFile.toString(), BundleReader.read(bundleFile));
        if (json)
        {
            spec.commandLine().getOut().println(report.toJson());
        }
        else
        {
            report.printText(spec.commandLine().getOut());
        }
        return CommandLine.ExitCode.OK;
    }
}
