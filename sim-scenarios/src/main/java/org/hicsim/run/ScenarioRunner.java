package org.hicsim.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.registry.ServiceInterface;
import org.hicsim.core0.registry.ServiceRegistry;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.workload.OperationMix;
import org.hicsim.core0.workload.RequestShaper;
import org.hicsim.core0.workload.Workload;
import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.BundleWriter;
import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.Section;
import org.hicsim.hicmod.SectionType;
import org.hicsim.hicmod.pki.Pem;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;
import org.hicsim.mm.BundleRepository;
import org.hicsim.mm.ModuleManager;
import org.hicsim.mm.RollbackKind;
import org.hicsim.mm.UpdateOutcome;
import org.hicsim.mm.UpdateReport;
import org.hicsim.monitor.MonitorPolicy;
import org.hicsim.monitor.decision.Rule;
import org.hicsim.monitor.service.MonitorConfig;
import org.hicsim.monitor.service.MonitorService;
import org.hicsim.report.ControlFlows;
import org.hicsim.report.MetricsSampler;
import org.hicsim.report.RunProgress;
import org.hicsim.scenario.Action;
import org.hicsim.scenario.BundleRef;
import org.hicsim.scenario.Installation;
import org.hicsim.scenario.MonitorSettings;
import org.hicsim.scenario.Scenario;
import org.hicsim.scenario.ScenarioFormatException;
import org.hicsim.scenario.Step;
import org.hicsim.services.counter.CounterWorkload;
import org.hicsim.services.netstack.NetstackWorkload;

/**
 * Runs a scenario: a kernel of its size and costs, the Module Manager booted on the catalogue (and the scenario's
 * own bundle files), the bundles installed in dependency order, a client workload from the start, each step at its
 * virtual time, and metrics sampled as the run goes. What it leaves is a {@link RunOutcome}: the updates' reports,
 * the rollbacks, the final versions, the workload's figures, the metric series and the trace's digest, from which
 * {@link Expectations} and the run's outputs are made.
 * <p>
 * The workload's clients call the service of the scenario's first update (the last one installed if it updates
 * none): netstack through its own protocol ({@link NetstackWorkload}), any other service through the generic
 * {@link OperationMix}, which names no connection.
 */
public final class ScenarioRunner
{
    /** The operation the generic workload sends a service that is not netstack. */
    public static final int GENERIC_OPERATION = 1;
    private static final int GENERIC_PAYLOAD_BYTES = 16;
    private static final String NETSTACK = "netstack";
    private static final String COUNTER = "counter";
    /** The catalogue's trust root, which the build writes beside the bundles. */
    public static final String TRUST_ROOT = "trust-root.pem";
    /** Between a bundle's stem and the tamper's kind, in the stem of the tampered copy. */
    private static final String TAMPERED = "+tampered-";

    private final Path catalogue;

    /**
     * @param catalogue the directory the catalogue's bundles and {@value #TRUST_ROOT} are in.
     */
    public ScenarioRunner(final Path catalogue)
    {
        this.catalogue = catalogue;
    }

