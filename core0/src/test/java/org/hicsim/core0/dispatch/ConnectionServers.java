package org.hicsim.core0.dispatch;

import java.util.ArrayList;
import java.util.List;

import org.hicsim.core0.ipc.EndpointServer;
import org.hicsim.core0.ipc.Rendezvous;
import org.hicsim.core0.request.RequestFixture;
import org.hicsim.core0.spi.Message;

/**
 * Servers for dispatch tests: an OPEN (operation 1) is answered with a fresh connection id of the server's own;
 * any other request is recorded as (server, the server's connection id, argument 1: the client's sequence number)
 * in the order served, and answered with the server's sandbox id in argument 0.
 */
final class ConnectionServers
{
    static final int OPEN = 1;
    static final int DATA = 2;
    static final long WORK_NS = 5_000;

    final RequestFixture fixture;
    final List<long[]> served = new ArrayList<>();

    ConnectionServers(final RequestFixture fixture)
    {
        this.fixture = fixture;
    }

    EndpointServer server(final int serverId, final long firstConnectionId)
    {
        final long[] next = {firstConnectionId};
        return (caller, in, out) ->
        {
            fixture.kernel.systemCalls(serverId).compute(WORK_NS);
            if (in.operation() == OPEN)
            {
                out.connectionId(next[0]++);
            }
            else
            {
                served.add(new long[] {serverId, in.connectionId(), in.argument(1)});
                out.connectionId(in.connectionId());
            }
            out.argument(0, serverId).argument(1, in.argument(1));
            return Rendezvous.SERVED;
        };
    }

    static Message data(final long sequence)
    {
        return new Message().operation(DATA).argument(1, sequence);
    }
}
