package org.hicsim.monitor.window;

/**
 * The samples of one series (one metric of one instance) inside a half-open window (t-W, t] of virtual time, in a
 * ring of stamped values. Advancing the window to t evicts the samples stamped at or before t-W, oldest first, so
 * every operation costs time in the number of samples it touches and never in the window's virtual length: a 24 h
 * window with no samples costs nothing to evaluate.
 * <p>
 * {@link #samplesVisited()} counts every sample an eviction or an aggregate touched; tests read it to prove that
 * cost rather than time it.
 */
public final class SampleWindow
{
    private static final int CAPACITY_INITIAL = 16;

    private final long windowNs;
    private long[] times = new long[CAPACITY_INITIAL];
    private double[] values = new double[CAPACITY_INITIAL];
    private int head;
    private int size;
    private long lastSampleNs = Long.MIN_VALUE;
    private long nowNs = Long.MIN_VALUE;
    private long firstSampleNs = Long.MIN_VALUE;
    private long visited;

    public SampleWindow(final long windowNs)
    {
        if (windowNs <= 0)
        {
            throw new IllegalArgumentException("a window has a positive length: windowNs=" + windowNs);
        }
        this.windowNs = windowNs;
    }

    public long windowNs()
    {
        return windowNs;
    }

    /** Records a sample; samples of one series arrive in time order (equal stamps allowed). */
    public void add(final long tNs, final double value)
    {
        if (tNs < lastSampleNs || tNs < nowNs)
        {
            throw new IllegalArgumentException(
                "samples arrive in time order: tNs=" + tNs + " lastSampleNs=" + lastSampleNs + " nowNs=" + nowNs);
        }
        if (size == times.length)
        {
            grow();
        }
        final int tail = (head + size) & (times.length - 1);
        times[tail] = tNs;
        values[tail] = value;
        size++;
        lastSampleNs = tNs;
        if (firstSampleNs == Long.MIN_VALUE)
        {
            firstSampleNs = tNs;
        }
        advanceTo(tNs);
    }

    /**
     * Moves the window's right edge to {@code tNs} and evicts what left it: after this the window holds exactly the
     * samples stamped in (tNs-W, tNs].
     */
    public void advanceTo(final long tNs)
    {
        if (tNs < nowNs)
        {
            throw new IllegalArgumentException("a window only moves forward: tNs=" + tNs + " nowNs=" + nowNs);
        }
        nowNs = tNs;
        final long leftEdgeNs = tNs - windowNs;
        final int mask = times.length - 1;
        while (size > 0 && times[head] <= leftEdgeNs)
        {
            visited++;
            head = (head + 1) & mask;
            size--;
        }
    }

    /** Forgets every sample and where the window stood: a new revision or a rollback starts a fresh analysis. */
    public void clear()
    {
        head = 0;
        size = 0;
        lastSampleNs = Long.MIN_VALUE;
        nowNs = Long.MIN_VALUE;
        firstSampleNs = Long.MIN_VALUE;
    }

    public int count()
    {
        return size;
    }

    /** Stamp of the first sample since the series began (or was cleared), or {@link Long#MIN_VALUE} if none. */
    public long firstSampleNs()
    {
        return firstSampleNs;
    }

    /** The window's exclusive left edge at the current instant. */
    public long leftEdgeNs()
    {
        return nowNs - windowNs;
    }

    public long nowNs()
    {
        return nowNs;
    }

    public double sum()
    {
        final int mask = times.length - 1;
        double sum = 0;
        for (int i = 0; i < size; i++)
        {
            sum += values[(head + i) & mask];
        }
        visited += size;
        return sum;
    }

    /** Samples whose value is not zero. */
    public int countNonZero()
    {
        final int mask = times.length - 1;
        int count = 0;
        for (int i = 0; i < size; i++)
        {
            if (values[(head + i) & mask] != 0)
            {
                count++;
            }
        }
        visited += size;
        return count;
    }

    /** Non-zero samples at the newest end of the window, counted until the first zero. */
    public int trailingNonZero()
    {
        final int mask = times.length - 1;
        int run = 0;
        for (int i = size - 1; i >= 0; i--)
        {
            visited++;
            if (values[(head + i) & mask] == 0)
            {
                break;
            }
            run++;
        }
        return run;
    }

    /**
     * Least-squares slope of value over time, in value units per {@code perNs}; times are taken relative to the
     * oldest sample so their squares stay exact in a double. Needs two distinct stamps, else NaN.
     */
    public double slope(final long perNs)
    {
        if (size < 2)
        {
            return Double.NaN;
        }
        final int mask = times.length - 1;
        final long originNs = times[head];
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < size; i++)
        {
            final int at = (head + i) & mask;
            sumX += (times[at] - originNs) / (double)perNs;
            sumY += values[at];
        }
        final double meanX = sumX / size;
        final double meanY = sumY / size;
        double covariance = 0;
        double varianceX = 0;
        for (int i = 0; i < size; i++)
        {
            final int at = (head + i) & mask;
            final double dx = (times[at] - originNs) / (double)perNs - meanX;
            covariance += dx * (values[at] - meanY);
            varianceX += dx * dx;
        }
        visited += 2L * size;
        return varianceX == 0 ? Double.NaN : covariance / varianceX;
    }

    /** The window's values, oldest first (a copy, for the statistics of canary analysis). */
    public double[] values()
    {
        final double[] copy = new double[size];
        final int mask = times.length - 1;
        for (int i = 0; i < size; i++)
        {
            copy[i] = values[(head + i) & mask];
        }
        visited += size;
        return copy;
    }

    public long samplesVisited()
    {
        return visited;
    }

    private void grow()
    {
        final int capacity = times.length * 2;
        final long[] newTimes = new long[capacity];
        final double[] newValues = new double[capacity];
        final int mask = times.length - 1;
        for (int i = 0; i < size; i++)
        {
            newTimes[i] = times[(head + i) & mask];
            newValues[i] = values[(head + i) & mask];
        }
        times = newTimes;
        values = newValues;
        head = 0;
    }
}
