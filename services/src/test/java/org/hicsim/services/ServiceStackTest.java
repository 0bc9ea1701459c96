package org.hicsim.services;

import java.nio.charset.StandardCharsets;

import org.hicsim.core0.spi.ConnectionClass;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;
import org.hicsim.host.ServiceInstance;
import org.hicsim.services.dns_resolver.DnsResolverProtocol;
import org.hicsim.services.eth_driver.EthDriverProtocol;
import org.hicsim.services.eth_driver.EthStatsDescriptor;
import org.hicsim.services.eth_driver.EthStatsLayout;
import org.hicsim.services.netstack.NetstackProtocol;
import org.hicsim.services.netstack.TcpState;
import org.hicsim.services.web_server.WebServerProtocol;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HIC document's upstream/downstream example, every part loaded from its signed bundle: web_server and
 * dns_resolver call netstack 1.3.0, which sends its frames through eth_driver 1.2.0's TX ring.
 */
class ServiceStackTest
{
    private static final int SERVER = 0x0A00_0002;
    private static final int CLIENT = 0xC000_0207;
    private static final int GATEWAY = 0x0A00_0001;
    private static final long GATEWAY_MAC = 0x0200_0000_00FEL;
    private static final int HTTP_PORT = 80;
    private static final int CLIENT_PORT = 40000;

    private final BundleHost kernel = new BundleHost();
    private final ServiceInstance eth = kernel.load("eth_driver-1.2.0");
    private final ServiceInstance ipc = kernel.load("ipc_lib-2.0.0");
    private final ServiceInstance netstack = kernel.load("netstack-1.3.0");
    private final ServiceInstance web = kernel.load("web_server-1.0.0");
    private final ServiceInstance dns = kernel.load("dns_resolver-1.0.0");
    private final Message request = new Message();
    private final Message reply = new Message();

    ServiceStackTest()
    {
        call(netstack, request.clear().operation(NetstackProtocol.ROUTE_ADD).argument(2, GATEWAY).argument(3, 1));
        call(netstack, request.clear().operation(NetstackProtocol.ARP_ADD).argument(0, GATEWAY)
            .argument(1, GATEWAY_MAC));
    }

    private Message call(final ServiceInstance instance, final Message message)
    {
        assertEquals(Status.OK, instance.handle(message, reply));
        return reply;
    }

    private long framesSent()
    {
        call(eth, request.clear().operation(EthDriverProtocol.RECEIVE_STATS));
        final byte[] stats = new byte[reply.payloadLength()];
        reply.copyPayload(stats, 0);
        final long[] counters = new long[EthStatsDescriptor.COUNTERS_MAX];
        EthStatsLayout.V2.decode(stats, 0, counters);
        return counters[EthStatsDescriptor.TX_FRAMES];
    }

    @Test
    void shouldAnswerAGetWithFramesThroughNetstackAndTheNic()
    {
        final long connectionId = call(netstack, request.clear().operation(NetstackProtocol.OPEN)
            .argument(0, NetstackProtocol.addresses(SERVER, CLIENT))
            .argument(1, NetstackProtocol.ports(HTTP_PORT, CLIENT_PORT, NetstackProtocol.PROTOCOL_TCP,
                ConnectionClass.MEDIUM.code()))).connectionId();
        kernel.advance(TcpState.ROUND_TRIP_DEFAULT_NS);
        final byte[] document = "/hellohello, world".getBytes(StandardCharsets.US_ASCII);
        call(web, request.clear().operation(WebServerProtocol.PUBLISH).argument(0, "/hello".length())
            .payload(document, 0, document.length));
        call(web, request.clear().operation(WebServerProtocol.ACCEPT).connectionId(connectionId)
            .argument(1, ConnectionClass.MEDIUM.code()));
        final long framesBefore = framesSent();
        final byte[] get = "GET /hello HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        call(web, request.clear().operation(WebServerProtocol.REQUEST).connectionId(connectionId)
            .payload(get, 0, get.length));

        assertEquals(Status.OK, reply.status(), Status.name(reply.status()));
        assertEquals(WebServerProtocol.HTTP_OK, reply.argument(0));
        final long responseBytes = reply.argument(1);
        assertEquals(framesBefore + 1, framesSent());
        call(netstack, request.clear().operation(NetstackProtocol.STATS).connectionId(connectionId));
        assertEquals(responseBytes, reply.argument(2));
        assertTrue(ipc.isAlive());
    }

    @Test
    void shouldSendTheResolversQueryThroughNetstackAndTheNic()
    {
        call(dns, request.clear().operation(DnsResolverProtocol.SET_UPSTREAM).argument(0, SERVER)
            .argument(1, GATEWAY));
        assertEquals(Status.OK, reply.status(), Status.name(reply.status()));
        final long framesBefore = framesSent();
        final byte[] name = "www.example.com".getBytes(StandardCharsets.US_ASCII);

        call(dns, request.clear().operation(DnsResolverProtocol.RESOLVE).payload(name, 0, name.length));

        assertEquals(Status.OK, reply.status(), Status.name(reply.status()));
        assertEquals(framesBefore + 1, framesSent());
    }
}
