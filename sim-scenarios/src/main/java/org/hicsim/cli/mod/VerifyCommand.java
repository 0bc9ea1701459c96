package org.hicsim.cli.mod;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import org.hicsim.cli.ExitCodes;
import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.hicmod.pki.VerificationException;
import org.hicsim.hicmod.pki.VerifiedSignature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hic mod verify BUNDLE --trust ROOT_PEM}: reads a bundle (layout, manifest, payload hash) and verifies
 * its signature against the trust roots; exits 0 when valid, 1 with the reason when not.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Verify a bundle: format, payload hash, signature, certificate chain to a trust root at the"
        + " signing time, validity periods, and the signer's code-signing usage.",
    footer = { "", "Exit codes: 0 valid, 1 refused (the reason is printed), 2 usage error or malformed input." })
public final class VerifyCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE", description = "The .hicmod bundle to verify.")
    Path bundleFile;

    @Option(names = "--trust", required = true, paramLabel = "ROOT_PEM",
        description = "The trusted root CA certificate(s), PEM.")
    Path trustFile;

    private final Clock clock;

    public VerifyCommand()
    {
        this(Clock.systemUTC());
    }

    /**
     * @param clock "now", against which a signing time in the future is refused.
     */
    VerifyCommand(final Clock clock)
    {
        this.clock = clock;
    }

    @Override
    public Integer call()
    {
        final Bundle bundle = BundleReader.read(bundleFile);
        final VerifiedSignature verified;
        try
        {
            verified = new BundleVerifier(Pem.readCertificates(trustFile), clock).verify(bundle);
        }
        catch (final VerificationException ex)
        {
            throw ex.in(bundleFile.toString());
        }
        spec.commandLine().getOut().printf("%s: valid: %s %s (%s) signed by %s at %s (%s); chain: %s%n",
            bundleFile, bundle.manifest().name(), bundle.manifest().version(), bundle.manifest().uuid(),
            verified.signerSubject(), verified.signingTime(), verified.algorithm(),
            String.join(" <- ", verified.chainSubjects()));
        return ExitCodes.OK;
    }
}
