package org.hicsim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.KernelConfig;
import org.hicsim.core0.sandbox.SandboxSpec;
import org.hicsim.core0.sim.TraceSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunOutputsTest
{
    private static final List<String> WRITTEN = List.of(RunOutputs.RESULT_JSON, RunOutputs.METRICS_CSV,
        RunOutputs.TRACE_JSON, RunOutputs.REPORT_HTML);

    @TempDir
    Path directory;

    @Test
    void shouldWriteByteIdenticalFilesForTheSameRecord() throws IOException
    {
        final Path first = directory.resolve("first");
        final Path second = directory.resolve("second");
        RunOutputs.write(first, RunFixture.record(), RunFixture.series(), RunFixture.flows(),
            RunFixture.REPLAY);
        RunOutputs.write(second, RunFixture.record(), RunFixture.series(), RunFixture.flows(),
            RunFixture.REPLAY);
        for (final String file : WRITTEN)
        {
            assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)), file);
        }
    }

    @Test
    void shouldThrowWhatTheSecondWriterMetAndStillWriteTheFirstWritersFiles() throws IOException
    {
        Files.createDirectories(directory.resolve(RunOutputs.TRACE_JSON));
        assertThrows(IOException.class,
            () -> RunOutputs.write(directory, RunFixture.record(), RunFixture.series(), RunFixture.flows(),
            RunFixture.REPLAY));
        assertTrue(Files.isRegularFile(directory.resolve(RunOutputs.RESULT_JSON)));
        assertTrue(Files.isRegularFile(directory.resolve(RunOutputs.REPORT_HTML)));
    }

    @Test
    void shouldPutRunsUnderRunsNamedByScenarioAndSeed()
    {
        assertEquals(Path.of("base", "runs", "netstack-rolling-update-42"),
            RunOutputs.defaultDirectory(Path.of("base"), "netstack-rolling-update", 42));
    }

    @Test
    void shouldWriteATraceWhoseSha256sumIsTheDigestTheKernelPrints() throws IOException, InterruptedException
    {
        final String digest;
        try (TraceFile trace = RunOutputs.openTrace(directory.resolve("run")))
        {
            final Kernel kernel = new Kernel(KernelConfig.withSeed(3), trace);
            kernel.sandboxes().create(SandboxSpec.privileged("netstack-v1.2.0", 1 << 20, 20));
            kernel.simulation().runUntil(1_000_000);
            digest = kernel.simulation().trace().sha256Hex();
        }
        final Process sha256sum = new ProcessBuilder("sha256sum", RunOutputs.TRACE_TXT)
            .directory(directory.resolve("run").toFile()).redirectErrorStream(true).start();
        assertTrue(sha256sum.waitFor(30, TimeUnit.SECONDS));
        final String printed = new String(sha256sum.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(digest + "  " + RunOutputs.TRACE_TXT, printed.strip());
    }

    @Test
    void shouldLoadNothingFromOutsideThePage() throws IOException
    {
        RunOutputs.write(directory, RunFixture.record(), RunFixture.series(), RunFixture.flows(),
            RunFixture.REPLAY);
        final String page = Files.readString(directory.resolve(RunOutputs.REPORT_HTML), StandardCharsets.UTF_8);
        for (final String reference : List.of(" src=", " href=", "<link", "@import", "url(", "<iframe", "fetch(",
            "XMLHttpRequest", "http://", "https://", "//github.com"))
        {
            assertFalse(page.contains(reference), "report.html holds " + reference);
        }
        assertTrue(page.contains("uPlot"), "the chart library is inlined");
    }
}
