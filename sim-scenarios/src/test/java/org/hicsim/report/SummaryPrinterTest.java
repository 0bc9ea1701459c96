package org.hicsim.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryPrinterTest
{
    private static String summary(final RunRecord record)
    {
        final StringWriter text = new StringWriter();
        SummaryPrinter.print(record, ReplayCommand.of("hic", RunFixture.SCENARIO, record.seed()), new PrintWriter(text));
        return text.toString();
    }

    private static List<String> lines(final RunRecord record)
    {
        return summary(record).lines().toList();
    }

    @Test
    void shouldEndWithTheTraceDigest()
    {
        for (final RunRecord record : List.of(RunFixture.record(), RunFixture.failingRecord()))
        {
            final List<String> lines = lines(record);
            assertEquals("trace sha256: " + RunFixture.TRACE_SHA256, lines.get(lines.size() - 1));
        }
    }

    @Test
    void shouldNameTheFailedExpectationsAndTheCommandThatReplaysTheRun()
    {
        final List<String> lines = lines(RunFixture.failingRecord());
        assertTrue(lines.get(0).contains("FAILED (2 of 4 expectations held)"), lines.get(0));
        assertTrue(lines.contains("failed: max_error_rate, rollbacks"), String.join("\n", lines));
        assertTrue(lines.contains("replay: hic run netstack-rolling-update --seed 42"), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.matches(
            " +FAILED +max_error_rate +expected <= 0\\.01% +actual 0\\.042%")), String.join("\n", lines));
    }

    @Test
    void shouldPrintNoReplayLineWhenEveryExpectationHeld()
    {
        final String text = summary(RunFixture.record());
        assertTrue(text.startsWith("netstack-rolling-update  seed 42  PASSED (6 of 6 expectations held)"), text);
        assertFalse(text.contains("replay:"), text);
        assertFalse(text.contains("FAILED"), text);
    }

    @Test
    void shouldShowEachPhaseWithItsVirtualTimes()
    {
        final List<String> lines = lines(RunFixture.record());
        assertTrue(lines.stream().anyMatch(line -> line.matches(" +migration +10\\.4s +13\\.8s +3\\.4s")),
            String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.matches(
            " +connections +1000: migrated 1000, failed 0, rebuilt 0, lost 0")), String.join("\n", lines));
    }

    @Test
    void shouldSayNoRequestsRatherThanAnAvailabilityWhenNoClientSentAny()
    {
        final RunRecord record = RunFixture.record();
        final RunRecord.Update answered = record.updates().get(1);
        final RunRecord.Update quiet = new RunRecord.Update(answered.service(), answered.from(), answered.to(),
            answered.outcome(), answered.phases(), answered.waves(), answered.connections(), answered.downtimeNs(),
            answered.switchoverNs(), 0, 0, answered.latencyNs(), null);
        final String text = summary(new RunRecord(record.scenario(), record.seed(), record.passed(),
            record.traceSha256(), record.expectations(), record.finalVersions(), record.provenance(), List.of(quiet),
            List.of(), List.of(), List.of()));
        assertTrue(text.lines().anyMatch(line -> line.matches(" +availability +no requests during the update")), text);
        assertFalse(text.contains("error rate"), text);
    }

    @Test
    void shouldSayWhatARollbackAbandonedOnlyWhenItAbandonedSomething()
    {
        final RunRecord record = RunFixture.record();
        final RunRecord.Rollback none = new RunRecord.Rollback("netstack", "emergency", "CRC32 mismatch",
            26_000_000_000L, 0);
        final String text = summary(new RunRecord(record.scenario(), record.seed(), record.passed(),
            record.traceSha256(), record.expectations(), record.finalVersions(), record.provenance(), List.of(),
            List.of(none, none.withAbandoned(100)), List.of(), List.of()));
        final List<String> rollbacks = text.lines().filter(line -> line.contains("CRC32 mismatch")).toList();
        assertEquals(2, rollbacks.size(), text);
        assertTrue(rollbacks.get(0).endsWith("CRC32 mismatch"), rollbacks.get(0));
        assertTrue(rollbacks.get(1).endsWith("CRC32 mismatch (abandoned 100, their clients reconnect)"),
            rollbacks.get(1));
    }

    @Test
    void shouldPrintTheFixtureRunExactlyAsBefore() throws IOException
    {
        try (InputStream expected = getClass().getResourceAsStream("summary-failing-run.txt"))
        {
            assertEquals(new String(expected.readAllBytes(), StandardCharsets.UTF_8), summary(RunFixture.failingRecord()));
        }
    }
}
