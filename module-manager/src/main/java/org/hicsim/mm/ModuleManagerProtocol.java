package org.hicsim.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.wire.ModuleManagerWire;

/**
 * The Module Manager's side of its wire protocol ({@link ModuleManagerWire}, in Core-0, holds the op codes and
 * line formats): its {@link Refusal}s as reply statuses, the rollback kind each rollback operation asks for, the
 * members of a batch request, and the configuration an update or a configure request carries.
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
     * The configuration an update request gives its new instance: a {@code key=value} line each from line
     * {@code from} on (none: empty), at version 0; null if a line is not one or breaks {@link Configuration}'s
     * syntax.
     */
    static Configuration configuration(final String[] lines, final int from)
    {
        final Configuration.Builder builder = Configuration.builder(0);
        for (int i = from; i < lines.length; i++)
        {
            final int equals = lines[i].indexOf('=');
            if (equals <= 0)
            {
                return null;
            }
            try
            {
                builder.put(lines[i].substring(0, equals), lines[i].substring(equals + 1));
            }
            catch (final IllegalArgumentException malformed)
            {
                return null;
            }
        }
        return builder.build();
    }
}
