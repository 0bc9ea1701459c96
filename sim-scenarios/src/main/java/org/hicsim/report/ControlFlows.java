package org.hicsim.report;

import java.util.Objects;

import org.hicsim.core0.sim.TraceSink;

/**
 * The control messages between instances that {@code trace.json} draws as flow arrows, read from the run's trace
 * as it is written: each connection Core-0's dispatch table hands from one endpoint to another
 * ({@code dispatch.assign}) and each switch of a service's default endpoint ({@code registry.switch}).
 * <p>
 * A run may move a million connections, so moves are sampled: every one while fewer than {@link #MOVES_MAX}
 * were seen, then every second, every fourth, ... (when the store is full, every other kept move is dropped and
 * the stride doubles). Which moves are kept depends only on their order in the trace. Switches are few and all
 * kept, up to {@link #SWITCHES_MAX}. Reading a line allocates nothing.
 */
public final class ControlFlows implements TraceSink
{
    /** Moves kept at most; a viewer shows this many arrows without strain. */
    public static final int MOVES_MAX = 512;
    /** Endpoint switches kept at most. */
    public static final int SWITCHES_MAX = 256;

    private static final String TIME_PREFIX = "t=";
    private static final String ASSIGN = "dispatch.assign ";
    private static final String SWITCH = "registry.switch ";

    private final Flows moves = new Flows(MOVES_MAX);
    private final Flows switches = new Flows(SWITCHES_MAX);
    private long movesSeen;
    private long moveStride = 1;

    @Override
    public void accept(final String line)
    {
        final int kindStart = line.indexOf(' ') + 1;
        if (kindStart == 0 || !line.startsWith(TIME_PREFIX))
        {
            return;
        }
        if (line.startsWith(ASSIGN, kindStart))
        {
            final long ordinal = movesSeen++;
            if (ordinal % moveStride != 0)
            {
                return;
            }
            if (moves.count == MOVES_MAX)
            {
                moves.keepEveryOther();
                moveStride *= 2;
                if (ordinal % moveStride != 0)
                {
                    return;
                }
            }
            moves.add(number(line, TIME_PREFIX, 0), (int)number(line, " from=", kindStart),
                (int)number(line, " to=", kindStart));
        }
        else if (line.startsWith(SWITCH, kindStart) && switches.count < SWITCHES_MAX)
        {
            switches.add(number(line, TIME_PREFIX, 0), (int)number(line, " fromEndpoint=", kindStart),
                (int)number(line, " toEndpoint=", kindStart));
        }
    }

    /** Connection moves seen in the trace, kept or not. */
    public long movesSeen()
    {
        return movesSeen;
    }

    /** The kept moves, in trace order. */
    public Flows moves()
    {
        return moves;
    }

    /** The endpoint switches, in trace order. */
    public Flows switches()
    {
        return switches;
    }

    /** The digits after {@code key} (searched from {@code from}), or -1 if the key is absent or has none. */
    private static long number(final String line, final String key, final int from)
    {
        final int start = line.indexOf(key, from);
        if (start < 0)
        {
            return -1;
        }
        long value = 0;
        int digits = 0;
        for (int i = start + key.length(); i < line.length() && Character.isDigit(line.charAt(i)); i++)
        {
            value = value * 10 + (line.charAt(i) - '0');
            digits++;
        }
        return digits == 0 ? -1 : value;
    }

    /** Flows from one endpoint to another at a virtual time, in parallel arrays. */
    public static final class Flows
    {
        private final long[] atNs;
        private final int[] fromEndpoint;
        private final int[] toEndpoint;
        private int count;

        Flows(final int capacity)
        {
            atNs = new long[capacity];
            fromEndpoint = new int[capacity];
            toEndpoint = new int[capacity];
        }

        public int count()
        {
            return count;
        }

        public long atNs(final int index)
        {
            return atNs[checked(index)];
        }

        public int fromEndpoint(final int index)
        {
            return fromEndpoint[checked(index)];
        }

        public int toEndpoint(final int index)
        {
            return toEndpoint[checked(index)];
        }

        void add(final long timeNs, final int from, final int to)
        {
            atNs[count] = timeNs;
            fromEndpoint[count] = from;
            toEndpoint[count] = to;
            count++;
        }

        void keepEveryOther()
        {
            final int kept = (count + 1) / 2;
            for (int i = 1; i < kept; i++)
            {
                atNs[i] = atNs[2 * i];
                fromEndpoint[i] = fromEndpoint[2 * i];
                toEndpoint[i] = toEndpoint[2 * i];
            }
            count = kept;
        }

        private int checked(final int index)
        {
            return Objects.checkIndex(index, count);
        }
    }
}
