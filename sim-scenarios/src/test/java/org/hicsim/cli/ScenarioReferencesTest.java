package org.hicsim.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.hicsim.cli.sample.Echo;
import org.hicsim.scenario.Action;
import org.hicsim.scenario.BundleRef;
import org.hicsim.scenario.Scenario;
import org.hicsim.scenario.ScenarioFormatException;
import org.hicsim.scenario.ScenarioLibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A scenario file's references to other files and to the catalogue are checked when it is read for a command: a
 * bundle file, a trust root or a catalogue stem that is not there is the user's mistake, refused at its key with
 * exit 2 ({@code file:line:column: key: reason}) by {@code hic validate} and {@code hic run} alike, never an
 * internal error of the run.
 */
class ScenarioReferencesTest
{
    private static final String HEAD = "format_version: 1\nname: mine\nduration: 1m\n";
    private static final String MANIFEST = String.join("\n", "name: echo", "version: 1.0.0",
        "uuid: 0b5d7c1e-2f3a-4b6c-8d9e-1a2b3c4d5e6f", "entry: " + Echo.class.getName(), "resources:",
        "  memory: " + Echo.MEMORY_BYTES_MIN, "  cpu_quota: 5%", "");

    @TempDir
    Path directory;

    private Path catalogue;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeCatalogue() throws IOException
    {
        catalogue = Files.createDirectories(directory.resolve("catalogue"));
        Files.write(catalogue.resolve("echo-1.0.0.hicmod"), TestBundles.signed(MANIFEST, TestBundles.jarOf(Echo.class)));
        Files.write(directory.resolve("echo-2.0.0.hicmod"), TestBundles.signed(MANIFEST.replace("1.0.0", "2.0.0"),
            TestBundles.jarOf(Echo.class)));
        TestBundles.writeTrustRoot(directory.resolve("root-ca.pem"));
        Files.writeString(directory.resolve("garbage.hicmod"), "garbage\n");
        Files.writeString(directory.resolve("garbage.pem"), "garbage\n");
    }

    private Path write(final String yaml) throws IOException
    {
        return Files.writeString(directory.resolve("mine.yaml"), HEAD + yaml);
    }

    private String refusal(final String yaml) throws IOException
    {
        final Path file = write(yaml);
        return assertThrows(ScenarioFormatException.class, () -> ScenarioLibrary.load(file.toString(), catalogue))
            .getMessage().substring(file.toString().length());
    }

    private int hic(final String... args)
    {
        return HicConsole.run(out, err, args);
    }

    @Test
    void shouldAcceptBundlesAndATrustRootThatAreThere() throws IOException
    {
        final Path file = write("trust: root-ca.pem\ninstall: [echo-1.0.0]\nsteps:\n"
            + "  - {at: 1s, update: {service: echo, to: echo-2.0.0.hicmod}}\n");

        final Scenario scenario = ScenarioLibrary.load(file.toString(), catalogue);

        assertEquals(new BundleRef(null, directory.resolve("echo-2.0.0.hicmod")),
            ((Action.Update)scenario.steps().get(0).action()).to());
        assertEquals(Optional.of(directory.resolve("root-ca.pem")), scenario.trust());
    }

    @Test
    void shouldAcceptAStemThatABundleFileOfTheScenarioProvides() throws IOException
    {
        final Path file = write("install: [echo-2.0.0.hicmod, {bundle: echo-2.0.0, as: echo-b}]\n");

        assertEquals(2, ScenarioLibrary.load(file.toString(), catalogue).install().size());
    }

    @Test
    void shouldAcceptABundleWhoseBytesWereChangedForTheModuleManagerRefusesIt() throws IOException
    {
        final byte[] bundle = Files.readAllBytes(directory.resolve("echo-2.0.0.hicmod"));
        bundle[bundle.length / 2] ^= 1;
        Files.write(directory.resolve("changed.hicmod"), bundle);
        final Path file = write("install: [changed.hicmod]\n");

        assertEquals(1, ScenarioLibrary.load(file.toString(), catalogue).install().size());
    }

    @Test
    void shouldRefuseAnInstalledBundleFileThatIsNotThereAtItsEntry() throws IOException
    {
        assertEquals(":4:11: install[0]: " + directory.resolve("gone/echo.hicmod") + ": cannot read (no such file or"
            + " directory)", refusal("install: [gone/echo.hicmod]\n"));
        assertEquals(":4:20: install[0].bundle: " + directory.resolve("gone.hicmod") + ": cannot read (no such file"
            + " or directory)", refusal("install: [{bundle: gone.hicmod, as: other}]\n"));
    }

    @Test
    void shouldRefuseABundleFileThatIsNoBundleAtItsEntry() throws IOException
    {
        assertEquals(":4:11: install[0]: " + directory.resolve("garbage.hicmod") + ": header: file is 8 bytes,"
            + " shorter than the 40-byte header", refusal("install: [garbage.hicmod]\n"));
    }

    @Test
    void shouldRefuseAnUpdateToABundleFileThatIsNotThereAtItsTo() throws IOException
    {
        assertEquals(":6:42: steps[0].update.to: " + directory.resolve("gone.hicmod") + ": cannot read (no such file or"
            + " directory)", refusal("install: [echo-1.0.0]\nsteps:\n  - {at: 1s, update: {service: echo, to:"
            + " gone.hicmod}}\n"));
    }

    @Test
    void shouldRefuseAStemTheCatalogueDoesNotHoldWithTheNearestOne() throws IOException
    {
        assertEquals(":4:11: install[0]: 'echo-1.0.1' is not in the catalogue (" + catalogue + ", which 'hic"
            + " services' lists); did you mean 'echo-1.0.0'?", refusal("install: [echo-1.0.1]\n"));
        assertEquals(":4:20: install[0].bundle: 'netstack-1.2.0' is not in the catalogue (" + catalogue + ", which"
            + " 'hic services' lists)", refusal("install: [{bundle: netstack-1.2.0, as: net}]\n"));
    }

    @Test
    void shouldRefuseATrustRootThatIsNotThereOrHoldsNoCertificateAtItsKey() throws IOException
    {
        assertEquals(":4:8: trust: " + directory.resolve("gone.pem") + ": cannot read: no such file or directory",
            refusal("trust: gone.pem\n"));
        assertEquals(":4:8: trust: " + directory.resolve("garbage.pem") + ": no PEM CERTIFICATE block",
            refusal("trust: garbage.pem\n"));
    }

    @Test
    void shouldExitTwoFromValidateAndRunForABundleFileThatIsNotThere() throws IOException
    {
        final Path file = write("install: [gone.hicmod]\n");
        final String message = file + ":4:11: install[0]: " + directory.resolve("gone.hicmod") + ": cannot read (no"
            + " such file or directory)\n";

        assertEquals(ExitCodes.USAGE, hic("validate", file.toString()));
        assertEquals(ExitCodes.USAGE, hic("run", file.toString(), "--quiet", "--out", directory.resolve("out")
            .toString()));

        assertEquals("hic validate: " + message + "hic run: " + message, err.toString());
        assertEquals("", out.toString());
    }
}
