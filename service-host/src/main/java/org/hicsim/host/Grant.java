package org.hicsim.host;

import java.util.Objects;

import org.hicsim.core0.cap.ObjectKind;
import org.hicsim.core0.cap.Rights;

/**
 * One capability the policy gives a service at start: the kernel object and the rights.
 *
 * @param kind     what the object is.
 * @param objectId its id in that kind's id space.
 * @param rights   {@link Rights} bits.
 */
public record Grant(ObjectKind kind, int objectId, int rights)
{
    public Grant
    {
        Objects.requireNonNull(kind, "kind");
        if (objectId < 0)
        {
            throw new IllegalArgumentException("objectId=" + objectId + " must not be negative");
        }
        Rights.checkRights(rights);
    }
}
