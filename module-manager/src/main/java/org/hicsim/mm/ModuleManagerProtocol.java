package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.wire.ModuleManagerWire;

/**
 * The Module Manager's side of its wire protocol ({@link ModuleManagerWire}, in Core-0, holds the op codes and
 * line formats): its {@link Refusal}s as reply statuses, the rollback kind each rollback operation asks for, and
 * the members of a batch request and the values of a configure request.
 */
public final class ModuleManagerProtocol
{
    private ModuleManagerProtocol()
    {
    }

    /** The rollback kind a rollback operation asks for, or null for another operation. */
    static RollbackKind rollbackKind(final int operation)
    {
        return switch (operation)
        {
            case ModuleManagerWire.ROLLBACK -> RollbackKind.FULL;
            case ModuleManagerWire.ROLLBACK_EMERGENCY -> RollbackKind.EMERGENCY;
            case ModuleManagerWire.ROLLBACK_CONFIGURATION -> RollbackKind.CONFIGURATION;
            case ModuleManagerWire.ROLLBACK_PARTIAL -> RollbackKind.PARTIAL;
            case ModuleManagerWire.PAUSE -> RollbackKind.PAUSE;
            case ModuleManagerWire.FREEZE -> RollbackKind.FREEZE;
            case ModuleManagerWire.FAST_UNDO -> RollbackKind.FAST_UNDO;
            default -> null;
        };
    }

    /** The reply status that says why a request was refused. */
    public static int refusal(final Refusal refusal)
    {
        return ModuleManagerWire.refusal(refusal.ordinal());
    }

    /** @return the refusal a status names, or null if it names none. */
    public static Refusal refusalOf(final int status)
    {
        final int ordinal = ModuleManagerWire.refusalOrdinal(status);
        return ordinal >= 0 && ordinal < Refusal.values().length ? Refusal.values()[ordinal] : null;
    }

    /** A batch request's members, or null if its lines are not service and stem pairs naming each service once. */
    static List<BatchMember> members(final String[] lines)
    {
        if (lines.length % 2 != 0)
        {
            return null;
        }
        final List<BatchMember> members = new ArrayList<>();
        final TreeSet<String> services = new TreeSet<>();
        for (int i = 0; i < lines.length; i += 2)
        {
            if (lines[i].isEmpty() || lines[i + 1].isEmpty() || !services.add(lines[i]))
            {
                return null;
            }
            members.add(new BatchMember(lines[i], lines[i + 1]));
        }
        return members;
    }

    /**
     * A configure request's values (its lines after the service, each {@code key=value}), or null if a line is not
     * one or breaks {@link Configuration}'s syntax.
     */
    static SortedMap<String, String> values(final String[] lines)
    {
        final TreeMap<String, String> values = new TreeMap<>();
        for (int i = 1; i < lines.length; i++)
        {
            final int equals = lines[i].indexOf('=');
            if (equals < 1)
            {
                return null;
            }
            values.put(lines[i].substring(0, equals), lines[i].substring(equals + 1));
        }
        try
        {
            Configuration.builder(0).putAll(values);
        }
        catch (final IllegalArgumentException malformed)
        {
            return null;
        }
        return values;
    }
}
