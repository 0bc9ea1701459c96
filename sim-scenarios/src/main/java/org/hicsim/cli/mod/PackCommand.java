package org.hicsim.cli.mod;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.hicsim.cli.ExitCodes;
import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.BundleWriter;
import org.hicsim.hicmod.HicmodFiles;
import org.hicsim.hicmod.HicmodFormatException;
import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.ManifestParser;
import org.hicsim.hicmod.PayloadSectionDescriptor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hic mod pack --manifest FILE --code JAR --out BUNDLE}: makes an unsigned bundle, which {@code hic mod
 * sign} then signs.
 */
@Command(
    name = "pack",
    mixinStandardHelpOptions = true,
    description = "Pack a manifest (YAML or JSON) and a jar into an unsigned .hicmod bundle.")
final class PackCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--manifest", required = true, paramLabel = "FILE",
        description = "The module's manifest, YAML or JSON (docs/hicmod-format.md lists its keys).")
    Path manifestFile;

    @Option(names = "--code", required = true, paramLabel = "JAR", description = "The module's code, a jar.")
    Path codeFile;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE",
        description = "The bundle to write; an existing file is replaced.")
    Path bundleFile;

    @Override
    public Integer call()
    {
        final Manifest manifest = ManifestParser.read(manifestFile);
        final byte[] jar = HicmodFiles.read(codeFile, PayloadSectionDescriptor.JAR_LENGTH_MAX);
        final byte[] bytes;
        try
        {
            bytes = BundleWriter.pack(manifest, jar);
        }
        catch (final HicmodFormatException ex)
        {
            throw new HicmodFormatException(codeFile.toString(), ex.reason(), ex);
        }
        HicmodFiles.writeAtomically(bundleFile, bytes);

        final Bundle bundle = BundleReader.read(bytes);
        spec.commandLine().getOut().printf("%s: %s %s, %d bytes (jar %d bytes, LZ4 %d bytes), unsigned%n",
            bundleFile, manifest.name(), manifest.version(), bundle.length(), bundle.jar().remaining(),
            bundle.compressedPayload().remaining());
        return ExitCodes.OK;
    }
}
