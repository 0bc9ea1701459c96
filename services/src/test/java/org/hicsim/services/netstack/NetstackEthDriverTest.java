package org.hicsim.services.netstack;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.ipc.EndpointState;
import org.hicsim.core0.ipc.EndpointType;
import org.hicsim.core0.ipc.Rendezvous;
import org.hicsim.core0.registry.ServiceName;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.services.netstack.v1_2_0.Netstack;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * netstack holding an {@code eth_driver} capability: every frame goes through eth_driver's TRANSMIT, whose server
 * here is a kernel-side stand-in that keeps the frames and answers as the ISSUE5 contract says.
 */
class NetstackEthDriverTest
{
    /** A status eth_driver may answer with, e.g. its TX ring being full. */
    private static final int ETH_REFUSAL = Status.SERVICE_BASE - 1;

    private final NetstackHarness harness = new NetstackHarness(13);
    private final List<byte[]> frames = new ArrayList<>();
    private int ethStatus = Status.OK;
    private final NetstackClient netstack = startWithEthDriver();

    private NetstackClient startWithEthDriver()
    {
        final int eth = harness.sandbox("eth_driver");
        final int endpoint = harness.kernel.endpoints().create("eth_driver-1.2.0", eth, EndpointType.GENERIC, 4096, 0);
        harness.kernel.endpoints().moveTo(endpoint, EndpointState.ACTIVE);
        final ServiceName name = ServiceName.parse("cap://eth_driver/v1.2.0/api");
        harness.kernel.registry().register(name, endpoint);
        harness.kernel.serve(endpoint, (caller, in, out) ->
        {
            final byte[] frame = new byte[in.payloadLength()];
            in.copyPayload(frame, 0);
            frames.add(frame);
            out.status(ethStatus).argument(0, frame.length);
            return Rendezvous.SERVED;
        });
        final int sandboxId = harness.sandbox("netstack");
        final long handle = harness.kernel.capabilities().issue(CapabilitySystem.CORE0, sandboxId,
            ObjectKind.SERVICE_ENDPOINT, harness.kernel.registry().serviceId(name.serviceInterface()), Rights.CALL, 0);
        harness.kernel.nameCapability(sandboxId, "eth_driver", handle);
        final NetstackClient client = harness.startBare(sandboxId, new Netstack());
        client.routeAdd(0, 0, NetstackHarness.GATEWAY, 1);
        client.arpAdd(NetstackHarness.GATEWAY, NetstackHarness.GATEWAY_MAC);
        return client;
    }

    private long established()
    {
        final long connectionId = netstack.openTcp(40000).connectionId();
        harness.advance(TcpState.ROUND_TRIP_DEFAULT_NS);
        return connectionId;
    }

    private static int unsignedShort(final byte[] frame, final int offset)
    {
        return ((frame[offset] & 0xFF) << 8) | (frame[offset + 1] & 0xFF);
    }

    private static long unsignedInt(final byte[] frame, final int offset)
    {
        return ((long)unsignedShort(frame, offset) << 16) | unsignedShort(frame, offset + 2);
    }

    @Test
    void shouldSendTheSynAndEverySegmentThroughEthDriver()
    {
        netstack.send(established(), new byte[100]);

        assertEquals(2, frames.size());
        assertEquals(FrameDescriptor.TCP_FRAME_HEADER_LENGTH + 100, frames.get(1).length);
    }

    @Test
    void shouldAddressTheFrameToTheNextHopsMac()
    {
        netstack.send(established(), new byte[10]);

        final byte[] frame = frames.get(1);
        assertEquals(NetstackHarness.GATEWAY_MAC >>> 16, unsignedInt(frame, FrameDescriptor.ETH_DESTINATION_OFFSET));
        assertEquals(FrameDescriptor.ETH_TYPE_IPV4, unsignedShort(frame, FrameDescriptor.ETH_TYPE_OFFSET));
    }

    @Test
    void shouldCarryTheSequenceNumberTheReplyGave()
    {
        final long connectionId = established();
        final long sequence = netstack.stats(connectionId).argument(0);

        netstack.send(connectionId, new byte[10]);

        assertEquals(sequence, unsignedInt(frames.get(1), FrameDescriptor.TCP_SEQUENCE_OFFSET));
    }

    @Test
    void shouldWriteAValidIpv4HeaderChecksum()
    {
        netstack.send(established(), new byte[10]);

        final byte[] frame = frames.get(1);
        final long sum = InternetChecksum.add(0, frame, FrameDescriptor.IP_OFFSET, FrameDescriptor.IP_HEADER_LENGTH);
        assertEquals(0, InternetChecksum.finish(sum));
    }

    @Test
    void shouldWriteAValidTcpChecksum()
    {
        final byte[] data = {1, 2, 3, 4, 5};
        netstack.send(established(), data);

        final byte[] frame = frames.get(1);
        final int tcpLength = FrameDescriptor.TCP_HEADER_LENGTH + data.length;
        long sum = InternetChecksum.add(0, frame, FrameDescriptor.IP_SOURCE_OFFSET, 8);
        sum = InternetChecksum.add(sum + NetstackProtocol.PROTOCOL_TCP + tcpLength, frame, FrameDescriptor.L4_OFFSET,
            tcpLength);
        assertEquals(0, InternetChecksum.finish(sum));
    }

    @Test
    void shouldPassOnEthDriversRefusalWithoutAdvancingTheSequence()
    {
        final long connectionId = established();
        final long sequence = netstack.stats(connectionId).argument(0);
        ethStatus = ETH_REFUSAL;

        assertEquals(ETH_REFUSAL, netstack.send(connectionId, new byte[10]).status());
        assertEquals(sequence, netstack.stats(connectionId).argument(0));
        assertEquals(1, netstack.stats(Message.NO_CONNECTION).argument(1));
    }
}
