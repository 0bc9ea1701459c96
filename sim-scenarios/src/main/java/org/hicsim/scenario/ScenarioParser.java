package org.hicsim.scenario;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.hicsim.core0.cost.Cost;
import org.hicsim.core0.cost.CostTable;
import org.hicsim.core0.memory.PhysicalMemory;
import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.workload.KeyDistribution;
import org.hicsim.core0.workload.WorkloadSpec;
import org.hicsim.hicmod.HicmodFiles;
import org.hicsim.hicmod.HicmodFormatException;
import org.hicsim.hicmod.MemorySize;
import org.hicsim.common.Quoted;
import org.hicsim.common.SemanticVersion;
import org.hicsim.hicmod.YamlReader;
import org.hicsim.mm.Refusal;
import org.hicsim.mm.ModuleManager;
import org.hicsim.mm.UpdateOutcome;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads a scenario file into a {@link Scenario}, checking every key against {@code docs/scenario-format.md} (and
 * {@code docs/scenario.schema.json}, which accepts the same files). The first fault is refused as a
 * {@link ScenarioFormatException}: {@code file:line:column: key: reason}, e.g.
 * {@code netstack.yaml:7:13: duration: '2 hours' is not a duration (...)}. An unknown key is refused too, with the
 * key it is a near miss of, since a misspelt optional key would otherwise silently change nothing.
 */
public final class ScenarioParser
{
    /** The format version this parser reads. */
    public static final int FORMAT_VERSION = 1;
    /** The longest scenario file read. */
    public static final int SOURCE_LENGTH_MAX = 1024 * 1024;
    /** Root, steps, a step, its action, a policy, a strategy, its users: the deepest a scenario nests. */
    public static final int DEPTH_MAX = 8;
    public static final int NAME_LENGTH_MAX = 64;
    public static final int INSTALL_MAX = 256;
    public static final int STEPS_MAX = 10_000;
    public static final int CONNECTIONS_PER_CLASS_MAX = 1_000_000;
    public static final int CLASS_WEIGHT_MAX = 1_000_000;
    public static final double REQUESTS_PER_SECOND_MAX = 1e9;
    /** The most services one workload addresses, each with a client sandbox of its own. */
    public static final int WORKLOAD_SERVICES_MAX = INSTALL_MAX;
    /** The seed a run takes when the scenario gives none. */
    public static final long DEFAULT_SEED = 1;
    /** The reason a {@code rollback} step gives the audit log when it gives none. */
    public static final String DEFAULT_ROLLBACK_REASON = "scenario step";

