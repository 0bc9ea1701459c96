package org.hicsim.core0.sim;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The simulation kernel: a virtual clock, the event queue and the run's one random source.
 * <p>
 * Single-threaded and deterministic: a run is a pure function of its seed and of what is scheduled. Time moves
 * only when an event is taken from the queue, so simulating a 24-hour window costs as much as the events in it.
 * Components that need randomness take a {@link #splitRandom() split} of the root source when they are built,
 * so that adding randomness to one component does not shift the numbers another one draws.
 */
public final class Simulation implements Clock
{
    /** Nanoseconds in one microsecond, millisecond, second, minute and hour, for readable delays. */
    public static final long MICROS = 1_000L;
    public static final long MILLIS = 1_000_000L;
    public static final long SECONDS = 1_000_000_000L;
    public static final long MINUTES = 60 * SECONDS;
    public static final long HOURS = 60 * MINUTES;

    private final long seed;
    private final SplittableRandom random;
    private final EventQueue queue = new EventQueue();
    private final EventQueue.PolledEvent polled = new EventQueue.PolledEvent();
    private final Trace trace;
    private long nowNs;
    private long eventsRun;
    private EventObserver[] observers = new EventObserver[0];

    public Simulation(final long seed, final TraceSink traceSink)
    {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.trace = new Trace(this, traceSink);
        trace.record("sim.start", "seed=" + seed);
    }

    public Simulation(final long seed)
    {
        this(seed, TraceSink.NONE);
    }

    @Override
    public long nowNs()
    {
        return nowNs;
    }

    public long seed()
    {
        return seed;
    }

    public Trace trace()
    {
        return trace;
    }

    public long eventsRun()
    {
        return eventsRun;
    }

    public int pendingEvents()
    {
        return queue.size();
    }

    /**
     * A new random source derived from the root one: give each component its own at construction.
     */
    public SplittableRandom splitRandom()
    {
        return random.split();
    }

    public void schedule(final long delayNs, final EventHandler handler, final long arg)
    {
        if (delayNs < 0)
        {
            throw new IllegalArgumentException("delayNs=" + delayNs + " must not be negative");
        }
        queue.add(nowNs + delayNs, handler, arg);
    }

    public void scheduleAt(final long dueTimeNs, final EventHandler handler, final long arg)
    {
        if (dueTimeNs < nowNs)
        {
            throw new IllegalArgumentException("dueTimeNs=" + dueTimeNs + " is before nowNs=" + nowNs);
        }
        queue.add(dueTimeNs, handler, arg);
    }

    /**
     * Runs the earliest pending event, moving the clock to its due time.
     *
     * @return false when nothing was pending.
     */
    public boolean step()
    {
        if (queue.isEmpty())
        {
            return false;
        }
        nowNs = queue.poll(polled);
        eventsRun++;
        polled.handler().onEvent(polled.arg());
        for (final EventObserver observer : observers)
        {
            observer.afterEvent(eventsRun);
        }
        return true;
    }

    /**
     * Adds an observer told after each event, after those added before it.
     */
    public void addEventObserver(final EventObserver observer)
    {
        final EventObserver[] more = Arrays.copyOf(observers, observers.length + 1);
        more[observers.length] = Objects.requireNonNull(observer, "observer");
        observers = more;
    }

    /**
     * Runs every event due at or before {@code endTimeNs}, then sets the clock to {@code endTimeNs}.
     *
     * @return the number of events run.
     */
    public long runUntil(final long endTimeNs)
    {
        if (endTimeNs < nowNs)
        {
            throw new IllegalArgumentException("endTimeNs=" + endTimeNs + " is before nowNs=" + nowNs);
        }
        final long before = eventsRun;
        while (!queue.isEmpty() && queue.peekDueTime() <= endTimeNs)
        {
            step();
        }
        nowNs = endTimeNs;
        return eventsRun - before;
    }

    /**
     * Runs until no event is pending or {@code eventsMax} have run, whichever comes first; the limit keeps a
     * self-rescheduling component from spinning forever.
     *
     * @return the number of events run.
     */
    public long runUntilIdle(final long eventsMax)
    {
        final long before = eventsRun;
        while (eventsRun - before < eventsMax && step())
        {
            // each step runs one event
        }
        return eventsRun - before;
    }
}
