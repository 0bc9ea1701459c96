package org.hicsim.core0.ipc;

import java.util.Objects;

import org.hicsim.core0.spi.Message;

/**
 * The synchronous side of an endpoint: its server, and Core-0's copies of the messages of the calls in flight
 * to it, one pair per nesting depth. Nothing is buffered: a call meets the server at once, as seL4's Call does.
 * <p>
 * The server sees only these copies, never the caller's objects, so it can neither read the caller's message
 * after the call nor write into it. The copies are this endpoint's own, so a server that keeps a reference
 * against the rules only ever sees later calls made to itself. Each depth's pair is made on its first use and
 * reused after, so calls allocate nothing once warm.
 */
public final class Rendezvous
{
    /** How deep calls may nest (A calls B, which calls C ...): bounds a cycle such as A calls B calls A. */
    public static final int DEPTH_MAX = 8;
    /** What an {@link EndpointServer} returns when its reply is ready. */
    public static final int SERVED = 0;

    private final EndpointServer server;
    private final Message[] requests = new Message[DEPTH_MAX];
    private final Message[] replies = new Message[DEPTH_MAX];
    private long callCount;

    Rendezvous(final EndpointServer server)
    {
        this.server = Objects.requireNonNull(server, "server");
    }

    /**
     * Copies {@code request} in, lets the server answer into a cleared reply, and copies that reply out into
     * {@code reply} if the server answered.
     *
     * @param depth how many calls are in flight already, below {@link #DEPTH_MAX}.
     * @return {@link #SERVED}, or what else the server returned (then {@code reply} is untouched).
     */
    public int call(final int depth, final int callerSandboxId, final Message request, final Message reply)
    {
        if (depth < 0 || depth >= DEPTH_MAX)
        {
            throw new IllegalArgumentException("depth=" + depth + " outside 0.." + (DEPTH_MAX - 1));
        }
        if (requests[depth] == null)
        {
            requests[depth] = new Message();
            replies[depth] = new Message();
        }
        final Message requestCopy = requests[depth].copyFrom(request);
        final Message replyCopy = replies[depth].clear();
        callCount++;
        final int served = server.serve(callerSandboxId, requestCopy, replyCopy);
        if (served == SERVED)
        {
            reply.copyFrom(replyCopy);
        }
        return served;
    }

    /** Calls that reached the server, answered or not. */
    public long callCount()
    {
        return callCount;
    }
}