    static final List<String> TOP_KEYS = List.of("format_version", "name", "description", "seed", "duration",
        "kernel", "install", "workload", "policy", "steps", "costs", "trust", "expect",
        "monitor");
    static final List<String> ACTIONS = List.of("update", "crash", "rollback", "approve", "reject", "set-policy",
        "configure");
    static final List<String> EXPECT_KEYS = List.of("outcome", "refusal", "final_version", "lost_connections",
        "rollbacks", "sandboxes_created", "min_concurrent_sandboxes", "lost_writes", "max_error_rate",
        "min_availability", "max_latency_p50", "max_latency_p99", "max_downtime", "alerts", "decisions");
    static final List<String> ALERT_BOUNDS = List.of("min", "max");
    /** A decision's rule or action as {@code decisions:} names it. */
    private static final Pattern DECISION_ITEM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,127}");

    /** The end of a configuration key whose value is a duration in nanoseconds. */
    private static final String NS_SUFFIX = "_ns";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1," + NAME_LENGTH_MAX + "}");
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final List<String> INSTALL_KEYS = List.of("bundle", "as", "config", "memory");
    private static final List<String> WORKLOAD_KEYS = List.of("services", "connections", "requests_per_second",
        "keys", "open_over", "mean_lifetime", "devices", "class_weights");
    private static final List<String> CLASSES =
        Arrays.stream(ConnectionClass.values()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    private static final List<String> INSTANCES =
        Arrays.stream(Action.Crash.Instance.values()).map(Action.Crash.Instance::key).toList();
    private static final List<String> OUTCOMES = Arrays.stream(UpdateOutcome.values())
        .filter(outcome -> outcome != UpdateOutcome.IN_PROGRESS).map(UpdateOutcome::key).toList();
    private static final List<String> REFUSALS = Stream.concat(Stream.of(Expectation.Refusal.NONE),
        Arrays.stream(Refusal.values()).map(refusal -> refusal.name().toLowerCase(Locale.ROOT))).toList();
    private static final List<String> TAMPERS = Arrays.stream(Action.Tamper.values())
        .filter(tamper -> tamper != Action.Tamper.NONE).map(Action.Tamper::key).toList();
    private static final List<String> COST_KEYS = Arrays.stream(Cost.values()).map(Cost::key).toList();

    private final String source;
    private final Path directory;
    private final YamlReader yaml;
    private final ScenarioNodes nodes;
    private final PolicyParser policies;
    /** The module of each catalogue bundle installed under a name of its own, by that name. */
    private final TreeMap<String, String> modulesByService = new TreeMap<>();
    /** Checks the files and catalogue stems the scenario names; null to take them as written. */
    private final FileReferences references;

    private ScenarioParser(final String source, final Path directory, final boolean referencesChecked,
        final Path catalogue)
    {
        this.source = source;
        this.directory = directory;
        this.yaml = new YamlReader(source, SOURCE_LENGTH_MAX, DEPTH_MAX, ScenarioFormatException::new);
        this.nodes = new ScenarioNodes(yaml);
        this.policies = new PolicyParser(nodes);
        this.references = referencesChecked ? new FileReferences(nodes, catalogue) : null;
    }

    /**
     * Reads and parses a scenario file; paths in it are relative to its directory and taken as written.
     *
     * @throws ScenarioFormatException naming the file, and the line, column and key where it can.
     */
    public static Scenario read(final Path file)
    {
        return parse(file.toString(), bytes(file), file.getParent(), false, null);
    }

    /**
     * Reads and parses a scenario file for a command that runs or checks it: besides the format, every file it
     * names must be there (each bundle file a readable bundle, the trust root a PEM file of certificates), and
     * every catalogue stem it installs a bundle of {@code catalogue}.
     *
     * @param catalogue the service catalogue's directory, or null to leave catalogue stems unchecked.
     * @throws ScenarioFormatException naming the file, and the line, column and key where it can.
     */
    public static Scenario read(final Path file, final Path catalogue)
    {
        return parse(file.toString(), bytes(file), file.getParent(), true, catalogue);
    }

    private static byte[] bytes(final Path file)
    {
        final byte[] bytes;
        try
        {
            bytes = HicmodFiles.read(file, SOURCE_LENGTH_MAX);
        }
        catch (final HicmodFormatException ex)
        {
            throw new ScenarioFormatException(ex.region(), ex.reason(), ex);
        }
        return bytes;
    }

    /**
     * Parses UTF-8 scenario text.
     *
     * @param source    names it in messages.
     * @param directory what relative paths in it are relative to, or null to keep them as written.
     * @throws ScenarioFormatException {@code source:line:column: key: reason}.
     */
    public static Scenario parse(final String source, final byte[] utf8, final Path directory)
    {
        return parse(source, utf8, directory, false, null);
    }

    private static Scenario parse(final String source, final byte[] utf8, final Path directory,
        final boolean referencesChecked, final Path catalogue)
    {
        if (utf8.length > SOURCE_LENGTH_MAX)
        {
            throw new ScenarioFormatException(source, utf8.length + " bytes exceeds the maximum " + SOURCE_LENGTH_MAX);
        }
        final ScenarioParser parser = new ScenarioParser(source, directory, referencesChecked, catalogue);
        return parser.scenario(parser.yaml.compose(text(source, utf8)));
    }

    /** The text of {@code utf8}; its first byte that is not UTF-8 is refused at its line and column. */
    private static String text(final String source, final byte[] utf8)
    {
        final ByteBuffer in = ByteBuffer.wrap(utf8);
        // UTF-8 never decodes to more chars than it has bytes.
        final CharBuffer out = CharBuffer.allocate(utf8.length);
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError())
        {
            result = decoder.flush(out);
        }
        final String text = out.flip().toString();
        if (result.isError())
        {
            final int lineStart = text.lastIndexOf('\n') + 1;
            final long line = 1 + text.chars().filter(c -> c == '\n').count();
            throw new ScenarioFormatException(source + ":" + line + ":" + (text.length() - lineStart + 1),
                String.format("not valid UTF-8 (byte 0x%02x)", utf8[in.position()] & 0xff));
        }
        return text;
    }

    private Scenario scenario(final Node root)
    {
        final YamlReader.YamlMapping top = nodes.mapping(root, "", TOP_KEYS);
        final Node versionNode = top.required("format_version");
        final long formatVersion = nodes.integer(versionNode, "format_version", 0, Integer.MAX_VALUE);
        if (formatVersion != FORMAT_VERSION)
        {
            throw nodes.error(versionNode, "format_version", formatVersion + " is not a version this HIC-Sim reads"
                + " (it reads " + FORMAT_VERSION + ")");
        }
        final String name = nodes.text(top.required("name"), "name", ScenarioParser::scenarioName);
        final String description = top.optional("description").map(node -> nodes.text(node, "description"))
            .orElse("");
        final long seed = top.optional("seed").map(node -> nodes.integer(node, "seed", 0, Long.MAX_VALUE))
            .orElse(DEFAULT_SEED);
        final long durationNs = nodes.duration(top.required("duration"), "duration", true);
        final long memoryBytes = top.optional("kernel").map(this::kernelMemory)
            .orElse(PhysicalMemory.DEFAULT_SIZE_BYTES);
        final List<Installation> install = top.optional("install").map(this::install).orElse(List.of());
        final WorkloadSpec workload = top.optional("workload").map(this::workload)
            .orElse(WorkloadSpec.connectionless(0));
        final List<String> workloadServices = top.optional("workload").map(node -> workloadServices(node, install))
            .orElse(List.of());
        final PolicyChange policy = top.optional("policy")
            .map(node -> policies.policy(nodes.mapping(node, "policy", PolicyParser.keys()), Set.of()))
            .orElse(PolicyChange.NONE);
        final List<Step> steps = top.optional("steps").map(node -> steps(node, durationNs)).orElse(List.of());
        final Map<Cost, Long> costs = top.optional("costs").map(this::costs).orElse(Map.of());
        final Optional<Path> trust = top.optional("trust").map(this::trust);
        final List<Expectation> expectations = top.optional("expect").map(this::expectations).orElse(List.of());
        final Optional<MonitorSettings> monitor = top.optional("monitor").map(this::monitor);
        if (references != null)
        {
            references.checkInstalledStems();
        }
        return new Scenario(source, FORMAT_VERSION, name, description, seed, durationNs, memoryBytes, install,
            workload, policy, steps, costs, trust, expectations, monitor, workloadServices);
    }

    private MonitorSettings monitor(final Node node)
    {
        final YamlReader.YamlMapping monitor = nodes.mapping(node, "monitor", List.of("health_check",
            "confirmation", "confirmation_timeout", "pause_deadline", "pause_default", "dry_run", "gate",
            "canary"));
        final MonitorSettings defaults = MonitorSettings.DEFAULTS;
        return new MonitorSettings(
            monitor.optional("health_check").map(value -> nodes.duration(value, "monitor.health_check", true))
                .orElse(defaults.healthCheckNs()),
            monitor.optional("confirmation").map(value -> nodes.bool(value, "monitor.confirmation"))
                .orElse(defaults.confirmation()),
            monitor.optional("confirmation_timeout")
                .map(value -> nodes.duration(value, "monitor.confirmation_timeout", true))
                .orElse(defaults.confirmationTimeoutNs()),
            monitor.optional("pause_deadline").map(value -> nodes.duration(value, "monitor.pause_deadline", true))
                .orElse(defaults.pauseDeadlineNs()),
            monitor.optional("pause_default")
                .map(value -> "rollback".equals(nodes.choice(value, "monitor.pause_default",
                    List.of("rollback", "resume"))))
                .orElse(defaults.pauseDefaultRollback()),
            monitor.optional("dry_run").map(value -> nodes.bool(value, "monitor.dry_run"))
                .orElse(defaults.dryRun()),
            monitor.optional("gate").map(value -> nodes.duration(value, "monitor.gate", true))
                .orElse(defaults.gateAfterNs()),
            monitor.optional("canary").map(value -> nodes.duration(value, "monitor.canary", true))
                .orElse(defaults.canaryIntervalNs()));
    }

    private long kernelMemory(final Node node)
    {
        final YamlReader.YamlMapping kernel = nodes.mapping(node, "kernel", List.of("memory"));
        return kernel.optional("memory").map(memory -> nodes.text(memory, "kernel.memory", text ->
        {
            final long bytes = MemorySize.parseBytes(text);
            if (bytes % PhysicalMemory.FRAME_SIZE != 0)
            {
                throw new IllegalArgumentException(Quoted.quote(text) + " is not a whole number of "
                    + PhysicalMemory.FRAME_SIZE / 1024 + " KiB frames");
            }
            return bytes;
        })).orElse(PhysicalMemory.DEFAULT_SIZE_BYTES);
    }

    private List<Installation> install(final Node node)
    {
        final List<Node> items = nodes.sequence(node, "install", INSTALL_MAX);
        final List<Installation> install = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final Set<String> services = new HashSet<>();
        for (int i = 0; i < items.size(); i++)
        {
            final String path = "install[" + i + "]";
            final Installation installation = installation(items.get(i), path);
            final String entry = installation.bundle() + (installation.as().isEmpty() ? "" : " as " + installation.as());
            if (!seen.add(entry))
            {
                throw nodes.error(items.get(i), path, Quoted.quote(entry) + " is listed twice");
            }
            if (!installation.as().isEmpty() && !services.add(installation.as()))
            {
                throw nodes.error(items.get(i), path, "the service " + Quoted.quote(installation.as())
                    + " is installed twice");
            }
            if (!installation.as().isEmpty() && installation.bundle().isCatalogueStem())
            {
                final Matcher stem = BundleRef.STEM.matcher(installation.bundle().stem());
                modulesByService.put(installation.as(), stem.matches() ? stem.group(1) : installation.as());
            }
            install.add(installation);
        }
        return install;
    }

    /** A plain bundle, or {@code {bundle: counter-1.0.0, as: counter-a, config: {...}, memory: 256MiB}}. */
    private Installation installation(final Node node, final String path)
    {
        if (nodes.isScalar(node))
        {
            return Installation.of(installed(node, path));
        }
        final YamlReader.YamlMapping mapping = nodes.mapping(node, path, INSTALL_KEYS);
        final BundleRef bundle = installed(mapping.required("bundle"), path + ".bundle");
        final String as = mapping.optional("as").map(name -> nodes.text(name, path + ".as", ScenarioParser::serviceName))
            .orElse("");
        if (ModuleManager.SERVICE.equals(as))
        {
            throw nodes.error(mapping.required("as"), path + ".as", "the Module Manager's own name");
        }
        final SortedMap<String, String> configuration = mapping.optional("config").map(config ->
            configuration(config, path + ".config", yaml.anyMapping(config, path + ".config"), Set.of()))
            .orElse(new TreeMap<String, String>());
        final long memoryBytes = mapping.optional("memory").map(memory -> nodes.text(memory, path + ".memory",
            ScenarioParser::sandboxMemory)).orElse(0L);
        return new Installation(bundle, as, configuration, memoryBytes);
    }

    private BundleRef installed(final Node node, final String path)
    {
        final BundleRef bundle = nodes.text(node, path, text -> BundleRef.parse(text, directory));
        if (references != null)
        {
            references.installed(node, path, bundle);
        }
        return bundle;
    }

    /** A memory size of whole frames, above 0. */
    private static long sandboxMemory(final String text)
    {
        final long bytes = MemorySize.parseBytes(text);
        if (bytes <= 0 || bytes % PhysicalMemory.FRAME_SIZE != 0)
        {
            throw new IllegalArgumentException(Quoted.quote(text) + " is not a whole number of "
                + PhysicalMemory.FRAME_SIZE / 1024 + " KiB frames above 0");
        }
        return bytes;
    }

    private WorkloadSpec workload(final Node node)
    {
        final YamlReader.YamlMapping workload = nodes.mapping(node, "workload", WORKLOAD_KEYS);
        final int[] connections = workload.optional("connections")
            .map(n -> perClass(n, "workload.connections", new int[CLASSES.size()], CONNECTIONS_PER_CLASS_MAX))
            .orElse(new int[CLASSES.size()]);
        final double rate = workload.optional("requests_per_second")
            .map(n -> nodes.number(n, "workload.requests_per_second", 0, REQUESTS_PER_SECOND_MAX)).orElse(0.0);
        final KeyDistribution keys = workload.optional("keys").map(this::keys).orElse(KeyDistribution.UNIFORM);
        final long openOverNs = workload.optional("open_over")
            .map(n -> nodes.duration(n, "workload.open_over", false)).orElse(0L);
        final long meanLifetimeNs = workload.optional("mean_lifetime")
            .map(n -> nodes.duration(n, "workload.mean_lifetime", false)).orElse(0L);
        final int[] weights = workload.optional("class_weights")
            .map(n -> perClass(n, "workload.class_weights", WorkloadSpec.DEFAULT_CLASS_WEIGHTS, CLASS_WEIGHT_MAX))
            .orElse(WorkloadSpec.DEFAULT_CLASS_WEIGHTS);
        final int devices = workload.optional("devices")
            .map(n -> nodes.count(n, "workload.devices", 1, Integer.MAX_VALUE))
            .orElse(Math.max(1, Arrays.stream(connections).sum()));
        return new WorkloadSpec(connections, rate, keys, openOverNs, meanLifetimeNs, weights, devices);
    }

    /**
     * {@code workload.services}: the services addressed, each once; empty when the key is not written. When every
     * install names its service (a catalogue stem or {@code as}), each must be one of them.
     */
    private List<String> workloadServices(final Node node, final List<Installation> install)
    {
        final TreeSet<String> installed = new TreeSet<>();
        boolean allNamed = true;
        for (final Installation installation : install)
        {
            final Matcher stem = BundleRef.STEM.matcher(installation.bundle().isCatalogueStem()
                ? installation.bundle().stem() : "");
            if (!installation.as().isEmpty())
            {
                installed.add(installation.as());
            }
            else if (stem.matches())
            {
                installed.add(stem.group(1));
            }
            else
            {
                allNamed = false;
            }
        }
        final Optional<Node> services = nodes.mapping(node, "workload", WORKLOAD_KEYS).optional("services");
        if (services.isEmpty())
        {
            return List.of();
        }
        final List<Node> items = nodes.sequence(services.get(), "workload.services", WORKLOAD_SERVICES_MAX);
        if (items.isEmpty())
        {
            throw nodes.error(services.get(), "workload.services", "is empty (leave the key out for the default)");
        }
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++)
        {
            final String path = "workload.services[" + i + "]";
            final String name = nodes.text(items.get(i), path, ScenarioParser::serviceName);
            if (names.contains(name))
            {
                throw nodes.error(items.get(i), path, "names " + Quoted.quote(name) + " a second time");
            }
            if (allNamed && !installed.contains(name))
            {
                throw nodes.error(items.get(i), path, Quoted.quote(name) + " is not a service the scenario installs ("
                    + String.join(", ", installed) + ")");
            }
            names.add(name);
        }
        return names;
    }

    /** A value per connection class, over {@code defaults} for a class not written. */
    private int[] perClass(final Node node, final String path, final int[] defaults, final int valueMax)
    {
        final YamlReader.YamlMapping mapping = nodes.mapping(node, path, CLASSES);
        final int[] values = defaults.clone();
        for (int i = 0; i < CLASSES.size(); i++)
        {
            final int index = i;
            mapping.optional(CLASSES.get(i)).ifPresent(n -> values[index] =
                nodes.count(n, mapping.keyPath(CLASSES.get(index)), 0, valueMax));
        }
        return values;
    }

    /** {@code uniform}, or {@code {zipf: 1.1}}. */
    private KeyDistribution keys(final Node node)
    {
        if (nodes.isScalar(node))
        {
            nodes.choice(node, "workload.keys", List.of("uniform"));
            return KeyDistribution.UNIFORM;
        }
        final YamlReader.YamlMapping keys = nodes.mapping(node, "workload.keys", List.of("zipf"));
        final Node exponent = keys.required("zipf");
        final double value = nodes.number(exponent, "workload.keys.zipf", 0, KeyDistribution.ZIPF_EXPONENT_MAX);
        if (value == 0)
        {
            throw nodes.error(exponent, "workload.keys.zipf", "must be above 0 (0 is uniform: keys: uniform)");
        }
        return KeyDistribution.zipf(value);
    }

    private List<Step> steps(final Node node, final long durationNs)
    {
        final List<Node> items = nodes.sequence(node, "steps", STEPS_MAX);
        final List<Step> steps = new ArrayList<>();
        long previousNs = 0;
        for (int i = 0; i < items.size(); i++)
        {
            final String path = "steps[" + i + "]";
            final YamlReader.YamlMapping step = nodes.mapping(items.get(i), path,
                Stream.concat(Stream.of("at"), ACTIONS.stream()).toList());
            final Node atNode = step.required("at");
            final long atNs = nodes.duration(atNode, path + ".at", false);
            if (atNs > durationNs)
            {
                throw nodes.error(atNode, path + ".at", VirtualDuration.format(atNs) + " is after the end of the run ("
                    + "duration " + VirtualDuration.format(durationNs) + ")");
            }
            if (atNs < previousNs)
            {
                throw nodes.error(atNode, path + ".at", VirtualDuration.format(atNs) + " is before the step above it ("
                    + VirtualDuration.format(previousNs) + "); write steps in time order");
            }
            previousNs = atNs;
            final List<NodeTuple> actions = step.tuples().stream()
                .filter(tuple -> !ScenarioNodes.key(tuple).equals("at")).toList();
            if (actions.isEmpty())
            {
                throw nodes.error(items.get(i), path, "no action (expected one of: " + String.join(", ", ACTIONS)
                    + ")");
            }
            if (actions.size() > 1)
            {
                throw nodes.error(actions.get(1).getKeyNode(), step.keyPath(ScenarioNodes.key(actions.get(1))),
                    "a second action in one step (the first is " + ScenarioNodes.key(actions.get(0))
                        + "); give each its own step");
            }
            final String actionKey = ScenarioNodes.key(actions.get(0));
            final Action action = action(actionKey, actions.get(0).getValueNode(), step.keyPath(actionKey));
            steps.add(new Step(atNs, action, location(items.get(i))));
        }
        return steps;
    }

    private Action action(final String key, final Node node, final String path)
    {
        return switch (key)
        {
            case "update" -> update(node, path);
            case "crash" -> crash(node, path);
            case "rollback" ->
            {
                final YamlReader.YamlMapping mapping = serviceMapping(node, path, List.of("service", "reason",
                    "kind"));
                yield new Action.Rollback(service(node, mapping, path), mapping == null ? DEFAULT_ROLLBACK_REASON
                    : mapping.optional("reason").map(n -> nodes.text(n, path + ".reason"))
                    .orElse(DEFAULT_ROLLBACK_REASON), mapping == null ? "full"
                    : mapping.optional("kind").map(n -> nodes.choice(n, path + ".kind", Action.Rollback.KINDS))
                    .orElse("full"));
            }
            case "approve", "reject" -> new Action.Decision(
                service(node, serviceMapping(node, path, List.of("service")), path), key.equals("approve"));
            case "set-policy" -> setPolicy(node, path);
            case "configure" -> configure(node, path);
            default -> throw new IllegalStateException("action=" + key);
        };
    }

    private Action update(final Node node, final String path)
    {
        final YamlReader.YamlMapping update = nodes.mapping(node, path, List.of("service", "to", "strategy",
            "policy", "tamper", "config"));
        final String service = nodes.text(update.required("service"), path + ".service", ScenarioParser::serviceName);
        final Node toNode = update.required("to");
        final BundleRef to = nodes.text(toNode, path + ".to", text -> BundleRef.parse(text, directory));
        if (references != null)
        {
            references.bundle(toNode, path + ".to", to);
        }
        final String module = modulesByService.getOrDefault(service, service);
        if (to.isCatalogueStem() && !to.stem().startsWith(module + "-"))
        {
            throw nodes.error(toNode, path + ".to", Quoted.quote(to.stem()) + " is a bundle of another module than "
                + module);
        }
        PolicyChange policy = update.optional("strategy")
            .map(n -> new PolicyChange(Map.of(PolicyKey.STRATEGY, policies.strategy(n, path + ".strategy"))))
            .orElse(PolicyChange.NONE);
        final Optional<Node> policyNode = update.optional("policy");
        if (policyNode.isPresent())
        {
            final YamlReader.YamlMapping mapping = nodes.mapping(policyNode.get(), path + ".policy",
                PolicyParser.keys());
            if (!policy.isEmpty() && mapping.optional(PolicyKey.STRATEGY.key()).isPresent())
            {
                throw nodes.error(mapping.optional(PolicyKey.STRATEGY.key()).get(), mapping.keyPath("strategy"),
                    "given twice (" + path + ".strategy too); keep one");
            }
            policy = policy.then(policies.policy(mapping, Set.of()));
        }
        final Action.Tamper tamper = update.optional("tamper").map(n -> Action.Tamper.valueOf(
            nodes.choice(n, path + ".tamper", TAMPERS).toUpperCase(Locale.ROOT))).orElse(Action.Tamper.NONE);
        final SortedMap<String, String> config = update.optional("config")
            .map(n -> configuration(n, path + ".config", yaml.anyMapping(n, path + ".config"), Set.of()))
            .orElse(new TreeMap<String, String>());
        return new Action.Update(service, to, policy, tamper, config);
    }

    private Action crash(final Node node, final String path)
    {
        final YamlReader.YamlMapping mapping = serviceMapping(node, path, List.of("service", "instance"));
        final Node serviceNode = mapping == null ? node : mapping.required("service");
        final String servicePath = mapping == null ? path : path + ".service";
        final String service = nodes.text(serviceNode, servicePath, text ->
            text.equals(Action.Crash.MODULE_MANAGER) ? text : serviceName(text));
        final Action.Crash.Instance instance = mapping == null ? Action.Crash.Instance.DEFAULT
            : mapping.optional("instance").map(n -> Action.Crash.Instance.valueOf(
            nodes.choice(n, path + ".instance", INSTANCES).toUpperCase(Locale.ROOT)))
            .orElse(Action.Crash.Instance.DEFAULT);
        if (service.equals(Action.Crash.MODULE_MANAGER) && instance != Action.Crash.Instance.DEFAULT)
        {
            throw nodes.error(mapping.required("instance"), path + ".instance", "the Module Manager has one"
                + " instance; leave instance out");
        }
        return new Action.Crash(service, instance);
    }

    /** The mapping form of an action that may also be written as its service alone; null for that form. */
    private YamlReader.YamlMapping serviceMapping(final Node node, final String path, final List<String> keys)
    {
        return nodes.isScalar(node) ? null : nodes.mapping(node, path, keys);
    }

    private String service(final Node node, final YamlReader.YamlMapping mapping, final String path)
    {
        return mapping == null ? nodes.text(node, path, ScenarioParser::serviceName)
            : nodes.text(mapping.required("service"), path + ".service", ScenarioParser::serviceName);
    }

    private Action setPolicy(final Node node, final String path)
    {
        final List<String> keys = Stream.concat(Stream.of("service"), PolicyParser.keys().stream()).toList();
        final YamlReader.YamlMapping mapping = nodes.mapping(node, path, keys);
        final String service = mapping.optional("service")
            .map(n -> nodes.text(n, path + ".service", ScenarioParser::serviceName)).orElse(null);
        final PolicyChange policy = policies.policy(mapping, Set.of("service"));
        if (policy.isEmpty())
        {
            throw nodes.error(node, path, "sets nothing (give at least one policy key, e.g. restart_on_crash: true)");
        }
        return new Action.SetPolicy(service, policy);
    }

    private Action configure(final Node node, final String path)
    {
        final YamlReader.YamlMapping mapping = yaml.anyMapping(node, path);
        final String service = nodes.text(mapping.required("service"), path + ".service", ScenarioParser::serviceName);
        return new Action.Configure(service, configuration(node, path, mapping, Set.of("service")));
    }

    /**
     * A configuration's values, every key of {@code mapping} but those in {@code skip}: a duration under a key
     * ending {@code _ns} is written as its nanoseconds, and a percentage as its plain decimal fraction
     * ({@code 6.2%}: {@code 0.062}), since a service reads plain numbers; any other value as written.
     */
    private SortedMap<String, String> configuration(final Node node, final String path,
        final YamlReader.YamlMapping mapping, final Set<String> skip)
    {
        final TreeMap<String, String> values = new TreeMap<>();
        for (final NodeTuple tuple : mapping.tuples())
        {
            final String key = ScenarioNodes.key(tuple);
            if (!skip.contains(key))
            {
                // Core-0's Configuration decides what a key and a value may be; the messages locate the fault.
                if (!isConfiguration(key, "0"))
                {
                    throw nodes.error(tuple.getKeyNode(), mapping.keyPath(key), "not a configuration key (lowercase"
                        + " words of letters, digits and _ joined by dots, e.g. fault.error_rate; at most "
                        + Configuration.KEY_LENGTH_MAX + " characters)");
                }
                final String value = configurationValue(key, nodes.anyScalar(tuple.getValueNode(),
                    mapping.keyPath(key)));
                if (!isConfiguration(key, value))
                {
                    throw nodes.error(tuple.getValueNode(), mapping.keyPath(key), Quoted.quote(value) + " is not a"
                        + " configuration value (printable ASCII without \" or \\, at most "
                        + Configuration.VALUE_LENGTH_MAX + " characters)");
                }
                values.put(key, value);
            }
        }
        if (values.isEmpty())
        {
            throw nodes.error(node, path, "sets nothing (give at least one key, e.g. fault.error_rate: 0.05)");
        }
        if (values.size() > Configuration.ENTRIES_MAX)
        {
            throw nodes.error(node, path, values.size() + " keys, at most " + Configuration.ENTRIES_MAX);
        }
        return values;
    }

    /** The value a service reads: a {@code _ns} key's duration in nanoseconds, a percentage as a fraction. */
    private static String configurationValue(final String key, final String written)
    {
        if (key.endsWith(NS_SUFFIX) && !written.isEmpty() && !Character.isDigit(written.charAt(written.length() - 1)))
        {
            try
            {
                return Long.toString(VirtualDuration.parseNs(written));
            }
            catch (final IllegalArgumentException notADuration)
            {
                return written;
            }
        }
        if (written.endsWith("%"))
        {
            try
            {
                Ratio.parsePercent(written);
                return new BigDecimal(written.substring(0, written.length() - 1)).movePointLeft(2)
                    .stripTrailingZeros().toPlainString();
            }
            catch (final IllegalArgumentException notAPercentage)
            {
                return written;
            }
        }
        return written;
    }

    private static boolean isConfiguration(final String key, final String value)
    {
        try
        {
            Configuration.builder(0).put(key, value);
            return true;
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    private Map<Cost, Long> costs(final Node node)
    {
        final YamlReader.YamlMapping mapping = nodes.mapping(node, "costs", COST_KEYS);
        final Map<Cost, Long> costs = new EnumMap<>(Cost.class);
        for (final NodeTuple tuple : mapping.tuples())
        {
            final String key = ScenarioNodes.key(tuple);
            final String path = mapping.keyPath(key);
            final Cost cost = Cost.byKey(key);
            final long value = cost.unit() == Cost.Unit.NANOSECONDS
                ? nodes.duration(tuple.getValueNode(), path, false)
                : nodes.integer(tuple.getValueNode(), path, 1, CostTable.VALUE_MAX);
            if (value > CostTable.VALUE_MAX)
            {
                throw nodes.error(tuple.getValueNode(), path, VirtualDuration.format(value) + " is above the cost"
                    + " table's bound of " + VirtualDuration.format(CostTable.VALUE_MAX));
            }
            costs.put(cost, value);
        }
        return costs;
    }

    private List<Expectation> expectations(final Node node)
    {
        final YamlReader.YamlMapping mapping = nodes.mapping(node, "expect", EXPECT_KEYS);
        final List<Expectation> expectations = new ArrayList<>();
        for (final NodeTuple tuple : mapping.tuples())
        {
            final String key = ScenarioNodes.key(tuple);
            final Node value = tuple.getValueNode();
            final String path = mapping.keyPath(key);
            final SourceLocation at = location(tuple.getKeyNode());
            switch (key)
            {
                case "outcome" -> perService(value, path, (serviceNode, servicePath, service, serviceAt) ->
                    expectations.add(new Expectation.Outcome(service, outcomes(serviceNode, servicePath),
                        serviceAt)));
                case "final_version" -> perService(value, path, (serviceNode, servicePath, service, serviceAt) ->
                    expectations.add(new Expectation.FinalVersion(service, nodes.text(serviceNode, servicePath,
                        text -> SemanticVersion.parse(text).toString()), serviceAt)));
                case "refusal" -> perService(value, path, (serviceNode, servicePath, service, serviceAt) ->
                    expectations.add(new Expectation.Refusal(service, refusals(serviceNode, servicePath),
                        serviceAt)));
                case "lost_connections", "rollbacks", "sandboxes_created", "min_concurrent_sandboxes",
                    "lost_writes" -> expectations.add(new Expectation.Count(
                    Expectation.CountKey.valueOf(key.toUpperCase(Locale.ROOT)),
                    nodes.integer(value, path, 0, Long.MAX_VALUE), at));
                case "max_error_rate" -> expectations.add(new Expectation.RatioLimit(
                    Expectation.RatioKey.MAX_ERROR_RATE, nodes.ratio(value, path), at));
                case "min_availability" -> expectations.add(new Expectation.RatioLimit(
                    Expectation.RatioKey.MIN_AVAILABILITY, nodes.ratio(value, path), at));
                case "max_latency_p50" -> expectations.add(new Expectation.DurationLimit(
                    Expectation.DurationKey.MAX_LATENCY_P50, nodes.duration(value, path, false), at));
                case "max_latency_p99" -> expectations.add(new Expectation.DurationLimit(
                    Expectation.DurationKey.MAX_LATENCY_P99, nodes.duration(value, path, false), at));
                case "max_downtime" -> expectations.add(new Expectation.DurationLimit(
                    Expectation.DurationKey.MAX_DOWNTIME, nodes.duration(value, path, false), at));
                case "alerts" -> alertCounts(value, path, expectations);
                case "decisions" -> expectations.add(new Expectation.Decisions(decisionItems(value, path), at));
                default -> throw new IllegalStateException("key=" + key);
            }
        }
        return expectations;
    }

    /** {@code {min: {P1: 1}, max: {P0: 0}}}: one expectation per bound and priority, in the file's order. */
    private void alertCounts(final Node node, final String path, final List<Expectation> expectations)
    {
        final YamlReader.YamlMapping bounds = nodes.mapping(node, path, ALERT_BOUNDS);
        for (final NodeTuple bound : bounds.tuples())
        {
            final String boundKey = ScenarioNodes.key(bound);
            final YamlReader.YamlMapping priorities = nodes.mapping(bound.getValueNode(), bounds.keyPath(boundKey),
                Expectation.AlertCount.PRIORITIES);
            for (final NodeTuple priority : priorities.tuples())
            {
                final String priorityKey = ScenarioNodes.key(priority);
                expectations.add(new Expectation.AlertCount("min".equals(boundKey), priorityKey,
                    nodes.integer(priority.getValueNode(), priorities.keyPath(priorityKey), 0, Long.MAX_VALUE),
                    location(priority.getKeyNode())));
            }
        }
    }

    /** {@code none}, or a non-empty list of rule names and actions. */
    private List<String> decisionItems(final Node node, final String path)
    {
        if (nodes.isScalar(node))
        {
            nodes.choice(node, path, List.of(Expectation.Decisions.NONE));
            return List.of();
        }
        final List<Node> items = nodes.sequence(node, path, STEPS_MAX);
        if (items.isEmpty())
        {
            throw nodes.error(node, path, "is empty (write none for no decision)");
        }
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++)
        {
            final String itemPath = path + "[" + i + "]";
            final String item = nodes.text(items.get(i), itemPath);
            if (!DECISION_ITEM.matcher(item).matches() || Expectation.Decisions.NONE.equals(item))
            {
                throw nodes.error(items.get(i), itemPath, "is not a rule name or an action (lower case, such as "
                    + "crashes-3-in-5m or rollback_full): " + item);
            }
            names.add(item);
        }
        return names;
    }

    /** What is done with one service's entry of a per-service mapping. */
    @FunctionalInterface
    private interface ServiceEntry
    {
        void accept(Node value, String path, String service, SourceLocation at);
    }

    private void perService(final Node node, final String path, final ServiceEntry entry)
    {
        final YamlReader.YamlMapping mapping = yaml.anyMapping(node, path);
        for (final NodeTuple tuple : mapping.tuples())
        {
            final String service = ScenarioNodes.key(tuple);
            final String servicePath = mapping.keyPath(service);
            nodes.checkedKey(tuple, servicePath, ScenarioParser::serviceName);
            entry.accept(tuple.getValueNode(), servicePath, service, location(tuple.getKeyNode()));
        }
    }

    /** {@code completed}, or a list of outcomes, one per update of the service. */
    private List<UpdateOutcome> outcomes(final Node node, final String path)
    {
        if (nodes.isScalar(node))
        {
            return List.of(outcome(node, path));
        }
        final List<Node> items = nodes.sequence(node, path, STEPS_MAX);
        if (items.isEmpty())
        {
            throw nodes.error(node, path, "is empty (give one outcome per update of the service)");
        }
        final List<UpdateOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++)
        {
            outcomes.add(outcome(items.get(i), path + "[" + i + "]"));
        }
        return outcomes;
    }

    /** {@code quiescence_timeout}, or a list of reasons, one per update of the service. */
    private List<String> refusals(final Node node, final String path)
    {
        if (nodes.isScalar(node))
        {
            return List.of(nodes.choice(node, path, REFUSALS));
        }
        final List<Node> items = nodes.sequence(node, path, STEPS_MAX);
        if (items.isEmpty())
        {
            throw nodes.error(node, path, "is empty (give one reason per update of the service)");
        }
        final List<String> reasons = new ArrayList<>();
        for (int i = 0; i < items.size(); i++)
        {
            reasons.add(nodes.choice(items.get(i), path + "[" + i + "]", REFUSALS));
        }
        return reasons;
    }

    private UpdateOutcome outcome(final Node node, final String path)
    {
        return UpdateOutcome.valueOf(nodes.choice(node, path, OUTCOMES).toUpperCase(Locale.ROOT));
    }

    private Path trust(final Node node)
    {
        final Path file = nodes.text(node, "trust", this::path);
        if (references != null)
        {
            references.trust(node, "trust", file);
        }
        return file;
    }

    private Path path(final String text)
    {
        if (text.isEmpty())
        {
            throw new IllegalArgumentException("is empty (give the path of a PEM file)");
        }
        final Path path = Path.of(text);
        return directory == null || path.isAbsolute() ? path : directory.resolve(path);
    }

    private SourceLocation location(final Node node)
    {
        return node.getStartMark().map(mark -> new SourceLocation(source, mark.getLine() + 1, mark.getColumn() + 1))
            .orElse(new SourceLocation(source, 1, 1));
    }

    private static String scenarioName(final String text)
    {
        if (!NAME.matcher(text).matches())
        {
            throw new IllegalArgumentException(Quoted.quote(text) + " is not a scenario name (lowercase letters,"
                + " digits and '-', at most " + NAME_LENGTH_MAX + " characters)");
        }
        return text;
    }

    private static String serviceName(final String text)
    {
        if (!SERVICE.matcher(text).matches())
        {
            throw new IllegalArgumentException(Quoted.quote(text) + " is not a service name (lowercase letters,"
                + " digits, '_' and '-', starting with a letter, at most 64 characters)");
        }
        return text;
    }
}
