package org.hicsim.cli.mod;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

import org.hicsim.cli.ExitCodes;
import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.HicmodFiles;
import org.hicsim.hicmod.pki.BundleSigner;
import org.hicsim.hicmod.pki.SignatureClaims;
import org.hicsim.hicmod.pki.SigningCredentials;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hic mod sign BUNDLE --key KEY --cert CERT --chain INTERMEDIATE [--out FILE]}: signs a bundle, replacing
 * any signature it has, in place unless {@code --out} names another file.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = "Sign a bundle: a detached CMS signature over its signed bytes, carrying the certificate chain.",
    footer = { "", "Exit codes: 0 signed, 2 usage error or malformed input (bundle, key or certificate)." })
public final class SignCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE", description = "The .hicmod bundle to sign.")
    Path bundleFile;

    @Option(names = "--key", required = true, paramLabel = "KEY",
        description = "The signer's private key, PEM (PKCS#8 as openssl genpkey writes it, or traditional).")
    Path keyFile;

    @Option(names = "--cert", required = true, paramLabel = "CERT",
        description = "The signer's certificate, PEM; it must have digitalSignature and codeSigning.")
    Path certificateFile;

    @Option(names = "--chain", required = true, paramLabel = "INTERMEDIATE",
        description = "The intermediate CA certificate(s), PEM, nearest the signer first.")
    Path chainFile;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the signed bundle here (default: in place).")
    Path outFile;

    @Option(names = "--signing-time", paramLabel = "INSTANT", converter = InstantConverter.class,
        description = "Sign as of this ISO-8601 instant instead of the real time now: a simulation verifies at"
            + " its simulated time (virtual time 0 is 2026-01-01T00:00:00Z), so a bundle it loads is signed before.")
    Instant signingTime;

    private final Clock clock;

    public SignCommand()
    {
        this(Clock.systemUTC());
    }

    /**
     * @param clock the signing time.
     */
    SignCommand(final Clock clock)
    {
        this.clock = clock;
    }

    @Override
    public Integer call()
    {
        final Bundle bundle = BundleReader.read(bundleFile);
        final Clock signingClock = signingTime == null ? clock : Clock.fixed(signingTime, ZoneOffset.UTC);
        final SigningCredentials credentials =
            SigningCredentials.loadValidAt(keyFile, certificateFile, chainFile, signingClock.instant());
        final byte[] signed = new BundleSigner(credentials, signingClock).sign(bundle);
        final Path target = outFile == null ? bundleFile : outFile;
        HicmodFiles.writeAtomically(target, signed);
        final SignatureClaims claims = SignatureClaims.read(BundleReader.read(signed).signature());
        spec.commandLine().getOut().printf("%s: %s %s signed by %s at %s (%s)%n", target, bundle.manifest().name(),
            bundle.manifest().version(), claims.signerSubject(), claims.signingTime(), claims.algorithm());
        return ExitCodes.OK;
    }
}
