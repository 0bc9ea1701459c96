package org.hicsim.core0;

import java.util.HashMap;
import java.util.Map;

import org.agrona.collections.Int2ObjectHashMap;
import org.hicsim.core0.spi.ServiceContext;

/**
 * The names under which the loader handed a sandbox its boot capabilities ({@code net.mmio}, {@code netstack}),
 * so that a service finds a handle by what its manifest asked for instead of by the order of the grants.
 * <p>
 * A name is only a label: it grants nothing, and the handle it gives is checked on use like any other, so a name
 * whose capability has since moved or been deleted gives a handle that is refused as stale. Names live as long
 * as their sandbox. Only looked up, never iterated, so the maps' order does not matter.
 */
final class BootCapabilityNames
{
    private final Int2ObjectHashMap<Map<String, Long>> namesBySandbox = new Int2ObjectHashMap<>();

    /**
     * @throws IllegalArgumentException if the name is empty or has white space.
     * @throws IllegalStateException    if the sandbox already has a capability of that name.
     */
    void name(final int sandboxId, final String name, final long handle)
    {
        checkName(name);
        final Map<String, Long> names = namesBySandbox.computeIfAbsent(sandboxId, id -> new HashMap<>());
        final Long existing = names.putIfAbsent(name, handle);
        if (existing != null)
        {
            throw new IllegalStateException("sandboxId=" + sandboxId + " name=" + name + " already names handle=0x" +
                Long.toHexString(existing));
        }
    }

    /**
     * @return the handle, or {@link ServiceContext#NO_CAPABILITY}.
     */
    long handle(final int sandboxId, final String name)
    {
        final Map<String, Long> names = namesBySandbox.get(sandboxId);
        final Long handle = names == null ? null : names.get(name);
        return handle == null ? ServiceContext.NO_CAPABILITY : handle;
    }

    void forget(final int sandboxId)
    {
        namesBySandbox.remove(sandboxId);
    }

    private static void checkName(final String name)
    {
        if (name == null || name.isEmpty() || name.chars().anyMatch(Character::isWhitespace))
        {
            throw new IllegalArgumentException("name='" + name + "' must be non-empty without white space");
        }
    }
}
