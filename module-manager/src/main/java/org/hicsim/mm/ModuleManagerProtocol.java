package org.hicsim.mm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;

/**
 * The requests the Module Manager serves on its endpoint, for a caller that reaches it through Core-0 with a
 * CALL capability for the {@code module-manager} service (which Core-0 checks on every call: that is the update
 * capability). Text arguments travel in the payload as UTF-8 lines.
 * <table>
 * <caption>Operations (payload lines; reply)</caption>
 * <tr><th>operation</th><th>request</th><th>reply</th></tr>
 * <tr><td>{@link #UPDATE}</td><td>service, bundle stem, strategy (optional, default rolling)</td>
 * <td>OK once the update started; or {@link #refusal(Refusal)}</td></tr>
 * <tr><td>{@link #ROLLBACK}</td><td>service, reason</td><td>OK once the rollback started</td></tr>
 * <tr><td>{@link #APPROVE}</td><td>service</td><td>OK if a paused update goes on</td></tr>
 * <tr><td>{@link #BATCH}</td><td>service, bundle stem, service, bundle stem, ... (at least one pair, each
 * service once)</td><td>OK once the batch started; or {@link #refusal(Refusal)}</td></tr>
 * <tr><td>{@link #STRATEGY}</td><td>service, strategy as {@link Strategy#toString()} writes it (or a name)</td>
 * <td>OK if it takes over at the next stage boundary; or a refusal</td></tr>
 * <tr><td>{@link #ROLLBACK_EMERGENCY}, {@link #ROLLBACK_CONFIGURATION}, {@link #ROLLBACK_PARTIAL}, {@link #PAUSE},
 * {@link #FREEZE}, {@link #FAST_UNDO}</td><td>service, reason</td><td>OK once taken; or a refusal. These and
 * {@link #ROLLBACK} need the rollback right ({@code ModuleManager.ROLLBACK_RIGHT}) on the caller's
 * capability</td></tr>
 * <tr><td>{@link #CONFIGURE}</td><td>service, then {@code key=value} lines</td><td>OK once the service's
 * instance took the new configuration version; or a refusal</td></tr>
 * <tr><td>{@link #STATUS}</td><td>service</td><td>arg0 the last update's {@link UpdateOutcome} ordinal (-1:
 * none), arg1 connections migrated, arg2 connections in all, arg3 its {@link Refusal} ordinal or -1</td></tr>
 * </table>
 */
public final class ModuleManagerProtocol
{
    public static final int UPDATE = 1;
    public static final int ROLLBACK = 2;
    public static final int APPROVE = 3;
    public static final int STATUS = 4;
    public static final int STRATEGY = 5;
    public static final int BATCH = 6;
    /** service, reason: an emergency rollback (HIC 4.3 step 5.2.3); needs the rollback right. */
    public static final int ROLLBACK_EMERGENCY = 7;
    /** service, reason: the configuration back to its last known good version; needs the rollback right. */
    public static final int ROLLBACK_CONFIGURATION = 8;
    /** service, reason: the running wave's connections back, the update paused; needs the rollback right. */
    public static final int ROLLBACK_PARTIAL = 9;
    /** service, reason: no next wave until approved; needs the rollback right. */
    public static final int PAUSE = 10;
    /** service, reason: keep the new version, move no more connections; needs the rollback right. */
    public static final int FREEZE = 11;
    /** service, reason: straight back to a recent rollback point, no analysis; needs the rollback right. */
    public static final int FAST_UNDO = 12;
    /** service, then {@code key=value} lines: a new configuration version for the service. */
    public static final int CONFIGURE = 13;
    /** The request's payload is not the lines the operation needs. */
    public static final int MALFORMED = Status.SERVICE_BASE;
    /** Refusals are {@code REFUSAL_BASE - ordinal}, below every other code. */
    public static final int REFUSAL_BASE = Status.SERVICE_BASE - 100;

    private ModuleManagerProtocol()
    {
    }

    /** The rollback kind a rollback operation asks for, or null for another operation. */
    static RollbackKind rollbackKind(final int operation)
    {
        return switch (operation)
        {
            case ROLLBACK -> RollbackKind.FULL;
            case ROLLBACK_EMERGENCY -> RollbackKind.EMERGENCY;
            case ROLLBACK_CONFIGURATION -> RollbackKind.CONFIGURATION;
            case ROLLBACK_PARTIAL -> RollbackKind.PARTIAL;
            case PAUSE -> RollbackKind.PAUSE;
            case FREEZE -> RollbackKind.FREEZE;
            case FAST_UNDO -> RollbackKind.FAST_UNDO;
            default -> null;
        };
    }

    /** The reply status that says why a request was refused. */
    public static int refusal(final Refusal refusal)
    {
        return REFUSAL_BASE - refusal.ordinal();
    }

    /** @return the refusal a status names, or null if it names none. */
    public static Refusal refusalOf(final int status)
    {
        final int ordinal = REFUSAL_BASE - status;
        return ordinal >= 0 && ordinal < Refusal.values().length ? Refusal.values()[ordinal] : null;
    }

    /** Fills a request: the operation and its text arguments, one per line. */
    public static Message request(final Message request, final int operation, final String... lines)
    {
        final byte[] payload = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        return request.clear().operation(operation).payload(payload, 0, payload.length);
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
     * one or breaks {@link org.hicsim.core0.spi.Configuration}'s syntax.
     */
    static java.util.SortedMap<String, String> values(final String[] lines)
    {
        final java.util.TreeMap<String, String> values = new java.util.TreeMap<>();
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
            org.hicsim.core0.spi.Configuration.builder(0).putAll(values);
        }
        catch (final IllegalArgumentException malformed)
        {
            return null;
        }
        return values;
    }

    /** The request's text arguments. */
    static String[] lines(final Message request)
    {
        final byte[] payload = new byte[request.payloadLength()];
        request.copyPayload(payload, 0);
        return new String(payload, StandardCharsets.UTF_8).split("\n", -1);
    }
}
