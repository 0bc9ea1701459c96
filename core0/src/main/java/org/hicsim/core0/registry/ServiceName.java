package org.hicsim.core0.registry;

import org.hicsim.common.SemanticVersion;

/**
 * A versioned service name as HIC writes it, {@code cap://netstack/v1.3.0/tcp}: service, version, interface.
 * Ordered by service, interface, then version, so listings group the versions of one interface together.
 */
public record ServiceName(ServiceInterface serviceInterface, SemanticVersion version)
    implements Comparable<ServiceName>
{
    public static final String SCHEME = "cap://";

    public ServiceName
    {
        if (null == serviceInterface || null == version)
        {
            throw new NullPointerException("serviceInterface=" + serviceInterface + " version=" + version);
        }
    }

    public static ServiceName of(final String service, final SemanticVersion version, final String iface)
    {
        return new ServiceName(new ServiceInterface(service, iface), version);
    }

    /**
     * Parses {@code cap://SERVICE/vMAJOR.MINOR.PATCH/INTERFACE}.
     *
     * @throws InvalidServiceNameException naming the part that is wrong.
     */
    public static ServiceName parse(final String text)
    {
        if (!text.startsWith(SCHEME))
        {
            throw new InvalidServiceNameException(text, "must start with " + SCHEME);
        }
        final String[] parts = text.substring(SCHEME.length()).split("/", -1);
        if (parts.length != 3)
        {
            throw new InvalidServiceNameException(text, "must be " + SCHEME + "SERVICE/vMAJOR.MINOR.PATCH/INTERFACE");
        }
        ServiceInterface.checkIdentifier(text, "service", parts[0]);
        ServiceInterface.checkIdentifier(text, "interface", parts[2]);
        if (!parts[1].startsWith("v"))
        {
            throw new InvalidServiceNameException(text, "version \"" + parts[1] + "\" must be vMAJOR.MINOR.PATCH");
        }
        final SemanticVersion version;
        try
        {
            version = SemanticVersion.parse(parts[1].substring(1));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidServiceNameException(text, "version \"" + parts[1] + "\": " + ex.getMessage());
        }
        return of(parts[0], version, parts[2]);
    }

    public String service()
    {
        return serviceInterface.service();
    }

    public String iface()
    {
        return serviceInterface.iface();
    }

    @Override
    public int compareTo(final ServiceName other)
    {
        final int result = serviceInterface.compareTo(other.serviceInterface);
        return 0 != result ? result : version.compareTo(other.version);
    }

    @Override
    public String toString()
    {
        return SCHEME + service() + "/v" + version + "/" + iface();
    }
}
