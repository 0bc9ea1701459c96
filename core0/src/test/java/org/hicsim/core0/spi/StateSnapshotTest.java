package org.hicsim.core0.spi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StateSnapshotTest
{
    @Test
    void shouldNotSeeLaterChangesToTheArraysItWasBuiltFrom()
    {
        final byte[] global = {1, 2, 3};
        final byte[] record = {4, 5};
        final StateSnapshot snapshot = StateSnapshot.builder(2)
            .global(global, 0, global.length)
            .connection(new ConnectionState(7, ConnectionClass.HIGH, record, record.length))
            .build();

        global[0] = 9;
        record[0] = 9;

        final byte[] globalCopy = new byte[snapshot.globalLength()];
        snapshot.copyGlobal(globalCopy, 0);
        assertArrayEquals(new byte[]{1, 2, 3}, globalCopy);
        final byte[] recordCopy = new byte[snapshot.connections().get(0).length()];
        snapshot.connections().get(0).copyRecord(recordCopy, 0);
        assertArrayEquals(new byte[]{4, 5}, recordCopy);
    }

    @Test
    void shouldKeepConnectionsInTheOrderAdded()
    {
        final StateSnapshot.Builder builder = StateSnapshot.builder(1);
        for (long id = 10; id > 0; id--)
        {
            builder.connection(new ConnectionState(id, ConnectionClass.IDLE, new byte[0], 0));
        }

        final StateSnapshot snapshot = builder.build();

        assertEquals(10, snapshot.connections().get(0).connectionId());
        assertEquals(1, snapshot.connections().get(9).connectionId());
        assertThrows(UnsupportedOperationException.class, () -> snapshot.connections().clear());
    }

    @Test
    void shouldRefuseConnectionStateLongerThanHicAllows()
    {
        final byte[] record = new byte[ConnectionState.LENGTH_MAX + 1];

        assertThrows(IllegalArgumentException.class,
            () -> new ConnectionState(1, ConnectionClass.LOW, record, record.length));
    }

    @Test
    void shouldRefuseNegativeStateVersion()
    {
        assertThrows(IllegalArgumentException.class, () -> StateSnapshot.builder(-1));
    }
}
