package org.hicsim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The thread CPU time per call of a benchmark's methods, measured in turns in one JVM. On a machine shared with
 * other builds, JMH's wall-clock scores move with everyone else's load (a load average of 18 on 2 cores slowed
 * them tenfold here); the CPU time this thread spends per call moves far less, and is what {@code openssl speed}
 * reports too. Not a replacement for JMH (no forks, no blackhole; the methods return their result, which is
 * kept), only a steadier ratio when the machine is busy.
 * <p>
 * {@code java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp bench/target/benchmarks.jar
 * org.hicsim.bench.ThreadCpuTime CLASS PARAM=VALUE|- SECONDS METHOD...}, for example {@code ... ThreadCpuTime
 * org.hicsim.bench.CheckedLoadBenchmark pages=4096 1 checkedLoadLong baselineUnsafeBufferGetLong}. It calls the
 * state's {@code setUp()}, then runs each method for {@code SECONDS} of CPU time per round, four rounds, the first
 * a warm-up, and prints microseconds per call.
 */
public final class ThreadCpuTime
{
    private static final int ROUNDS = 4;
    private static final int CALLS_PER_CHECK = 16;

    /** Results are kept where the compiler cannot prove them unused. */
    private static volatile Object kept;

    private ThreadCpuTime()
    {
    }

    public static void main(final String[] args) throws ReflectiveOperationException
    {
        if (args.length < 4)
        {
            throw new IllegalArgumentException("usage: ThreadCpuTime CLASS PARAM=VALUE|- SECONDS METHOD... (got " +
                args.length + " arguments)");
        }
        final Class<?> type = Class.forName(args[0]);
        final Object state = type.getConstructor().newInstance();
        if (!"-".equals(args[1]))
        {
            setParameter(state, args[1]);
        }
        type.getMethod("setUp").invoke(state);
        final long nanosPerMethod = (long)(Double.parseDouble(args[2]) * 1e9);
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < ROUNDS; round++)
        {
            final StringBuilder line = new StringBuilder(round == 0 ? "warm-up" : "round " + round);
            for (int i = 3; i < args.length; i++)
            {
                final Method method = type.getMethod(args[i]);
                final long start = threads.getCurrentThreadCpuTime();
                long calls = 0;
                long now;
                do
                {
                    for (int k = 0; k < CALLS_PER_CHECK; k++)
                    {
                        keep(method.invoke(state));
                    }
                    calls += CALLS_PER_CHECK;
                    now = threads.getCurrentThreadCpuTime();
                }
                while (now - start < nanosPerMethod);
                line.append(String.format("  %s=%.2fus", args[i], (now - start) / 1e3 / calls));
            }
            System.out.println(line);
        }
    }

    /** {@code name=value} into the state's field of that name: an int, a long, an enum constant or a string. */
    private static void setParameter(final Object state, final String assignment) throws ReflectiveOperationException
    {
        final int equals = assignment.indexOf('=');
        final Field field = state.getClass().getDeclaredField(assignment.substring(0, equals));
        final String value = assignment.substring(equals + 1);
        field.setAccessible(true);
        final Class<?> fieldType = field.getType();
        if (fieldType == int.class)
        {
            field.setInt(state, Integer.parseInt(value));
        }
        else if (fieldType == long.class)
        {
            field.setLong(state, Long.parseLong(value));
        }
        else if (fieldType.isEnum())
        {
            field.set(state, enumConstant(fieldType, value));
        }
        else
        {
            field.set(state, value);
        }
    }

    private static Object enumConstant(final Class<?> enumType, final String name)
        throws InvocationTargetException, IllegalAccessException, NoSuchMethodException
    {
        return enumType.getMethod("valueOf", String.class).invoke(null, name);
    }

    private static void keep(final Object result)
    {
        kept = result;
    }
}