    /**
     * @param trace where every trace line goes (the run's {@code trace.txt}); the digest covers them all.
     */
    public RunOutcome run(final Scenario scenario, final long seed, final TraceSink trace, final RunProgress progress)
    {
        final ControlFlows flows = new ControlFlows();
        final SandboxCensus census = new SandboxCensus();
        final CurrentPhase phase = new CurrentPhase();
        final ModuleManager[] manager = new ModuleManager[1];
        final MonitorService[] monitor = new MonitorService[1];
        final MonitorFeed feed = new MonitorFeed(() -> manager[0], () -> monitor[0]);
        final Kernel kernel = new Kernel(KernelConfig.withSeed(seed).withMemoryBytes(scenario.kernelMemoryBytes())
            .withCosts(scenario.costTable()), line ->
            {
                trace.accept(line);
                flows.accept(line);
                census.accept(line);
                phase.accept(line);
                feed.accept(line);
            });
        final ServiceHost host = new ServiceHost(kernel);
        final BundleRepository repository = repository(scenario);
        // Bouncy Castle's classes are first used here: a warm-up still initialising them must be done first.
        VerificationWarmUp.await();
        manager[0] = ModuleManager.boot(kernel, host, repository, trustRoots(scenario));
        final List<ModuleManager> managers = new ArrayList<>(List.of(manager[0]));
        final Map<String, String> digests = install(manager[0], repository, scenario.install());

        final int operator = sandbox(kernel, "operator");
        final long[] updateCapability = {manager[0].grantUpdateCapability(operator)};
        manager[0].onRestart(restarted ->
        {
            manager[0] = restarted;
            managers.add(restarted);
            updateCapability[0] = restarted.grantUpdateCapability(operator);
        });
        final ClientWorkloads workloads = new ClientWorkloads();
        final List<String> targets = scenario.workloadServices().isEmpty()
            ? Collections.singletonList(workloadTarget(scenario, manager[0])) : scenario.workloadServices();
        for (final String target : targets)
        {
            final RequestShaper shaper = shaper(scenario, moduleOf(manager[0], target));
            workloads.add(shaper, workload(kernel, scenario, target, shaper,
                targets.size() == 1 ? "clients" : "clients-" + target));
        }
        census.markInstalled();
        final MonitorRecords monitorRecords = new MonitorRecords();
        scenario.monitor().ifPresent(settings ->
        {
            monitor[0] = MonitorService.boot(kernel, monitorConfig(scenario, settings),
                holder -> manager[0].grantUpdateCapability(holder), monitorRecords);
            monitor[0].onRestart(restarted -> monitor[0] = restarted);
            manager[0].versions().keySet().forEach(service -> monitor[0].serviceRunning(service,
                manager[0].instance(service).sandboxId()));
        });
        kernel.sandboxes().addListener(new CrashedInstances(kernel, scenario, () -> manager[0],
            scenario.monitor().isPresent()));

        final MetricsSampler sampler = new MetricsSampler(kernel);
        sampler.trackSandbox(ModuleManager.SERVICE, manager[0].sandboxId());
        // Every installed instance from the start, so one an update replaces before the first sample has its rows.
        trackAll(sampler, manager[0]);
        for (final Step step : scenario.steps())
        {
            kernel.simulation().scheduleAt(step.atNs(), arg -> act(scenario, step, kernel, manager[0], operator,
                updateCapability[0]), 0);
        }
        workloads.start();
        final long durationNs = scenario.durationNs();
        final long every = MetricsSampler.intervalFor(durationNs);
        progress.start(durationNs);
        for (long t = Math.min(every, durationNs); ; t = Math.min(t + every, durationNs))
        {
            kernel.simulation().runUntil(t);
            trackAll(sampler, manager[0]);
            sampler.sample();
            progress.advance(t, phase.text());
            if (t == durationNs)
            {
                break;
            }
        }
        progress.finish();
        workloads.stop();
        return new RunOutcome(scenario, seed, manager[0], reports(managers), workloads, sampler.series(), flows,
            digests, kernel.simulation().trace().sha256Hex(), new RunOutcome.Counts(census.createdSinceInstall(),
            census.aliveMax(), workloads.lostWrites()),
            monitorRecords);
    }

    /**
     * The Monitor's configuration from the scenario's {@code monitor:} block: the HIC document's rules and score,
     * the block's cadence, confirmation, pause, dry run and gate; crashed services restarted when the policy in force
     * says {@code restart_on_crash}.
     */
    private static MonitorConfig monitorConfig(final Scenario scenario, final MonitorSettings settings)
    {
        MonitorPolicy policy = MonitorPolicy.defaults().withPause(settings.pauseDeadlineNs(),
            settings.pauseDefaultRollback() ? org.hicsim.monitor.decision.Action.ROLLBACK_FULL
                : org.hicsim.monitor.decision.Action.RESUME);
        if (settings.confirmation())
        {
            policy = policy.withConfirmation(settings.confirmationTimeoutNs());
        }
        if (settings.dryRun())
        {
            policy = policy.withRules(policy.rules().stream().map(rule -> new Rule(rule.criterion().asDryRun(),
                rule.action(), rule.priority(), rule.responseNs(), rule.phase(), rule.source())).toList());
        }
        return MonitorConfig.defaults().withPolicy(policy).withHealthCheckNs(settings.healthCheckNs())
            .withCanaryIntervalNs(settings.canaryIntervalNs())
            .withGateAfterNs(settings.gateAfterNs()).withRestartOnCrash((service, atNs) -> scenario.policyInForce(service, atNs).restartOnCrash()
                .orElse(false));
    }

    /** Every Module Manager's reports in turn, but those a killed one left unfinished. */
    private static List<UpdateReport> reports(final List<ModuleManager> managers)
    {
        final List<UpdateReport> reports = new ArrayList<>();
        for (final ModuleManager manager : managers)
        {
            manager.reports().stream()
                .filter(report -> manager.isAlive() || report.outcome() != UpdateOutcome.IN_PROGRESS)
                .forEach(reports::add);
        }
        return reports;
    }

