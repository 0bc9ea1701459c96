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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hic mod inspect BUNDLE [--trust ROOT_PEM] [--json]}: shows what a bundle holds. The content is one
 * {@link BundleReport}, rendered as text or as JSON, so both always say the same. With {@code --trust} it also
 * verifies the signature, reports the result, and exits 1 when it is refused.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Show a bundle's header, manifest, dependencies, sections, payload and signature (signer, chain,"
        + " signing time); with --trust, whether the signature verifies.",
    footer = { "", "Exit codes: 0 shown (and valid, with --trust), 1 refused by --trust verification,"
        + " 2 usage error or malformed bundle." })
final class InspectCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE", description = "The .hicmod bundle to inspect.")
    Path bundleFile;

    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    @Option(names = "--trust", paramLabel = "ROOT_PEM",
        description = "Also verify the signature against these trusted root CA certificate(s), PEM.")
    Path trustFile;

    private final Clock clock;

    InspectCommand()
    {
        this(Clock.systemUTC());
    }

    /**
     * @param clock "now" for {@code --trust} verification.
     */
    InspectCommand(final Clock clock)
    {
        this.clock = clock;
    }

    @Override
    public Integer call()
    {
        final Bundle bundle = BundleReader.read(bundleFile);
        final BundleReport report = BundleReport.of(bundleFile.toString(), bundle);
        report.put("signature", SignatureReport.claims(bundle));
        VerificationException refusal = null;
        if (trustFile != null)
        {
            try
            {
                report.put("verification", SignatureReport.valid(
                    new BundleVerifier(Pem.readCertificates(trustFile)).verify(bundle, clock.instant())));
            }
            catch (final VerificationException ex)
            {
                refusal = ex.in(bundleFile.toString());
                report.put("verification", SignatureReport.refused(ex));
            }
        }
        if (json)
        {
            spec.commandLine().getOut().println(report.toJson());
        }
        else
        {
            report.printText(spec.commandLine().getOut());
        }
        if (refusal != null)
        {
            throw refusal;
        }
        return ExitCodes.OK;
    }
}
