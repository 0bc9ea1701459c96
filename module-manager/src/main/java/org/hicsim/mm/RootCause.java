package org.hicsim.mm;

import java.util.List;
import java.util.Locale;

/**
 * HIC 4.3 step 5.4.2's root-cause report of a rollback: the problem's category, judged from the evidence, and the
 * evidence itself, one {@code name=value} line each.
 *
 * @param category what the evidence points to.
 * @param evidence the facts it was judged from: the rollback's reason, the new instance's crash record, its error
 *                 rate and latency against the old one's, its memory growth, the configuration changes and the
 *                 dependencies' state while the update ran.
 */
public record RootCause(Category category, List<String> evidence)
{
    /** The document's four problem classes. */
    public enum Category
    {
        /** A bug of the new version: it crashed, erred or answered differently with nothing else changed. */
        CODE_DEFECT,
        /** The configuration changed while the update ran: the new code may be fine under the old one. */
        CONFIGURATION,
        /** Memory or CPU: a leak, a quota hit, an allocation refused. */
        RESOURCE,
        /** A service it depends on failed or was refused. */
        EXTERNAL_DEPENDENCY;

        public String key()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RootCause
    {
        evidence = List.copyOf(evidence);
    }

    /** Whether the failed bundle is to blame, and so marked problematic: a code defect or a resource problem. */
    public boolean blamesBundle()
    {
        return category == Category.CODE_DEFECT || category == Category.RESOURCE;
    }
}
