package org.hicsim.mm.channel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.cap.CapError;
import org.hicsim.core0.cap.Capability;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.cost.Cost;
import org.hicsim.core0.cost.CostTable;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationChannelTest
{
    private final ChannelFixture fixture = new ChannelFixture(11);
    private final CostTable costs = fixture.kernel.costs();

    private static byte[] payload(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static long send(final ChannelEnd end, final String text)
    {
        final byte[] payload = payload(text);
        return end.send(payload, 0, payload.length);
    }

    private List<Capability> endpointCapabilities(final int sandbox)
    {
        final List<Capability> found = new ArrayList<>();
        for (final Capability capability : fixture.kernel.capabilities().capabilities(sandbox))
        {
            if (capability.kind() == ObjectKind.IPC_ENDPOINT)
            {
                found.add(capability);
            }
        }
        return found;
    }

    @Test
    void shouldEstablishAfterTheHandshakesWorkAndLatencies()
    {
        fixture.create();
        fixture.runUntilIdle();

        final long x25519 = costs.value(Cost.X25519_CPU);
        final long latency = costs.ipcLatencyNs();
        final long expected = x25519 + latency + x25519 + costs.hashNs(2L * ChannelHelloDescriptor.LENGTH) + latency +
            costs.hashNs(ChannelHandshake.FINISHED_LENGTH);
        assertEquals(expected, fixture.recorder.establishedAtNs);
        assertEquals(1, fixture.traceOf("channel.established").size());
    }

    @Test
    void shouldDeliverEachPayloadInOrderAfterSealingLatencyAndOpening()
    {
        final MigrationChannel channel = fixture.established();
        final long startNs = fixture.nowNs();

        assertEquals(0, send(channel.initiator(), "connection 1"));
        assertEquals(1, send(channel.initiator(), "connection 2"));
        assertEquals(0, send(channel.responder(), "ack"));
        fixture.runUntilIdle();

        final List<ChannelFixture.Delivery> deliveries = fixture.recorder.deliveries;
        assertEquals(3, deliveries.size());
        final ChannelFixture.Delivery first = deliveries.stream().filter(d -> d.receiver() == fixture.newInstance).findFirst().orElseThrow();
        assertArrayEquals(payload("connection 1"), first.payload());
        assertEquals(0, first.sequence());
        final long aead = costs.aeadNs(ChannelRecordDescriptor.recordLength(12));
        assertEquals(startNs + aead + costs.ipcLatencyNs() + aead, first.atNs());
        assertEquals(List.of("connection 1", "connection 2"), deliveries.stream()
            .filter(d -> d.receiver() == fixture.newInstance).map(d -> new String(d.payload(), StandardCharsets.US_ASCII)).toList());
        assertEquals(2, channel.initiator().sentCount());
        assertEquals(2, channel.responder().deliveredCount());
    }

    @Test
    void shouldRefuseToSendBeforeTheHandshakeOrAboveTheBound()
    {
        final MigrationChannel channel = fixture.create();

        assertEquals(ChannelError.NOT_ESTABLISHED.code(), send(channel.initiator(), "too early"));
        fixture.runUntilIdle();
        final int tooLong = ChannelFixture.CONFIG.payloadLengthMax() + 1;
        assertEquals(ChannelError.TOO_LARGE.code(), channel.initiator().send(new byte[tooLong], 0, tooLong));
    }

    @Test
    void shouldRefuseCreationWithoutControlOfBothInstances()
    {
        final MigrationChannels channels = fixture.channels;
        final long readOnlyControl = fixture.kernel.capabilities().issue(0, fixture.moduleManager,
            ObjectKind.SANDBOX_CONTROL, fixture.newInstance, Rights.READ, 0);
        final long thirdsOwnControl = fixture.control(fixture.third, fixture.newInstance);

        assertEquals(CapError.INSUFFICIENT_RIGHTS.code(),
            channels.create(fixture.moduleManager, fixture.oldControl, readOnlyControl, fixture.recorder));
        assertTrue(channels.create(fixture.third, fixture.oldControl, thirdsOwnControl, fixture.recorder) < 0);
        assertEquals(ChannelError.SAME_SANDBOX.code(),
            channels.create(fixture.moduleManager, fixture.oldControl, fixture.oldControl, fixture.recorder));
        assertEquals(0, channels.openCount());
        assertEquals(3, fixture.traceOf("channel.refused").size());
        assertTrue(fixture.kernel.audit().exportText().contains("channel.refused"));
    }

    @Test
    void shouldGiveEachInstanceOnlyItsOwnPinnedEndpointCapabilitiesAndAThirdSandboxNone()
    {
        final MigrationChannel channel = fixture.established();

        assertEquals(2, endpointCapabilities(fixture.oldInstance).size());
        assertEquals(2, endpointCapabilities(fixture.newInstance).size());
        assertEquals(0, endpointCapabilities(fixture.third).size());
        assertSame(channel.initiator(), channel.end(fixture.oldInstance));
        assertNull(channel.end(fixture.third));
        assertTrue(fixture.kernel.audit().exportText().contains("reason=NOT_A_PARTY"));
    }

    @Test
    void shouldRefuseAThirdSandboxThatTriesAnInstancesHandles()
    {
        fixture.established();
        final SystemCalls thirdCalls = fixture.kernel.systemCalls(fixture.third);
        final SystemCalls oldCalls = fixture.kernel.systemCalls(fixture.oldInstance);
        final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);

        for (final Capability capability : endpointCapabilities(fixture.oldInstance))
        {
            final long handle = capability.handle();
            assertTrue(thirdCalls.send(handle, ChannelMessage.RECORD.typeId(), message, 0, 8) < 0);
            assertTrue(thirdCalls.receive(handle, (type, buffer, index, length) -> { }, 1) < 0);
            assertTrue(oldCalls.transfer(handle, fixture.third) < 0, "an instance cannot pass its end on");
        }
        assertEquals(0, endpointCapabilities(fixture.third).size());
    }

    @Test
    void shouldRefuseAndCountARecordWithAByteFlippedInTransit()
    {
        final MigrationChannel channel = fixture.established();
        channel.tap((receiver, kind, message, sink) ->
        {
            message[ChannelRecordDescriptor.CIPHERTEXT_OFFSET] ^= 0x40;
            sink.deliver(kind, message);
        });

        send(channel.initiator(), "will be tampered with");
        fixture.runUntilIdle();

        assertEquals(List.of(RecordRefusal.AUTHENTICATION_FAILED), fixture.recorder.refusals);
        assertEquals(1, channel.responder().refusedCount(RecordRefusal.AUTHENTICATION_FAILED));
        assertEquals(0, fixture.recorder.deliveries.size());
        assertEquals(1, fixture.traceOf("channel.refused").size());
        assertTrue(fixture.traceOf("channel.refused").get(0).contains("kind=AUTHENTICATION_FAILED count=1"));
        assertEquals(ChannelState.ESTABLISHED, channel.state());
    }

    @Test
    void shouldRefuseAReplayedRecordAndDeliverTheOriginalOnce()
    {
        final MigrationChannel channel = fixture.established();
        channel.tap((receiver, kind, message, sink) ->
        {
            sink.deliver(kind, message.clone());
            sink.deliver(kind, message);
        });

        send(channel.initiator(), "once");
        fixture.runUntilIdle();

        assertEquals(1, fixture.recorder.deliveries.size());
        assertEquals(List.of(RecordRefusal.REPLAYED), fixture.recorder.refusals);
    }

    @Test
    void shouldRefuseARecordDeliveredAheadOfItsPredecessor()
    {
        final MigrationChannel channel = fixture.established();
        final List<byte[]> held = new ArrayList<>();
        channel.tap((receiver, kind, message, sink) ->
        {
            if (held.isEmpty())
            {
                held.add(message);
                return;
            }
            sink.deliver(kind, message);
            sink.deliver(kind, held.get(0));
        });

        send(channel.initiator(), "first");
        send(channel.initiator(), "second");
        fixture.runUntilIdle();

        assertEquals(List.of(RecordRefusal.OUT_OF_ORDER), fixture.recorder.refusals);
        assertEquals(1, fixture.recorder.deliveries.size());
        assertArrayEquals(payload("first"), fixture.recorder.deliveries.get(0).payload());
    }

    @Test
    void shouldFailTheHandshakeWhenAManInTheMiddleSubstitutesItsPublicKey()
    {
        final MigrationChannel channel = fixture.create();
        final byte[] malloryHello = new ChannelHandshake(ChannelRole.INITIATOR, channel.id(), channel.initiator().uuid(),
            channel.responder().uuid(), new byte[ChannelHandshake.CHANNEL_KEY_LENGTH], new SplittableRandom(1)).hello();
        channel.tap((receiver, kind, message, sink) ->
        {
            if (kind == ChannelMessage.HELLO)
            {
                System.arraycopy(malloryHello, ChannelHelloDescriptor.PUBLIC_KEY_OFFSET, message,
                    ChannelHelloDescriptor.PUBLIC_KEY_OFFSET, ChannelHelloDescriptor.PUBLIC_KEY_LENGTH);
            }
            sink.deliver(kind, message);
        });

        fixture.runUntilIdle();

        assertEquals(ChannelState.FAILED, channel.state());
        assertEquals(List.of(HandshakeFailure.KEY_CONFIRMATION_FAILED), fixture.recorder.failures);
        assertEquals(0, endpointCapabilities(fixture.oldInstance).size());
        assertEquals(0, endpointCapabilities(fixture.newInstance).size());
        assertTrue(fixture.traceOf("channel.failed").get(0).contains("reason=KEY_CONFIRMATION_FAILED"));
        assertEquals(ChannelError.CLOSED.code(), send(channel.initiator(), "no keys"));
    }

    @Test
    void shouldRefuseAHandshakeMessageReplayedAfterEstablishmentAndStayEstablished()
    {
        final MigrationChannel channel = fixture.create();
        final List<byte[]> hellos = new ArrayList<>();
        final List<TransitTap.Sink> sinks = new ArrayList<>();
        channel.tap((receiver, kind, message, sink) ->
        {
            if (kind == ChannelMessage.HELLO)
            {
                hellos.add(message.clone());
                sinks.add(sink);
            }
            sink.deliver(kind, message);
        });
        fixture.runUntilIdle();

        sinks.get(0).deliver(ChannelMessage.HELLO, hellos.get(0));
        fixture.runUntilIdle();

        assertEquals(ChannelState.ESTABLISHED, channel.state());
        assertEquals(List.of(RecordRefusal.UNEXPECTED), fixture.recorder.refusals);
    }

    @Test
    void shouldFailTheHandshakeWhenAHelloClaimsAnotherInstance()
    {
        final MigrationChannel channel = fixture.create();
        channel.tap((receiver, kind, message, sink) ->
        {
            if (receiver == channel.responder())
            {
                message[ChannelHelloDescriptor.SENDER_UUID_OFFSET] ^= 0x01;
            }
            sink.deliver(kind, message);
        });

        fixture.runUntilIdle();

        assertEquals(List.of(HandshakeFailure.WRONG_PEER), fixture.recorder.failures);
        assertEquals(ChannelState.FAILED, channel.state());
    }

    @Test
    void shouldNotOpenARecordOfAClosedChannelInANewOneBetweenTheSameInstances()
    {
        final MigrationChannel first = fixture.established();
        final List<byte[]> captured = new ArrayList<>();
        final List<TransitTap.Sink> firstSinks = new ArrayList<>();
        first.tap((receiver, kind, message, sink) ->
        {
            captured.add(message.clone());
            firstSinks.add(sink);
            sink.deliver(kind, message);
        });
        send(first.initiator(), "recorded by an eavesdropper");
        fixture.runUntilIdle();
        first.close();
        firstSinks.get(0).deliver(ChannelMessage.RECORD, captured.get(0));
        fixture.runUntilIdle();
        assertEquals(1, fixture.recorder.deliveries.size());

        final MigrationChannel second = fixture.established();
        final List<TransitTap.Sink> sinks = new ArrayList<>();
        second.tap((receiver, kind, message, sink) -> sinks.add(sink));
        send(second.initiator(), "fresh");
        fixture.runUntilIdle();
        sinks.get(0).deliver(ChannelMessage.RECORD, captured.get(0));
        fixture.runUntilIdle();

        assertEquals(ChannelState.CLOSED, first.state());
        assertEquals(ChannelError.CLOSED.code(), send(first.initiator(), "after close"));
        assertFalse(first.transcriptFingerprint().equals(second.transcriptFingerprint()));
        assertEquals(List.of(RecordRefusal.AUTHENTICATION_FAILED), fixture.recorder.refusals);
        assertEquals(1, fixture.channels.openCount());
    }

    @Test
    void shouldCloseAndDropTheEndpointsWhenAnInstanceDies()
    {
        final MigrationChannel channel = fixture.established();
        send(channel.initiator(), "in flight");

        fixture.kernel.sandboxes().kill(fixture.newInstance, "page fault");
        fixture.runUntilIdle();

        assertEquals(ChannelState.CLOSED, channel.state());
        assertEquals(List.of("sandbox_terminated"), fixture.recorder.closes);
        assertEquals(0, endpointCapabilities(fixture.oldInstance).size());
        assertEquals(0, fixture.recorder.deliveries.size());
        assertEquals(0, fixture.channels.openCount());
    }

    @Test
    void shouldCloseWhenItsCreatorDies()
    {
        final MigrationChannel channel = fixture.established();

        fixture.kernel.sandboxes().kill(fixture.moduleManager, "killed by the scenario");

        assertEquals(ChannelState.CLOSED, channel.state());
        assertEquals(List.of("creator_terminated"), fixture.recorder.closes);
    }

    @Test
    void shouldHoldASenderBackWhileASlowReceiversRingIsFullAndLoseNothing()
    {
        final ChannelFixture slowReceiver = new ChannelFixture(5, 5, CostTable.defaults(), 1);
        final MigrationChannel channel = slowReceiver.established();
        final int length = ChannelFixture.CONFIG.payloadLengthMax();
        final int records = 40;
        for (int i = 0; i < records; i++)
        {
            final byte[] payload = new byte[length];
            payload[0] = (byte)i;
            assertEquals(i, channel.initiator().send(payload, 0, length));
        }

        slowReceiver.runUntilIdle();

        assertTrue(slowReceiver.kernel.endpoints().get(channel.toResponderEndpointId()).refusedFullCount() > 0);
        assertEquals(0, channel.initiator().pendingCount());
        assertEquals(records, slowReceiver.recorder.deliveries.size());
        for (int i = 0; i < records; i++)
        {
            assertEquals(i, slowReceiver.recorder.deliveries.get(i).sequence());
            assertEquals((byte)i, slowReceiver.recorder.deliveries.get(i).payload()[0]);
        }
    }

    @Test
    void shouldTakeLongerOnASmallerCpuQuotaAndACostlierCipher()
    {
        final long base = transferNs(new ChannelFixture(3, 3, CostTable.defaults(), ChannelFixture.QUOTA_PERCENT));
        final long slowerReceiver = transferNs(new ChannelFixture(3, 3, CostTable.defaults(), 1));
        final long costlierCipher = transferNs(new ChannelFixture(3, 3, CostTable.defaults().with(Cost.AEAD_PER_KIB, 3_000),
            ChannelFixture.QUOTA_PERCENT));

        assertTrue(slowerReceiver > base, "slower=" + slowerReceiver + " base=" + base);
        assertTrue(costlierCipher > base, "costlier=" + costlierCipher + " base=" + base);
    }

    private static long transferNs(final ChannelFixture fixture)
    {
        final MigrationChannel channel = fixture.established();
        final long startNs = fixture.nowNs();
        final byte[] payload = new byte[ChannelFixture.CONFIG.payloadLengthMax()];
        for (int i = 0; i < 20; i++)
        {
            channel.initiator().send(payload, 0, payload.length);
        }
        fixture.runUntilIdle();
        assertEquals(20, fixture.recorder.deliveries.size());
        return fixture.recorder.deliveries.get(19).atNs() - startNs;
    }

    @Test
    void shouldTraceCreationHandshakeAndCloseButNeverThePayload()
    {
        final MigrationChannel channel = fixture.established();
        send(channel.initiator(), "SECRET-ROUTE-TABLE");
        fixture.runUntilIdle();
        channel.close();

        assertEquals(1, fixture.traceOf("channel.create").size());
        assertEquals(1, fixture.traceOf("channel.established").size());
        final String close = fixture.traceOf("channel.close").get(0);
        assertTrue(close.contains("reason=requested initiatorSent=1"), close);
        assertTrue(close.contains("responderDelivered=1"), close);
        assertFalse(String.join("\n", fixture.trace).contains("SECRET"));
        assertFalse(fixture.kernel.audit().exportText().contains("SECRET"));
        assertTrue(fixture.kernel.audit().verify().isIntact());
    }
}
