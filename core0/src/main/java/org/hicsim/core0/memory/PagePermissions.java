package org.hicsim.core0.memory;

/**
 * Page permission bits, numbered as HIC numbers its READ, WRITE and EXECUTE rights. A single bit is also the
 * kind of an access: a load needs {@link #READ}, a store {@link #WRITE}, an instruction fetch {@link #EXECUTE}.
 */
public final class PagePermissions
{
    public static final int READ = 1;
    public static final int WRITE = 1 << 1;
    public static final int EXECUTE = 1 << 2;
    public static final int READ_WRITE = READ | WRITE;
    public static final int READ_EXECUTE = READ | EXECUTE;
    public static final int ALL = READ | WRITE | EXECUTE;

    private PagePermissions()
    {
    }

    /**
     * @return e.g. {@code r-x}.
     */
    public static String describe(final int permissions)
    {
        return new String(new char[]
        {
            (permissions & READ) != 0 ? 'r' : '-',
            (permissions & WRITE) != 0 ? 'w' : '-',
            (permissions & EXECUTE) != 0 ? 'x' : '-',
        });
    }

    /**
     * A mapping has at least one permission and none outside {@link #ALL}: a page nobody may touch is simply
     * not mapped.
     */
    public static void checkPermissions(final int permissions)
    {
        if (permissions == 0 || (permissions & ~ALL) != 0)
        {
            throw new IllegalArgumentException("permissions=" + permissions + " must be a non-empty subset of " +
                "READ|WRITE|EXECUTE=" + ALL);
        }
    }
}
