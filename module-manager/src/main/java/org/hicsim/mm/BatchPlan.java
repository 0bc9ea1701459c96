package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.hicsim.hicmod.Manifest;

/**
 * The order a batch's members are updated in: every member after the members its new version depends on, and
 * otherwise in the order asked. A dependency a member's new version needs updated first, and that the batch does
 * not name, joins the batch before it (so that it is undone with the rest if the batch fails, rather than
 * committed on its own). Members whose new versions depend on one another in a circle cannot be ordered: the
 * batch is refused before anything starts.
 */
final class BatchPlan
{
    private final List<BatchMember> ordered = new ArrayList<>();
    private Refusal refusal;
    private String detail = "";

    private BatchPlan()
    {
    }

    static BatchPlan of(final ModuleManager manager, final List<BatchMember> requested)
    {
        final List<BatchMember> members = new ArrayList<>(requested);
        final TreeMap<String, Manifest> targets = new TreeMap<>();
        final TreeSet<String> named = new TreeSet<>();
        requested.forEach(member -> named.add(member.service()));
        for (int i = 0; i < members.size(); i++)
        {
            final Manifest target = DependencyPlan.readable(manager, members.get(i).stem());
            if (target == null)
            {
                // A missing or malformed bundle is its member's own update's refusal: with no dependency to wait for,
                // its turn comes early, and the batch ends before the members after it start.
                continue;
            }
            targets.put(members.get(i).service(), target);
            final DependencyPlan dependencies = DependencyPlan.resolve(manager, target);
            for (final DependencyPlan.Update update : dependencies.updates())
            {
                if (named.add(update.service()))
                {
                    members.add(new BatchMember(update.service(), update.stem()));
                }
            }
        }
        final BatchPlan plan = new BatchPlan();
        plan.order(members, targets);
        return plan;
    }

    /** Members in update order; empty if refused. */
    List<BatchMember> ordered()
    {
        return ordered;
    }

    /** {@link Refusal#DEPENDENCY_CYCLE}, or null. */
    Refusal refusal()
    {
        return refusal;
    }

    String detail()
    {
        return detail;
    }

    /** Repeatedly takes the first member, in the order asked, whose dependencies among the members are placed. */
    private void order(final List<BatchMember> members, final TreeMap<String, Manifest> targets)
    {
        final TreeSet<String> inBatch = new TreeSet<>();
        members.forEach(member -> inBatch.add(member.service()));
        final TreeSet<String> placed = new TreeSet<>();
        final List<BatchMember> left = new ArrayList<>(members);
        while (!left.isEmpty())
        {
            BatchMember ready = null;
            for (final BatchMember member : left)
            {
                if (dependenciesPlaced(targets.get(member.service()), inBatch, placed))
                {
                    ready = member;
                    break;
                }
            }
            if (ready == null)
            {
                refusal = Refusal.DEPENDENCY_CYCLE;
                detail = "the new versions of " + left + " depend on one another in a circle";
                ordered.clear();
                return;
            }
            left.remove(ready);
            placed.add(ready.service());
            ordered.add(ready);
        }
    }

    private static boolean dependenciesPlaced(final Manifest target, final Set<String> inBatch, final Set<String> placed)
    {
        if (target == null)
        {
            return true;
        }
        for (final String dependency : target.dependencies().keySet())
        {
            if (inBatch.contains(dependency) && !placed.contains(dependency))
            {
                return false;
            }
        }
        return true;
    }
}
