package org.hicsim.services.ipc_lib;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.MigrationContext;
import org.hicsim.core0.spi.Quiescence;
import org.hicsim.core0.spi.StateSnapshot;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.ServiceKernel;
import org.hicsim.services.ipc_lib.v2_0_0.IpcLib;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpcLibTest
{
    private static final long MEMORY = 64 * 1024;
    private static final MigrationContext MIGRATION = new MigrationContext(2, 0, IpcLib.STATE_VERSION);
    private static final byte[] BODY = "hello, netstack".getBytes(StandardCharsets.US_ASCII);

    private final ServiceKernel kernel = new ServiceKernel();
    private final Message request = new Message();
    private final Message reply = new Message();

    private ServiceKernel.Instance start(final String version)
    {
        return start(kernel, version);
    }

    /** Properties start theirs in a kernel of their own: jqwik runs every try on one test instance. */
    private static ServiceKernel.Instance start(final ServiceKernel kernel, final String version)
    {
        return kernel.start("ipc_lib", version, new IpcLib(), MEMORY);
    }

    private byte[] frame(final ServiceKernel.Instance lib, final byte[] body)
    {
        request.clear().operation(IpcLibProtocol.FRAME).payload(body, 0, body.length);
        lib.handle(request, reply);
        assertEquals(Status.OK, reply.status());
        return payload();
    }

    private int unframe(final ServiceKernel.Instance lib, final byte[] frame)
    {
        request.clear().operation(IpcLibProtocol.UNFRAME).payload(frame, 0, frame.length);
        lib.handle(request, reply);
        return reply.status();
    }

    private byte[] payload()
    {
        final byte[] bytes = new byte[reply.payloadLength()];
        reply.copyPayload(bytes, 0);
        return bytes;
    }

    @Test
    void shouldPutTheHeaderBeforeTheBody()
    {
        final byte[] frame = frame(start("2.0.0"), BODY);

        assertEquals(FrameHeaderDescriptor.LENGTH + BODY.length, frame.length);
        assertEquals(FrameHeaderDescriptor.MAGIC, frame[0] & 0xFF | (frame[1] & 0xFF) << 8);
        assertEquals(FrameHeaderDescriptor.VERSION, frame[FrameHeaderDescriptor.VERSION_OFFSET]);
        assertEquals(BODY.length, frame[FrameHeaderDescriptor.BODY_LENGTH_OFFSET]);
    }

    @Property(tries = 100)
    void shouldUnframeExactlyWhatWasFramed(@ForAll @Size(max = IpcLibProtocol.BODY_LENGTH_MAX) final byte[] body)
    {
        final ServiceKernel.Instance lib = start(new ServiceKernel(), "2.0.0");
        final byte[] frame = frame(lib, body);

        assertEquals(Status.OK, unframe(lib, frame));
        assertArrayEquals(body, payload());
        assertEquals(0, reply.argument(1));
    }

    @Property(tries = 100)
    void shouldRefuseAFrameWithAnyByteChanged(
        @ForAll @IntRange(max = FrameHeaderDescriptor.LENGTH + 14) final int index,
        @ForAll @IntRange(min = 1, max = 255) final int mask)
    {
        final ServiceKernel.Instance lib = start(new ServiceKernel(), "2.0.0");
        final byte[] frame = frame(lib, BODY);
        frame[index] ^= (byte)mask;

        final int status = unframe(lib, frame);

        assertTrue(status == IpcLibProtocol.FRAME_BAD_HEADER || status == IpcLibProtocol.FRAME_TRUNCATED
            || status == IpcLibProtocol.FRAME_CRC_MISMATCH, "status=" + Status.name(status));
    }

    @Test
    void shouldRefuseAFrameWhoseBodyWasChangedAsACrcMismatch()
    {
        final ServiceKernel.Instance lib = start("2.0.0");
        final byte[] frame = frame(lib, BODY);
        frame[FrameHeaderDescriptor.LENGTH] ^= 1;

        assertEquals(IpcLibProtocol.FRAME_CRC_MISMATCH, unframe(lib, frame));
    }

    @Test
    void shouldRefuseATruncatedFrame()
    {
        final ServiceKernel.Instance lib = start("2.0.0");
        final byte[] frame = frame(lib, BODY);

        assertEquals(IpcLibProtocol.FRAME_TRUNCATED, unframe(lib, Arrays.copyOf(frame, frame.length - 1)));
    }

    @Test
    void shouldRefuseABodyLongerThanAFrameHolds()
    {
        final byte[] body = new byte[IpcLibProtocol.BODY_LENGTH_MAX + 1];
        request.clear().operation(IpcLibProtocol.FRAME).payload(body, 0, body.length);

        start("2.0.0").handle(request, reply);

        assertEquals(Status.INVALID_ARGUMENT, reply.status());
    }

    @Test
    void shouldReportTheFramesSkippedBeforeAnOutOfOrderFrame()
    {
        final ServiceKernel.Instance lib = start("2.0.0");
        frame(lib, BODY);
        frame(lib, BODY);
        final byte[] third = frame(lib, BODY);

        assertEquals(Status.OK, unframe(lib, third));

        assertEquals(2, reply.argument(0));
        assertEquals(2, reply.argument(1));
    }

    @Test
    void shouldReportALateFrameWithoutMovingTheExpectation()
    {
        final ServiceKernel.Instance lib = start("2.0.0");
        final byte[] first = frame(lib, BODY);
        final byte[] second = frame(lib, BODY);
        unframe(lib, second);

        assertEquals(Status.OK, unframe(lib, first));
        assertEquals(-2, reply.argument(1));

        request.clear().operation(IpcLibProtocol.STATS);
        lib.handle(request, reply);
        assertEquals(1, reply.argument(3));
    }

    @Test
    void shouldGoOnNumberingWhereTheOldInstanceStopped()
    {
        final ServiceKernel.Instance old = start("2.0.0");
        frame(old, BODY);
        frame(old, BODY);
        old.service.prepareMigration(Quiescence.PROTOCOL_FREE);
        final StateSnapshot snapshot = old.service.exportState(MIGRATION);
        final ServiceKernel.Instance fresh = start("2.0.0-new");

        assertEquals(Status.OK, fresh.service.importState(snapshot, MIGRATION));
        frame(fresh, BODY);

        assertEquals(2, reply.argument(0));
    }

    @Test
    void shouldRefuseToFrameWhileFrozen()
    {
        final ServiceKernel.Instance lib = start("2.0.0");
        lib.service.prepareMigration(Quiescence.WORK_FREE);
        request.clear().operation(IpcLibProtocol.FRAME).payload(BODY, 0, BODY.length);

        lib.handle(request, reply);

        assertEquals(Status.BUSY, reply.status());
    }

    @Test
    void shouldRefuseASnapshotWithAChangedByte()
    {
        final StateSnapshot snapshot = start("2.0.0").service.exportState(MIGRATION);
        final byte[] global = new byte[snapshot.globalLength()];
        snapshot.copyGlobal(global, 0);
        global[global.length - 1] ^= 1;

        assertEquals(Status.STATE_CORRUPT, start("2.0.0-new").service.importState(
            StateSnapshot.builder(IpcLib.STATE_VERSION).global(global, 0, global.length).build(), MIGRATION));
    }

    @Test
    void shouldRefuseAnotherStateVersion()
    {
        final StateSnapshot snapshot = StateSnapshot.builder(IpcLib.STATE_VERSION + 1).build();

        assertEquals(Status.STATE_VERSION_UNSUPPORTED, start("2.0.0").service.importState(snapshot, MIGRATION));
    }
}
