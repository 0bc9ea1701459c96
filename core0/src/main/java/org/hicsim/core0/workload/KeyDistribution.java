package org.hicsim.core0.workload;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How a workload picks which of a class's connections the next request goes to: all alike (uniform), or a few
 * hot ones (Zipf with exponent {@code s}: the k-th most popular is picked in proportion to 1/k^s).
 * <p>
 * Zipf is sampled by inversion of a cumulative table built with {@link StrictMath}, so the same seed picks the
 * same connections on every JVM, interpreted or compiled (a library sampler built on {@link Math} could differ in
 * the last bit between the two, and so pick another connection).
 *
 * @param zipfExponent 0 for uniform; otherwise the exponent {@code s}, in (0, 10].
 */
public record KeyDistribution(double zipfExponent)
{
    public static final KeyDistribution UNIFORM = new KeyDistribution(0);
    public static final double ZIPF_EXPONENT_MAX = 10;

    public KeyDistribution
    {
        if (!(zipfExponent >= 0 && zipfExponent <= ZIPF_EXPONENT_MAX))
        {
            throw new IllegalArgumentException("zipfExponent=" + zipfExponent + " must be in [0, " + ZIPF_EXPONENT_MAX
                + "]");
        }
    }

    public static KeyDistribution zipf(final double exponent)
    {
        if (exponent <= 0)
        {
            throw new IllegalArgumentException("exponent=" + exponent + " must be positive for Zipf");
        }
        return new KeyDistribution(exponent);
    }

    /** A sampler of ranks 0..n-1 under this distribution. */
    public Sampler sampler(final int n)
    {
        if (n < 1)
        {
            throw new IllegalArgumentException("n=" + n + " must be positive");
        }
        return zipfExponent == 0 ? random -> random.nextInt(n) : new ZipfSampler(n, zipfExponent);
    }

    @Override
    public String toString()
    {
        return zipfExponent == 0 ? "uniform" : "zipf(" + zipfExponent + ")";
    }

    /** Draws a rank. */
    @FunctionalInterface
    public interface Sampler
    {
        int next(SplittableRandom random);
    }

    private static final class ZipfSampler implements Sampler
    {
        private final double[] cumulative;

        ZipfSampler(final int n, final double exponent)
        {
            cumulative = new double[n];
            double sum = 0;
            for (int k = 0; k < n; k++)
            {
                sum += 1 / StrictMath.pow(k + 1, exponent);
                cumulative[k] = sum;
            }
            for (int k = 0; k < n; k++)
            {
                cumulative[k] /= sum;
            }
        }

        @Override
        public int next(final SplittableRandom random)
        {
            final int found = Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(found >= 0 ? found : -found - 1, cumulative.length - 1);
        }
    }
}
