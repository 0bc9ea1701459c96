package org.hicsim.mm;

import java.util.TreeMap;

import org.hicsim.core0.Kernel;
import org.hicsim.core0.SystemCalls;
import org.hicsim.core0.cap.CapabilitySystem;
import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;
import org.hicsim.core0.request.RequestPath;
import org.hicsim.core0.spi.Message;
import org.hicsim.host.ServiceInstance;

/**
 * The Module Manager as a client on Core-0's request path, sending its own requests straight to one instance's
 * endpoint ({@link RequestPath#callEndpoint}): the phase-2 gates' test requests, and the probes of a connection
 * before and after its move. Each is served under the instance's CPU quota and timed by the request path like a
 * client's, so what the gates and the checks measure is what clients would see; Core-0 leaves them out of the
 * instance's metrics, which are its clients' (the update's error rate, the stability check, the Monitor's rules).
 * Core-0 issues the Module Manager a WRITE capability for each endpoint it probes, once.
 */
final class InstanceProbes
{
    /** What a probe's sender is told when the reply arrives, from the event loop. */
    @FunctionalInterface
    interface Answer
    {
        /**
         * @param reply     valid during the call only.
         * @param latencyNs from the send to the reply's arrival, as the request path timed it.
         */
        void onReply(Message reply, long latencyNs);
    }

    private final Kernel kernel;
    private final int sandboxId;
    private final TreeMap<Integer, Long> endpointHandles = new TreeMap<>();
    private final TreeMap<Long, Answer> pending = new TreeMap<>();
    private RequestPath.Client client;
    private long nextTag;

    InstanceProbes(final Kernel kernel, final int sandboxId)
    {
        this.kernel = kernel;
        this.sandboxId = sandboxId;
    }

    /**
     * Sends {@code request} to {@code instance}'s endpoint, on its connection {@code instanceConnectionId} (or
     * {@link Message#NO_CONNECTION}).
     *
     * @return {@link SystemCalls#OK} (the answer will come), or Core-0's code refusing it (it will not).
     */
    int send(final ServiceInstance instance, final long instanceConnectionId, final Message request,
        final Answer answer)
    {
        if (client == null)
        {
            client = kernel.requests().client(sandboxId, this::onReply);
        }
        final long tag = nextTag++;
        final int sent = kernel.requests().callEndpoint(client, endpointHandle(instance.endpointId()),
            instanceConnectionId, request, tag);
        if (sent == SystemCalls.OK)
        {
            pending.put(tag, answer);
        }
        return sent;
    }

    private long endpointHandle(final int endpointId)
    {
        return endpointHandles.computeIfAbsent(endpointId, id -> kernel.capabilities().issue(CapabilitySystem.CORE0,
            sandboxId, ObjectKind.IPC_ENDPOINT, id, Rights.WRITE, 0));
    }

    private void onReply(final long tag, final Message reply, final long latencyNs)
    {
        final Answer answer = pending.remove(tag);
        if (answer != null)
        {
            answer.onReply(reply, latencyNs);
        }
    }
}