    private static void act(final Scenario scenario, final Step step, final Kernel kernel, final ModuleManager manager,
        final int operator, final long updateCapability)
    {
        final Action action = step.action();
        if (action instanceof Action.Update update)
        {
            manager.update(operator, updateCapability, update.service(), repositoryStem(update),
                scenario.updatePolicy(step).toBuilder().newInstanceConfiguration(Configuration.builder(0)
                    .putAll(update.config()).build()).build(), report -> { });
        }
        else if (action instanceof Action.Rollback rollback)
        {
            manager.rollback(operator, updateCapability, rollback.service(), RollbackKind.ofKey(rollback.kind()),
                rollback.reason());
        }
        else if (action instanceof Action.Decision decision)
        {
            if (decision.approved())
            {
                manager.approve(operator, updateCapability, decision.service());
            }
            else
            {
                manager.rollback(operator, updateCapability, decision.service(), "rejected");
            }
        }
        else if (action instanceof Action.Crash crash)
        {
            crash(kernel, manager, crash);
        }
        else if (action instanceof Action.Configure configure)
        {
            manager.configure(operator, updateCapability, configure.service(), configure.values());
        }
        else
        {
            // set-policy changes what later updates run under, which Scenario.updatePolicy reads; nothing to do now.
            kernel.simulation().trace().record("run.set-policy", "at=" + step.atNs());
        }
    }

    private static void crash(final Kernel kernel, final ModuleManager manager, final Action.Crash crash)
    {
        final ServiceInstance instance = switch (crash.instance())
        {
            case DEFAULT -> Action.Crash.MODULE_MANAGER.equals(crash.service()) ? null
                : manager.instance(crash.service());
            case OLD -> manager.updating(crash.service(), false);
            case NEW -> manager.updating(crash.service(), true);
        };
        final int sandboxId = Action.Crash.MODULE_MANAGER.equals(crash.service()) ? manager.sandboxId()
            : instance == null ? -1 : instance.sandboxId();
        kernel.simulation().trace().record("run.crash", "service=" + crash.service() + " instance="
            + crash.instance() + " sandbox=" + sandboxId);
        if (sandboxId > 0)
        {
            kernel.sandboxes().kill(sandboxId, "crash: the scenario's step");
        }
    }

    /**
     * Tracks each service's default instance and both instances of an update in progress: the old one lives on
     * after the switch (its stability period), and may never have been sampled as the default.
     */
    private static void trackAll(final MetricsSampler sampler, final ModuleManager manager)
    {
        for (final String service : manager.versions().keySet())
        {
            sampler.track(manager.instance(service));
            trackIfAny(sampler, manager.updating(service, false));
            trackIfAny(sampler, manager.updating(service, true));
        }
    }

    private static void trackIfAny(final MetricsSampler sampler, final ServiceInstance instance)
    {
        if (instance != null)
        {
            sampler.track(instance);
        }
    }

    private BundleRepository repository(final Scenario scenario)
    {
        final BundleRepository repository = BundleRepository.of(catalogue);
        final List<BundleRef> files = new ArrayList<>(scenario.install().stream().map(Installation::bundle).toList());
        for (final Step step : scenario.steps())
        {
            if (step.action() instanceof Action.Update update)
            {
                files.add(update.to());
            }
        }
        for (final BundleRef ref : files)
        {
            if (!ref.isCatalogueStem())
            {
                repository.add(ref.repositoryName(), read(ref.file()));
            }
        }
        for (final Step step : scenario.steps())
        {
            if (step.action() instanceof Action.Update update && update.tamper() != Action.Tamper.NONE)
            {
                final byte[] bundle = repository.fetch(update.to().repositoryName());
                if (bundle != null)
                {
                    repository.add(repositoryStem(update), tampered(bundle, update.tamper()));
                }
            }
        }
        return repository;
    }

    /** The stem the update fetches: its bundle's, or that of the copy an attacker changed on the way. */
    private static String repositoryStem(final Action.Update update)
    {
        return update.tamper() == Action.Tamper.NONE ? update.to().repositoryName()
            : update.to().repositoryName() + TAMPERED + update.tamper().key();
    }

    /**
     * The bundle as an attacker on the way changed it. {@code payload}: one bit of the jar flipped and the bundle
     * packed again, its CRC32C and SHA-384 made to match, under the original signature, so that only the
     * signature (which covers the payload's SHA-384) can tell. {@code signature}: one bit of the signature value
     * (the CMS structure's last byte) flipped.
     */
    private static byte[] tampered(final byte[] bytes, final Action.Tamper tamper)
    {
        final Bundle bundle = BundleReader.read(bytes);
        if (tamper == Action.Tamper.PAYLOAD)
        {
            final ByteBuffer jarBuffer = bundle.jar();
            final byte[] jar = new byte[jarBuffer.remaining()];
            jarBuffer.get(jar);
            jar[jar.length / 2] ^= 1;
            return BundleReader.read(BundleWriter.pack(bundle.manifest(), jar)).withSignature(bundle.signature());
        }
        final Section signature = bundle.section(SectionType.SIGNATURE);
        final byte[] copy = bytes.clone();
        copy[signature.end() - 1] ^= 1;
        return copy;
    }

