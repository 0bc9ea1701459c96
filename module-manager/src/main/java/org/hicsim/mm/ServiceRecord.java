package org.hicsim.mm;

import java.util.ArrayDeque;
import java.util.List;

import org.hicsim.host.ServiceInstance;

/**
 * What the Module Manager knows of one installed service: the instance that is its default now and the bundle
 * it came from, the instance it replaced (kept for a rollback until the update is committed and reclaimed), and
 * how it was installed (its name, configuration and memory), and the dispatch capability Core-0 gave the Module
 * Manager for the service's connections.
 */
final class ServiceRecord
{
    private final String name;
    private final InstallOptions options;
    private final long dispatchHandle;
    private ServiceInstance current;
    private String currentStem;
    private int generation;
    private RollbackPoint rollbackPoint;
    /** Every rollback point made, oldest first, at most {@link FastUndo#REVISIONS_MAX}: what a fast undo reaches. */
    private final ArrayDeque<RollbackPoint> history = new ArrayDeque<>();

    /**
     * HIC step 4.3's rollback point: what the service ran before its last completed update (the bundle, by stem
     * and digest, and so its configuration and dependency graph), when it was made, the update it undoes, and the
     * name of the state it was left with in the persistent store, in the old version's layout (the last export
     * of the new instance checked sound, or the old instance's own at the consistency point; null if none was
     * kept): what an emergency rollback restarts the old version from ({@link RollbackPointRestore}).
     */
    record RollbackPoint(String stem, long createdAtNs, UpdateReport update, String snapshot)
    {
    }

    ServiceRecord(final String name, final String stem, final InstallOptions options, final ServiceInstance instance,
        final long dispatchHandle)
    {
        this.name = name;
        this.options = options;
        this.currentStem = stem;
        this.current = instance;
        this.dispatchHandle = dispatchHandle;
    }

    String name()
    {
        return name;
    }

    /** How it was installed: every new instance of it is loaded the same way. */
    InstallOptions options()
    {
        return options;
    }

    ServiceInstance current()
    {
        return current;
    }

    String currentStem()
    {
        return currentStem;
    }

    long dispatchHandle()
    {
        return dispatchHandle;
    }

    void current(final ServiceInstance instance, final String stem)
    {
        current = instance;
        currentStem = stem;
    }

    /** The last completed update's rollback point, or null. */
    RollbackPoint rollbackPoint()
    {
        return rollbackPoint;
    }

    void rollbackPoint(final RollbackPoint point)
    {
        rollbackPoint = point;
        if (point != null)
        {
            history.addLast(point);
            if (history.size() > FastUndo.REVISIONS_MAX)
            {
                history.removeFirst();
            }
        }
    }

    /** The recent rollback points, oldest first. */
    List<RollbackPoint> rollbackHistory()
    {
        return List.copyOf(history);
    }

    /** A fast undo went back to {@code point}: it and every later one are spent. */
    void undoneTo(final RollbackPoint point)
    {
        while (!history.isEmpty() && history.peekLast() != point)
        {
            history.removeLast();
        }
        history.pollLast();
        rollbackPoint = null;
    }

    /** A number that makes each new instance's sandbox name unique: a version loaded again gets a suffix. */
    int nextGeneration()
    {
        return ++generation;
    }
}
