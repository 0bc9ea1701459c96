package org.hicsim.scenario;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.hicsim.mm.RollbackKind;

/**
 * What a step does at its time; each kind follows a section of the HIC rolling-update document (see
 * {@code docs/scenario-format.md}). Plain data: the runner carries it out.
 */
public sealed interface Action
    permits Action.Update, Action.Crash, Action.Rollback, Action.Decision, Action.SetPolicy, Action.Configure
{
    /** The step's key, e.g. {@code update}, {@code set-policy}. */
    String key();

    /**
     * {@code update}: a live update of {@code service} to the bundle {@code to} (HIC 3.1-3.4).
     *
     * @param policy the update's own settings ({@code strategy:} and {@code policy:}), over the policy in force.
     * @param tamper what of the fetched bundle an attacker on the way changed, if anything ({@code tamper:}).
     * @param config what the new instance starts with over its manifest's defaults ({@code config:}), key to value
     *               as a Core-0 {@code Configuration} holds it, sorted by key; empty for the defaults alone.
     */
    record Update(String service, BundleRef to, PolicyChange policy, Tamper tamper, SortedMap<String, String> config)
        implements Action
    {
        public Update
        {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(tamper, "tamper");
            config = Collections.unmodifiableSortedMap(new TreeMap<>(config));
        }

        /** An update to the bundle as the repository holds it, its new instance on its manifest's defaults. */
        public Update(final String service, final BundleRef to, final PolicyChange policy)
        {
            this(service, to, policy, Tamper.NONE, new TreeMap<>());
        }

        @Override
        public String key()
        {
            return "update";
        }
    }

    /**
     * {@code update.tamper}: one byte of the bundle flipped between the repository and the Module Manager, as an
     * attacker on the way would, so that verification (HIC step 1.2) has something to refuse.
     */
    enum Tamper
    {
        /** The bundle as the repository holds it. */
        NONE,
        /** A byte in the middle of the compressed code: its SHA-384 no longer matches the signed one. */
        PAYLOAD,
        /** A byte in the middle of the CMS signature: the signature no longer verifies. */
        SIGNATURE;

        /** {@code none}, {@code payload}, {@code signature}. */
        public String key()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * {@code crash}: the instance's sandbox is killed, as a fault in its code would (HIC 4.1, failure level 1).
     * It is not restarted unless the policy in force says {@code restart_on_crash: true}; its connections are
     * lost, and their clients reconnect to the service's default instance.
     *
     * @param service  a service, or {@value #MODULE_MANAGER}.
     * @param instance which instance of the service; always {@link Instance#DEFAULT} for the Module Manager.
     */
    record Crash(String service, Instance instance) implements Action
    {
        /** The target that crashes the Module Manager itself (its journal lets it resume or roll back). */
        public static final String MODULE_MANAGER = "module-manager";

        public Crash
        {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(instance, "instance");
        }

        public boolean isModuleManager()
        {
            return service.equals(MODULE_MANAGER);
        }

        @Override
        public String key()
        {
            return "crash";
        }

        /** Which of a service's instances. */
        public enum Instance
        {
            /** The one the registry's default endpoint names now. */
            DEFAULT,
            /** The old version's, while an update of the service is in progress. */
            OLD,
            /** The new version's, while an update of the service is in progress. */
            NEW;

            /** {@code default}, {@code old}, {@code new}. */
            public String key()
            {
                return name().toLowerCase(Locale.ROOT);
            }
        }
    }

    /**
     * {@code rollback}: a manual rollback of the update of {@code service} in progress (HIC 4.3, steps 5.2-5.4),
     * or its cancellation before the point of no return.
     *
     * @param reason what the audit log records as the reason.
     * @param kind   which rollback ({@code kind:}): {@code full} (the default), {@code emergency},
     *               {@code configuration} (to the last known good configuration, code unchanged) or {@code partial}
     *               (the running wave back, the update paused).
     */
    record Rollback(String service, String reason, String kind) implements Action
    {
        /** The rollback kinds a step may ask for (the others are the Monitor's); {@code full} is the default. */
        public static final List<String> KINDS = Stream.of(RollbackKind.FULL, RollbackKind.EMERGENCY,
            RollbackKind.CONFIGURATION, RollbackKind.PARTIAL).map(RollbackKind::key).toList();

        public Rollback
        {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(reason, "reason");
            if (!KINDS.contains(kind))
            {
                throw new IllegalArgumentException("kind=" + kind + " is not one of " + KINDS);
            }
        }

        /** A full rollback. */
        public Rollback(final String service, final String reason)
        {
            this(service, reason, "full");
        }

        @Override
        public String key()
        {
            return "rollback";
        }
    }

    /**
     * {@code approve} or {@code reject}: the pending decision on {@code service} is taken. Approved, a canary or A/B
     * stage is promoted and a rollback that waits for manual confirmation is carried out (HIC 4.3, step 5.1.3);
     * rejected, the stage is not promoted (the update is rolled back) and the waiting rollback is called off.
     */
    record Decision(String service, boolean approved) implements Action
    {
        public Decision
        {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public String key()
        {
            return approved ? "approve" : "reject";
        }
    }

    /**
     * {@code set-policy}: the policy in force changes from now on, for one service or all (HIC 3.1, step 1.1's
     * update policy); updates asked for later start from it.
     *
     * @param service the service it is for, or null for every service.
     */
    record SetPolicy(String service, PolicyChange policy) implements Action
    {
        public SetPolicy
        {
            Objects.requireNonNull(policy, "policy");
        }

        @Override
        public String key()
        {
            return "set-policy";
        }
    }

    /**
     * {@code configure}: a new configuration pushed to the service's running instances (HIC 4.4's configuration
     * rollback works on these), fault parameters included, e.g. {@code fault.rate}.
     *
     * @param values key to value as written, sorted by key: what a Core-0 {@code Configuration} holds.
     */
    record Configure(String service, SortedMap<String, String> values) implements Action
    {
        public Configure
        {
            Objects.requireNonNull(service, "service");
            values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        }

        @Override
        public String key()
        {
            return "configure";
        }
    }
}