    private List<X509Certificate> trustRoots(final Scenario scenario)
    {
        return Pem.readCertificates(scenario.trust().orElse(catalogue.resolve(TRUST_ROOT)));
    }

    /**
     * Installs the bundles so that each one's dependencies are there before it (ServiceHost grants a dependency's
     * capability only if it is registered), in the order written otherwise.
     *
     * @return each bundle's digest, by stem.
     */
    private static Map<String, String> install(
        final ModuleManager manager, final BundleRepository repository, final List<Installation> installations)
    {
        final TreeMap<String, String> digests = new TreeMap<>();
        final List<Installation> left = new ArrayList<>(installations);
        while (!left.isEmpty())
        {
            final Installation next = left.stream()
                .filter(installation -> dependenciesInstalled(manager, repository, installation.bundle()))
                .findFirst().orElse(left.get(0));
            left.remove(next);
            final ServiceInstance instance = manager.install(next.bundle().repositoryName(), next.options());
            digests.put(next.bundle().repositoryName(), instance.bundleDigest());
        }
        return digests;
    }

    private static boolean dependenciesInstalled(
        final ModuleManager manager, final BundleRepository repository, final BundleRef ref)
    {
        final Manifest manifest = BundleReader.read(repository.fetch(ref.repositoryName())).manifest();
        return manager.versions().keySet().containsAll(manifest.dependencies().keySet());
    }

    private static String workloadTarget(final Scenario scenario, final ModuleManager manager)
    {
        for (final Step step : scenario.steps())
        {
            if (step.action() instanceof Action.Update update)
            {
                return update.service();
            }
        }
        final List<String> installed = new ArrayList<>(manager.versions().keySet());
        return installed.isEmpty() ? null : installed.get(installed.size() - 1);
    }

    /** The module a service runs, or the service's own name if it runs none (it is not installed). */
    private static String moduleOf(final ModuleManager manager, final String service)
    {
        final ServiceInstance instance = service == null ? null : manager.instance(service);
        return instance == null ? service : instance.manifest().name();
    }

    /**
     * The requests the clients send, by the module the target service runs (a counter installed as
     * {@code counter-a} is sent the counter's): netstack's and the counter's own protocol, the generic mix for
     * any other module.
     */
    private static RequestShaper shaper(final Scenario scenario, final String module)
    {
        if (NETSTACK.equals(module))
        {
            return new NetstackWorkload(Math.max(1, scenario.workload().totalConnections()));
        }
        return COUNTER.equals(module) ? new CounterWorkload() : OperationMix.of(GENERIC_OPERATION,
            GENERIC_PAYLOAD_BYTES);
    }

    /** The clients of {@code target}, in a sandbox named {@code clientsName}; null if there is nothing to send. */
    private static Workload workload(final Kernel kernel, final Scenario scenario, final String target,
        final RequestShaper shaper, final String clientsName)
    {
        if (target == null || scenario.workload().requestsPerSecond() == 0 && scenario.workload().totalConnections() == 0)
        {
            return null;
        }
        final int serviceId = kernel.registry().serviceId(new ServiceInterface(target, ServiceHost.INTERFACE));
        if (serviceId == ServiceRegistry.NO_SERVICE && !scenario.workloadServices().isEmpty())
        {
            throw new ScenarioFormatException(scenario.source(),
                "workload.services: names a service no installed bundle provides: " + target);
        }
        final int clients = sandbox(kernel, clientsName);
        final long capability = kernel.capabilities().issue(CapabilitySystem.CORE0, clients,
            ObjectKind.SERVICE_ENDPOINT, serviceId, Rights.CALL, 0);
        final var spec = shaper.opensConnections() ? scenario.workload()
            : scenario.workload().withoutConnections();
        return new Workload(kernel.simulation(), kernel.requests(), clients, capability, spec, shaper,
            kernel.simulation().splitRandom());
    }

    private static int sandbox(final Kernel kernel, final String name)
    {
        final int id = kernel.sandboxes().create(SandboxSpec.privileged(name, 4096, 100));
        kernel.sandboxes().start(id);
        return id;
    }

    private static byte[] read(final Path file)
    {
        try
        {
            return Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }
}
