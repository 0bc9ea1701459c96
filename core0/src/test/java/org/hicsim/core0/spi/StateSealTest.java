package org.hicsim.core0.spi;

import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StateSealTest
{
    private static final byte[] GLOBAL = {1, 2, 3, 4};
    private static final byte[] RECORD = {5, 6, 7};

    private static StateSnapshot exported(final byte[] global, final byte[] record, final long connectionId)
    {
        return StateSnapshot.builder(2)
            .global(global, 0, global.length)
            .connection(new ConnectionState(connectionId, ConnectionClass.HIGH, record, record.length))
            .build();
    }

    @Test
    void shouldMatchTheSnapshotItWasComputedFor()
    {
        final StateSnapshot snapshot = exported(GLOBAL, RECORD, 9);

        assertNull(snapshot.seal().mismatch(snapshot));
    }

    @Test
    void shouldBeTheCrc32OfTheGlobalPart()
    {
        final CRC32 crc = new CRC32();
        crc.update(GLOBAL, 0, GLOBAL.length);

        assertEquals((int)crc.getValue(), exported(GLOBAL, RECORD, 9).seal().globalCrc32());
    }

    @Test
    void shouldNameTheGlobalPartChangedAfterTheSeal()
    {
        final StateSnapshot sealed = exported(GLOBAL, RECORD, 9);
        final byte[] flipped = GLOBAL.clone();
        flipped[2] ^= 1;

        final StateSnapshot changed = StateSnapshot.builder(2).global(flipped, 0, flipped.length)
            .connection(sealed.connections().get(0)).sealedAs(sealed).build();

        assertEquals(StateSeal.GLOBAL, changed.seal().mismatch(changed));
    }

    @Test
    void shouldNameTheConnectionsWhenARecordOrAnIdChangedAfterTheSeal()
    {
        final StateSnapshot sealed = exported(GLOBAL, RECORD, 9);
        final byte[] flipped = RECORD.clone();
        flipped[0] ^= (byte)0x80;

        final StateSnapshot recordChanged = StateSnapshot.builder(2).global(GLOBAL, 0, GLOBAL.length)
            .connection(new ConnectionState(9, ConnectionClass.HIGH, flipped, flipped.length)).sealedAs(sealed)
            .build();
        final StateSnapshot idChanged = StateSnapshot.builder(2).global(GLOBAL, 0, GLOBAL.length)
            .connection(new ConnectionState(10, ConnectionClass.HIGH, RECORD, RECORD.length)).sealedAs(sealed)
            .build();

        assertEquals(StateSeal.CONNECTIONS, recordChanged.seal().mismatch(recordChanged));
        assertEquals(StateSeal.CONNECTIONS, idChanged.seal().mismatch(idChanged));
    }

    @Test
    void shouldLeaveEqualityToTheStateWhateverTheSealSays()
    {
        final StateSnapshot sealed = exported(GLOBAL, RECORD, 9);
        final StateSnapshot other = exported(new byte[]{0}, RECORD, 9);
        final StateSnapshot sameStateOtherSeal = StateSnapshot.builder(2).global(GLOBAL, 0, GLOBAL.length)
            .connection(sealed.connections().get(0)).sealedAs(other).build();

        assertEquals(sealed, sameStateOtherSeal);
        assertNotEquals(sealed.seal().globalCrc32(), sameStateOtherSeal.seal().globalCrc32());
    }
}
