package org.hicsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.sim.SimulatedEpoch;
import org.hicsim.core0.sim.Trace;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.HealthReport;
import org.hicsim.core0.spi.Message;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.HicmodFiles;
import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.pki.BundleVerifier;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.hicmod.pki.VerificationException;
import org.hicsim.hicmod.pki.VerifiedBundle;
import org.hicsim.host.Grants;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;
import org.hicsim.report.TraceFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hic services run BUNDLE --trust ROOT_PEM [--seed N] [--request OP[:ARGS[:PAYLOAD]]]... [--trace FILE]}:
 * one service on its own in a fresh kernel, as the Module Manager would start it. The bundle is verified at the
 * kernel's simulated time ({@link SimulatedEpoch#DEFAULT}: virtual time 0 is 2026-01-01T00:00:00Z), its code checked and loaded into a new sandbox ({@link ServiceHost}), {@code init} runs, each request is served in
 * order, then the health probe and {@code shutdown}; the last line is the trace digest. The policy grants no
 * capability and no dependency is running, so a service that needs one sees {@code NO_CAPABILITY}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Verify a bundle, load its service into a sandbox of a fresh kernel, call init, send the requests in"
        + " order and print each reply, then the health probe; shut it down and print the trace digest.",
    footer = { "", "Exit codes: 0 the service ran, 1 refused (signature, reference check) or the service crashed,"
        + " 2 usage error or malformed input." })
final class ServicesRunCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE", description = "The signed .hicmod bundle of the service.")
    Path bundleFile;

    @Option(names = "--trust", required = true, paramLabel = "ROOT_PEM",
        description = "The trusted root CA certificate(s), PEM, the bundle must verify against.")
    Path trustFile;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
        description = "Seed of the run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--request", paramLabel = ServiceRequest.FORMAT, converter = ServiceRequest.Converter.class,
        description = "A request, repeatable, sent in order: operation code, up to four comma-separated"
            + " arguments, payload text (e.g. 1:5:visits, 2::visits).")
    List<ServiceRequest> requests = new ArrayList<>();

    @Option(names = "--trace", paramLabel = "FILE", description = "Also write the trace, one line per state change.")
    Path traceFile;

    @Override
    public Integer call() throws IOException
    {
        final VerifiedBundle bundle = verify();
        if (traceFile == null)
        {
            return run(bundle, TraceSink.NONE);
        }
        try (TraceFile trace = openTrace())
        {
            return run(bundle, trace);
        }
    }

    /**
     * Opened before the service runs, so that a path that cannot be written is a usage error, not a run lost.
     */
    private TraceFile openTrace()
    {
        try
        {
            return TraceFile.open(traceFile);
        }
        catch (final IOException ex)
        {
            throw HicmodFiles.cannotWrite(traceFile, ex);
        }
    }

    /**
     * Verifies at virtual time 0, where the fresh kernel of the run starts and loads the bundle; before the
     * kernel exists, so that a refused bundle leaves no trace file.
     */
    private VerifiedBundle verify()
    {
        try
        {
            return new BundleVerifier(Pem.readCertificates(trustFile))
                .verifyBundle(BundleReader.read(bundleFile), SimulatedEpoch.DEFAULT.instantAt(0));
        }
        catch (final VerificationException ex)
        {
            throw ex.in(bundleFile.toString());
        }
    }

    private int run(final VerifiedBundle bundle, final TraceSink traceSink)
    {
        final PrintWriter out = spec.commandLine().getOut();
        final Manifest manifest = bundle.manifest();
        final Kernel kernel = new Kernel(KernelConfig.withSeed(seed), traceSink);
        final ServiceInstance instance = new ServiceHost(kernel)
            .load(bundle, manifest.name() + "-v" + manifest.version(), Grants.none());
        out.printf("loaded %s %s into sandbox %d (%s), signed by %s%n", manifest.name(), manifest.version(),
            instance.sandboxId(), instance.sandboxName(), bundle.signature().signerSubject());

        final String crash = serve(instance, kernel.simulation().trace(), out);
        out.println("trace sha256: " + kernel.simulation().trace().sha256Hex());
        if (crash != null)
        {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + manifest.name() + " "
                + manifest.version() + " crashed " + crash + ": " + instance.terminationReason());
            return ExitCodes.REFUSED;
        }
        return ExitCodes.OK;
    }

    /**
     * Sends the requests, probes and shuts down, printing as it goes, until the service crashes. Each reply is
     * also a trace line, so that the digest tells apart runs whose services answered differently.
     *
     * @return where it crashed ({@code on start}, {@code serving request 2}, ...), or null if it never did.
     */
    private String serve(final ServiceInstance instance, final Trace trace, final PrintWriter out)
    {
        if (!instance.isAlive())
        {
            return "on start";
        }
        final Message request = new Message();
        final Message reply = new Message();
        for (int i = 0; i < requests.size(); i++)
        {
            requests.get(i).writeTo(request);
            out.println("request " + (i + 1) + ": " + MessageText.request(request));
            if (instance.handle(request, reply.clear()) == ServiceInstance.DEAD)
            {
                return "serving request " + (i + 1);
            }
            trace.record("run.reply", "n=" + (i + 1) + " operation=" + request.operation() + " "
                + MessageText.traceDetail(reply));
            out.println("reply " + (i + 1) + ": " + MessageText.reply(reply));
        }
        final HealthReport report = new HealthReport();
        if (instance.probe(report) == ServiceInstance.DEAD)
        {
            return "in the health probe";
        }
        out.println("health: " + report.health() + ", memory in use " + report.memoryInUseBytes()
            + " bytes, connections " + report.connections() + ", JVM heap held " + instance.heapHeldBytes() + " of "
            + instance.heapAllowanceBytes() + " bytes");
        if (instance.shutdown() == ServiceInstance.DEAD)
        {
            return "in shutdown";
        }
        out.println("shut down");
        return null;
    }
}
