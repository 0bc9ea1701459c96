package org.hicsim.host;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import org.hicsim.hicmod.Manifest;
import org.hicsim.hicmod.ProtocolVersion;
import org.hicsim.host.sample.EchoService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationHandshakeTest
{
    private static final int OLD_STATE_VERSION = 1;
    private static final int NEW_STATE_VERSION = 2;

    @Test
    void shouldAgreeOnHighestProtocolBothSpeakAsInTheHicExample()
    {
        final MigrationHandshake handshake = MigrationHandshake.negotiate(
            manifest(OLD_STATE_VERSION, "1.2", "1.3"), manifest(NEW_STATE_VERSION, "1.3", "1.4"));

        final AgreedProtocol agreed = assertInstanceOf(AgreedProtocol.class, handshake);
        assertEquals(ProtocolVersion.parse("1.3"), agreed.protocol());
    }

    @Test
    void shouldCarryTheSnapshotInTheLowerStateVersionOnUpgradeAndRollback()
    {
        final AgreedProtocol upgrade = (AgreedProtocol)MigrationHandshake.negotiate(
            manifest(OLD_STATE_VERSION, "1.3"), manifest(NEW_STATE_VERSION, "1.3"));
        final AgreedProtocol rollback = (AgreedProtocol)MigrationHandshake.negotiate(
            manifest(NEW_STATE_VERSION, "1.3"), manifest(OLD_STATE_VERSION, "1.3"));

        assertEquals(OLD_STATE_VERSION, upgrade.context().snapshotStateVersion());
        assertEquals(OLD_STATE_VERSION, rollback.context().snapshotStateVersion());
        assertEquals(1, upgrade.context().protocolMajor());
        assertEquals(3, rollback.context().protocolMinor());
    }

    @Test
    void shouldFindNoCommonProtocolBetweenDisjointLists()
    {
        final MigrationHandshake handshake = MigrationHandshake.negotiate(
            manifest(OLD_STATE_VERSION, "1.2"), manifest(NEW_STATE_VERSION, "2.0"));

        final NoCommonProtocol none = assertInstanceOf(NoCommonProtocol.class, handshake);
        assertEquals(List.of(ProtocolVersion.parse("1.2")), none.exporterProtocols());
        assertEquals(List.of(ProtocolVersion.parse("2.0")), none.importerProtocols());
    }

    @Test
    void shouldFindNoCommonProtocolWhenOneCannotMigrate()
    {
        final Manifest cannotMigrate = TestModule.of("echo", EchoService.class).manifest();

        assertInstanceOf(NoCommonProtocol.class,
            MigrationHandshake.negotiate(cannotMigrate, manifest(NEW_STATE_VERSION, "1.3")));
    }

    @Property(tries = 200)
    void shouldAgreeOnTheHighestCommonVersionExactlyWhenOneExists(
        @ForAll @Size(min = 1, max = 6) final Set<@IntRange(min = 0, max = 9) Integer> exporterMinors,
        @ForAll @Size(min = 1, max = 6) final Set<@IntRange(min = 0, max = 9) Integer> importerMinors)
    {
        final TreeSet<Integer> common = new TreeSet<>(exporterMinors);
        common.retainAll(importerMinors);

        final MigrationHandshake handshake = MigrationHandshake.negotiate(
            manifest(OLD_STATE_VERSION, protocols(exporterMinors)),
            manifest(NEW_STATE_VERSION, protocols(importerMinors)));

        if (common.isEmpty())
        {
            assertInstanceOf(NoCommonProtocol.class, handshake);
        }
        else
        {
            assertTrue(handshake instanceof AgreedProtocol agreed
                && agreed.protocol().equals(ProtocolVersion.parse("1." + common.last())), handshake::toString);
        }
    }

    private static String[] protocols(final Set<Integer> minors)
    {
        return minors.stream().map(minor -> "1." + minor).toArray(String[]::new);
    }

    private static Manifest manifest(final int stateVersion, final String... protocols)
    {
        return TestModule.of("echo", EchoService.class).migration(stateVersion, protocols).manifest();
    }
}
