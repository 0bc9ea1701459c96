package org.hicsim.core0.spi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SpiValuesTest
{
    @Test
    void connectionClassCodeShouldRoundTrip()
    {
        for (final ConnectionClass connectionClass : ConnectionClass.values())
        {
            assertEquals(connectionClass, ConnectionClass.fromCode(connectionClass.code()));
        }
        assertThrows(IllegalArgumentException.class, () -> ConnectionClass.fromCode(ConnectionClass.values().length));
    }

    @Test
    void migrationContextShouldRefuseProtocolOutsideTheManifestRange()
    {
        assertThrows(IllegalArgumentException.class, () -> new MigrationContext(256, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MigrationContext(1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MigrationContext(1, 3, -1));
    }

    @Test
    void statusNameShouldTellServiceCodesFromUndefinedOnes()
    {
        assertEquals("STATE_CORRUPT", Status.name(Status.STATE_CORRUPT));
        assertEquals("SERVICE(" + Status.SERVICE_BASE + ")", Status.name(Status.SERVICE_BASE));
        assertEquals("UNDEFINED(1)", Status.name(1));
        assertEquals("SHARED(-950)", Status.name(-950));
        assertEquals("CAPABILITY(-101)", Status.name(-101));
    }

    @Test
    void healthReportShouldRefuseNegativeFigures()
    {
        final HealthReport report = new HealthReport();

        assertThrows(IllegalArgumentException.class, () -> report.memoryInUseBytes(-1));
        assertThrows(IllegalArgumentException.class, () -> report.connections(-1));
        assertThrows(IllegalArgumentException.class, () -> report.health(null));
    }
}
