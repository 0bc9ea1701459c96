package org.hicsim.cli.mod;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.hicsim.cli.ExitCodes;
import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.HicmodFiles;
import org.hicsim.hicmod.pki.VerificationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hic mod export-signature BUNDLE --signature SIG.der --content SIGNED.bin}: writes a bundle's signature
 * and the bytes it signs, so that a tool that knows nothing of bundles can check them, e.g.
 * {@code openssl cms -verify -binary -inform DER -in SIG.der -content SIGNED.bin -CAfile ROOT -purpose any}.
 */
@Command(
    name = "export-signature",
    mixinStandardHelpOptions = true,
    description = "Write a bundle's DER CMS signature and the bytes it signs, for an independent check.",
    footer = { "", "Exit codes: 0 written, 1 the bundle is not signed, 2 usage error or malformed input." })
public final class ExportSignatureCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE", description = "The signed .hicmod bundle.")
    Path bundleFile;

    @Option(names = "--signature", required = true, paramLabel = "SIG.der",
        description = "Where to write the detached CMS SignedData (DER).")
    Path signatureFile;

    @Option(names = "--content", required = true, paramLabel = "SIGNED.bin",
        description = "Where to write the signed bytes (the bundle as it was unsigned).")
    Path contentFile;

    @Override
    public Integer call()
    {
        final Bundle bundle = BundleReader.read(bundleFile);
        if (!bundle.isSigned())
        {
            throw new VerificationException(VerificationException.Reason.NOT_SIGNED, "nothing to export")
                .in(bundleFile.toString());
        }
        final byte[] signature = bundle.signature();
        final byte[] content = bundle.signedBytes();
        HicmodFiles.writeAtomically(signatureFile, signature);
        HicmodFiles.writeAtomically(contentFile, content);
        spec.commandLine().getOut().printf("%s: signature %s (%d bytes), signed bytes %s (%d bytes)%n",
            bundleFile, signatureFile, signature.length, contentFile, content.length);
        return ExitCodes.OK;
    }
}
