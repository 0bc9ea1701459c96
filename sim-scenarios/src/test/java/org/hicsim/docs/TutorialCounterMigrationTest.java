package org.hicsim.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import org.hicsim.cli.TestBundles;
import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.sim.TraceSink;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.hicmod.pki.VerifiedBundle;
import org.hicsim.host.Grants;
import org.hicsim.host.ServiceHost;
import org.hicsim.host.ServiceInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counter service of {@code docs/writing-a-service.md}, taken from the document's own source blocks, does
 * what the tutorial says of its migration half: a new instance that imports the old one's export serves the same
 * counters, and what it cannot read or write it refuses. The constants come from the compiled tutorial classes.
 */
class TutorialCounterMigrationTest
{
    private static final String ENTRY = "org.example.counter.Counter";
    private static final String DESCRIPTOR = "org.example.counter.CounterTableDescriptor";
    private static final String MANIFEST_FILE = WritingAServiceDocTest.WORK_DIRECTORY + "counter.yaml";
    private static final List<String> SOURCES = List.of(
        WritingAServiceDocTest.WORK_DIRECTORY + "src/org/example/counter/CounterTableDescriptor.java",
        WritingAServiceDocTest.WORK_DIRECTORY + "src/org/example/counter/Counter.java");

    @TempDir
    static Path classes;

    private static VerifiedBundle bundle;
    private static int add;
    private static int get;
    private static int stateVersion;
    private static int slotLength;

    @BeforeAll
    static void compileTheTutorialsCounter() throws Exception
    {
        final Path repository = WritingAServiceDocTest.repositoryRoot();
        String manifest = null;
        final List<String> sources = new ArrayList<>();
        for (final Fence fence : Fence.read(repository.resolve(WritingAServiceDocTest.DOCUMENT)))
        {
            if (fence.file() != null && SOURCES.contains(fence.file()))
            {
                final Path source = Files.createDirectories(classes.resolve("src"))
                    .resolve(Path.of(fence.file()).getFileName());
                sources.add(Files.writeString(source, fence.text()).toString());
            }
            else if (MANIFEST_FILE.equals(fence.file()))
            {
                manifest = fence.text();
            }
        }
        assertEquals(SOURCES.size(), sources.size(), "the document's sources: " + SOURCES);
        final List<String> javacArgs = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(),
            "-cp", repository.resolve("core0/target/classes").toString()));
        javacArgs.addAll(sources);
        final StringWriter errors = new StringWriter();
        assertEquals(0, ToolProvider.findFirst("javac").orElseThrow()
            .run(new PrintWriter(errors), new PrintWriter(errors), javacArgs.toArray(String[]::new)), errors::toString);

        bundle = TestBundles.verified(TestBundles.signed(manifest, TestBundles.jar(classFiles())));
        try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
            TutorialCounterMigrationTest.class.getClassLoader()))
        {
            final Class<?> counter = loader.loadClass(ENTRY);
            add = counter.getField("ADD").getInt(null);
            get = counter.getField("GET").getInt(null);
            stateVersion = counter.getField("STATE_VERSION").getInt(null);
            slotLength = loader.loadClass(DESCRIPTOR).getField("SLOT_LENGTH").getInt(null);
        }
    }

    @Test
    void newInstanceServesTheCountersTheOldOneExported()
    {
        final ServiceInstance old = load();
        send(old, add, 5, "visits");
        send(old, add, 2, "visits");
        send(old, add, -3, "errors");
        final MigrationContext migration = new MigrationContext(1, 0, stateVersion);

        final ServiceInstance next = load();
        assertEquals(Status.OK, next.importState(old.exportState(migration), migration));

        assertEquals(7, send(next, get, 0, "visits").argument(0));
        assertEquals(-3, send(next, get, 0, "errors").argument(0));
        assertEquals(8, send(next, add, 1, "visits").argument(0));
    }

    @Test
    void addsAreTheNewVersionsOnceExportedAtTheConsistencyPointAndTheOldOnesAgainAfterAnAbort()
    {
        final ServiceInstance old = load();
        send(old, add, 5, "visits");
        final MigrationContext migration = new MigrationContext(1, 0, stateVersion);
        final ServiceInstance next = load();

        assertTrue(old.prepareMigration(Quiescence.WORK_FREE));
        assertEquals(Status.OK, next.importState(old.exportState(migration), migration));

        assertEquals(Status.MIGRATED, request(old, add, 1, "visits").status());
        assertEquals(5, send(old, get, 0, "visits").argument(0));
        assertEquals(6, send(next, add, 1, "visits").argument(0));
        assertEquals(Status.OK, old.abortMigration());
        assertEquals(6, send(old, add, 1, "visits").argument(0));
    }

    @Test
    void anExportNothingPreparedChangesNothing()
    {
        final ServiceInstance instance = load();
        send(instance, add, 2, "visits");

        instance.exportState(new MigrationContext(1, 0, stateVersion));

        assertEquals(3, send(instance, add, 1, "visits").argument(0));
    }

    @Test
    void exportWritesNothingForAStateVersionItCannotWrite()
    {
        final ServiceInstance instance = load();
        send(instance, add, 1, "visits");

        assertNull(instance.exportState(new MigrationContext(1, 0, stateVersion + 1)));
        assertTrue(instance.isAlive());
    }

    @Test
    void importRefusesASnapshotThatIsNotWholeSlotsAndKeepsItsOwnCounters()
    {
        final ServiceInstance instance = load();
        send(instance, add, 4, "visits");
        final StateSnapshot torn = StateSnapshot.builder(stateVersion)
            .global(new byte[slotLength + 1], 0, slotLength + 1).build();

        assertEquals(Status.STATE_CORRUPT, instance.importState(torn, new MigrationContext(1, 0, stateVersion)));
        assertEquals(4, send(instance, get, 0, "visits").argument(0));
    }

    @Test
    void importRefusesAnotherStateVersion()
    {
        final StateSnapshot later = StateSnapshot.builder(stateVersion + 1).build();

        assertEquals(Status.STATE_VERSION_UNSUPPORTED,
            load().importState(later, new MigrationContext(1, 0, stateVersion)));
    }

    /** Each instance in a kernel of its own, as two versions would be on two machines: one name each. */
    private static ServiceInstance load()
    {
        final ServiceInstance instance = new ServiceHost(new Kernel(KernelConfig.withSeed(1), TraceSink.NONE))
            .load(bundle, "counter", Grants.none());
        assertTrue(instance.isAlive());
        return instance;
    }

    private static Message send(final ServiceInstance instance, final int operation, final long argument,
        final String name)
    {
        final Message reply = request(instance, operation, argument, name);
        assertEquals(Status.OK, reply.status(), reply::toString);
        return reply;
    }

    private static Message request(final ServiceInstance instance, final int operation, final long argument,
        final String name)
    {
        final byte[] payload = name.getBytes(StandardCharsets.US_ASCII);
        final Message request = new Message().operation(operation).argument(0, argument)
            .payload(payload, 0, payload.length);
        final Message reply = new Message();
        assertEquals(Status.OK, instance.handle(request, reply));
        return reply;
    }

    private static Map<String, byte[]> classFiles() throws IOException
    {
        final Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(classes))
        {
            for (final Path file : paths.filter(path -> path.toString().endsWith(".class")).toList())
            {
                files.put(classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
