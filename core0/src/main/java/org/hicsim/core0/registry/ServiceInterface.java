package org.hicsim.core0.registry;

/**
 * One interface of a service regardless of version, {@code netstack/tcp}: what a client calls, and what owns a
 * default endpoint in the {@link ServiceRegistry}.
 */
public record ServiceInterface(String service, String iface) implements Comparable<ServiceInterface>
{
    /** Longest service or interface name. */
    public static final int NAME_LENGTH_MAX = 64;

    public ServiceInterface
    {
        checkIdentifier(service + "/" + iface, "service", service);
        checkIdentifier(service + "/" + iface, "interface", iface);
    }

    /**
     * Parses {@code SERVICE/INTERFACE}.
     *
     * @throws InvalidServiceNameException naming the part that is wrong.
     */
    public static ServiceInterface parse(final String text)
    {
        final int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/'))
        {
            throw new InvalidServiceNameException(text, "must be SERVICE/INTERFACE");
        }
        return new ServiceInterface(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public int compareTo(final ServiceInterface other)
    {
        final int result = service.compareTo(other.service);
        return 0 != result ? result : iface.compareTo(other.iface);
    }

    @Override
    public String toString()
    {
        return service + "/" + iface;
    }

    /**
     * A service or interface name: a lower-case letter, then lower-case letters, digits, '_' or '-'
     * ({@code eth_driver}, {@code tcp}), at most {@link #NAME_LENGTH_MAX} characters.
     */
    static void checkIdentifier(final String text, final String partName, final String part)
    {
        if (null == part || part.isEmpty() || part.length() > NAME_LENGTH_MAX)
        {
            throw new InvalidServiceNameException(String.valueOf(text),
                partName + " must have 1 to " + NAME_LENGTH_MAX + " characters");
        }
        final char first = part.charAt(0);
        final boolean valid = first >= 'a' && first <= 'z' && part.chars().allMatch(
            c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
        if (!valid)
        {
            throw new InvalidServiceNameException(text, partName + " \"" + part +
                "\" must start with a-z and hold only a-z, 0-9, '_' and '-'");
        }
    }
}
