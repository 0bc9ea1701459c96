package org.hicsim.cli.mod;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
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
 * {@code hic mod verify BUNDLE --trust ROOT_PEM [--at INSTANT]}: reads a bundle (layout, manifest, payload hash)
 * and verifies its signature against the trust roots, at the real time now (a user's own bundle, signed now) or
 * at the instant given, such as a simulated time; exits 0 when valid, 1 with the reason when not.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Verify a bundle: format, payload hash, signature, certificate chain to a trust root, validity"
        + " periods at the signing time and at the verification time, and the signer's code-signing usage.",
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

    @Option(names = "--at", paramLabel = "INSTANT", converter = InstantConverter.class,
        description = "Verify as of this ISO-8601 instant (e.g. 2026-01-01T00:00:00Z, virtual time 0 of a"
            + " simulation) instead of the real time now.")
    Instant at;

    private final Clock clock;

    public VerifyCommand()
    {
        this(Clock.systemUTC());
    }

    /**
     * @param clock "now" when {@code --at} is not given: a signing time after it is refused, and the chain must
     *              be valid at it.
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
            verified = new BundleVerifier(Pem.readCertificates(trustFile))
                .verify(bundle, at != null ? at : clock.instant());
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
