package org.hicsim.core0.wire;

import java.nio.charset.StandardCharsets;

import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.Status;

/**
 * The Module Manager's wire protocol: the operations it serves on its endpoint and their line formats, for a
 * caller that reaches it through Core-0 with a CALL capability for the {@code module-manager} service (which
 * Core-0 checks on every call: that is the update capability). It lives in Core-0 so that the Module Manager and
 * its clients (the Monitor, the scenario runner) speak it without knowing each other's classes. Text arguments
 * travel in the payload as UTF-8 lines.
 * <table>
 * <caption>Operations (payload lines; reply)</caption>
 * <tr><th>operation</th><th>request</th><th>reply</th></tr>
 * <tr><td>{@link #UPDATE}</td><td>service, bundle stem, strategy (optional, default rolling; needed, if only
 * {@code rolling}, before configuration lines), then optionally one {@code key=value} line for each value the new
 * instance starts with over its manifest's defaults</td>
 * <td>OK once the update started; or a refusal</td></tr>
 * <tr><td>{@link #ROLLBACK}</td><td>service, reason</td><td>OK once the rollback started</td></tr>
 * <tr><td>{@link #APPROVE}</td><td>service</td><td>OK if a paused update goes on</td></tr>
 * <tr><td>{@link #BATCH}</td><td>service, bundle stem, service, bundle stem, ... (at least one pair, each
 * service once)</td><td>OK once the batch started; or a refusal</td></tr>
 * <tr><td>{@link #STRATEGY}</td><td>service, strategy as the Module Manager's {@code Strategy.toString()} writes
 * it (or a name)</td><td>OK if it takes over at the next stage boundary; or a refusal</td></tr>
 * <tr><td>{@link #ROLLBACK_EMERGENCY}, {@link #ROLLBACK_CONFIGURATION}, {@link #ROLLBACK_PARTIAL}, {@link #PAUSE},
 * {@link #FREEZE}, {@link #FAST_UNDO}</td><td>service, reason</td><td>OK once taken; or a refusal. These and
 * {@link #ROLLBACK} need the rollback right (WRITE) on the caller's CALL capability</td></tr>
 * <tr><td>{@link #CONFIGURE}</td><td>service, then {@code key=value} lines</td><td>OK once the service's
 * instance took the new configuration version; or a refusal</td></tr>
 * <tr><td>{@link #RESTART}</td><td>service</td><td>OK once its crashed default instance is loaded again</td></tr>
 * <tr><td>{@link #STATUS}</td><td>service</td><td>arg0 the last update's outcome ordinal (-1: none), arg1
 * connections migrated, arg2 connections in all, arg3 its refusal ordinal or -1</td></tr>
 * </table>
 * A refusal is {@link #refusal(int) REFUSAL_BASE - ordinal} of the Module Manager's {@code Refusal}; an operation
 * the Module Manager does not serve is answered {@link Status#UNKNOWN_OPERATION}.
 */
public final class ModuleManagerWire
{
    public static final int UPDATE = 1;
    public static final int ROLLBACK = 2;
    public static final int APPROVE = 3;
    public static final int STATUS = 4;
    public static final int STRATEGY = 5;
    public static final int BATCH = 6;
    /** The request's payload is not the lines the operation needs. */
    public static final int MALFORMED = Status.SERVICE_BASE;
    /** Refusals are {@code REFUSAL_BASE - ordinal}, below every other code. */
    public static final int REFUSAL_BASE = Status.SERVICE_BASE - 100;
    /** Refusal ordinals stay below this, so a status in (REFUSAL_BASE - REFUSALS_MAX, REFUSAL_BASE] is one. */
    public static final int REFUSALS_MAX = 100;

    private ModuleManagerWire()
    {
    }

    /** The reply status that says why a request was refused, for a refusal's ordinal. */
    public static int refusal(final int ordinal)
    {
        if (ordinal < 0 || ordinal >= REFUSALS_MAX)
        {
            throw new IllegalArgumentException("ordinal=" + ordinal + " is not a refusal's");
        }
        return REFUSAL_BASE - ordinal;
    }

    /** @return the refusal ordinal a status names, or -1 if it names none. */
    public static int refusalOrdinal(final int status)
    {
        final int ordinal = REFUSAL_BASE - status;
        return ordinal >= 0 && ordinal < REFUSALS_MAX ? ordinal : -1;
    }

    /** Fills a request: the operation and its text arguments, one per line. */
    public static Message request(final Message request, final int operation, final String... lines)
    {
        final byte[] payload = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        return request.clear().operation(operation).payload(payload, 0, payload.length);
    }

    /** The request's text arguments. */
    public static String[] lines(final Message request)
    {
        final byte[] payload = new byte[request.payloadLength()];
        request.copyPayload(payload, 0);
        return new String(payload, StandardCharsets.UTF_8).split("\n", -1);
    }

    /** service: load the service's crashed default instance again from its bundle (the Monitor's supervision). */
    public static final int RESTART = 32;
    /** service, reason: corruption risk, stop the new instance at once and restart the old one. */
    public static final int ROLLBACK_EMERGENCY = 7;
    /** service, reason: back to the last known good configuration, code unchanged. */
    public static final int ROLLBACK_CONFIGURATION = 8;
    /** service, reason: the running wave's connections back to the old instance, the rest stay, the update paused. */
    public static final int ROLLBACK_PARTIAL = 9;
    /** service, reason: stop advancing until approved ({@link #APPROVE}) or rolled back. */
    public static final int PAUSE = 10;
    /** service, reason: keep the new version, stop migrating. */
    public static final int FREEZE = 11;
    /** service, reason: back to a recent rollback point, skipping analysis. */
    public static final int FAST_UNDO = 12;
    /** service, then {@code key=value} lines: a new configuration version for the service. */
    public static final int CONFIGURE = 13;
}
