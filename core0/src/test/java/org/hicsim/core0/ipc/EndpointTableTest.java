package org.hicsim.core0.ipc;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.hicsim.core0.sim.Simulation;
import org.junit.jupiter.api.Test;

import static org.hicsim.core0.ipc.EndpointRecordDescriptor.CAPACITY_MIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointTableTest
{
    private static final int OWNER = 9;

    private final List<String> traceLines = new ArrayList<>();
    private final List<String> auditRecords = new ArrayList<>();
    private final Simulation sim = new Simulation(1, traceLines::add);
    private final EndpointTable table = new EndpointTable(
        sim, (kind, sandboxId, detail) -> auditRecords.add(kind + " sandbox=" + sandboxId + " " + detail));

    @Test
    void shouldCreateEndpointWithItsMetadataInactiveAndEmpty()
    {
        final Endpoint endpoint = table.get(create("fs.main", EndpointType.FILESYSTEM));
        assertEquals("fs.main", endpoint.name());
        assertEquals(OWNER, endpoint.ownerSandboxId());
        assertEquals(EndpointType.FILESYSTEM, endpoint.type());
        assertEquals(EndpointState.INACTIVE, endpoint.state());
        assertEquals(CAPACITY_MIN, endpoint.capacity());
        assertEquals(0, endpoint.sentCount() + endpoint.receivedCount() + endpoint.refusedFullCount());
    }

    @Test
    void shouldNeverReuseTheIdOfARemovedEndpoint()
    {
        final int first = create("a", EndpointType.GENERIC);
        assertTrue(table.remove(first));
        final int second = create("a", EndpointType.GENERIC);
        assertNotEquals(first, second);
        assertNull(table.get(first));
        assertFalse(table.contains(first));
    }

    @Test
    void shouldAnswerNullForAnIdNeverIssued()
    {
        create("a", EndpointType.GENERIC);
        assertNull(table.get(EndpointTable.NULL_ID));
        assertNull(table.get(12345));
    }

    @Test
    void shouldRefuseAMoveTheLifecycleForbids()
    {
        final int id = create("a", EndpointType.GENERIC);
        table.moveTo(id, EndpointState.ACTIVE);
        table.moveTo(id, EndpointState.STOPPING);
        table.moveTo(id, EndpointState.STOPPED);
        assertThrows(IllegalStateException.class, () -> table.moveTo(id, EndpointState.ACTIVE));
        assertEquals(EndpointState.STOPPED, table.get(id).state());
    }

    @Test
    void shouldLetAStoppingEndpointBecomeActiveAgainForRollback()
    {
        final int id = create("a", EndpointType.GENERIC);
        table.moveTo(id, EndpointState.ACTIVE);
        table.moveTo(id, EndpointState.STOPPING);
        table.moveTo(id, EndpointState.ACTIVE);
        assertEquals(EndpointState.ACTIVE, table.get(id).state());
    }

    @Test
    void shouldRefuseMovingAnUnknownEndpoint()
    {
        assertThrows(IllegalArgumentException.class, () -> table.moveTo(77, EndpointState.ACTIVE));
    }

    @Test
    void shouldRefuseANameWithWhitespace()
    {
        assertThrows(IllegalArgumentException.class, () -> create("two words", EndpointType.GENERIC));
    }

    @Test
    void shouldTraceAndAuditEveryLifecycleChange()
    {
        final int id = create("signer", EndpointType.SIGNER);
        table.moveTo(id, EndpointState.ACTIVE);
        table.remove(id);
        final List<String> kinds = traceLines.stream().skip(1).map(line -> line.split(" ")[1]).toList();
        assertEquals(List.of("ipc.create", "ipc.state", "ipc.remove"), kinds);
        assertEquals(3, auditRecords.size());
        final String expected = "ipc.state sandbox=" + OWNER + " id=" + id + " from=INACTIVE to=ACTIVE";
        assertEquals(expected, auditRecords.get(1));
    }

    @Test
    void shouldReportQueuedMessagesDiscardedByRemoval()
    {
        final int id = create("a", EndpointType.GENERIC);
        table.moveTo(id, EndpointState.ACTIVE);
        table.get(id).send(1, new UnsafeBuffer(new byte[8]), 0, 8);
        table.remove(id);
        assertTrue(auditRecords.get(2).endsWith("state=ACTIVE discarded=1"), auditRecords.get(2));
    }

    @Test
    void shouldAnswerFalseWhenRemovingTwice()
    {
        final int id = create("a", EndpointType.GENERIC);
        assertTrue(table.remove(id));
        assertFalse(table.remove(id));
        assertEquals(0, table.size());
    }

    private int create(final String name, final EndpointType type)
    {
        return table.create(name, OWNER, type, CAPACITY_MIN, Simulation.MICROS);
    }
}
