package org.hicsim.services;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hicsim.core0.spi.ResultRange;
import org.hicsim.services.counter.CounterProtocol;
import org.hicsim.services.dns_resolver.DnsResolverProtocol;
import org.hicsim.services.eth_driver.EthDriverProtocol;
import org.hicsim.services.firewall.FirewallProtocol;
import org.hicsim.services.ipc_lib.IpcLibProtocol;
import org.hicsim.services.netstack.NetstackProtocol;
import org.hicsim.services.web_server.WebServerProtocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every code a catalogue service declares for itself lies in {@link ResultRange#SERVICE}, so a client never
 * reads it as the SPI's or Core-0's.
 */
class ServiceCodesRangeTest
{
    private static final List<Class<?>> PROTOCOLS = List.of(CounterProtocol.class, DnsResolverProtocol.class,
        EthDriverProtocol.class, FirewallProtocol.class, IpcLibProtocol.class, NetstackProtocol.class,
        WebServerProtocol.class);

    @Property
    void everyServiceCodeIsInTheServiceRange(@ForAll("serviceCodes") final Field code) throws IllegalAccessException
    {
        assertEquals(ResultRange.SERVICE, ResultRange.of(code.getInt(null)), code::toString);
    }

    /** A protocol's negative int constants: its result codes (its operations are positive). */
    @Provide
    Arbitrary<Field> serviceCodes()
    {
        return Arbitraries.of(PROTOCOLS.stream()
            .flatMap(protocol -> Arrays.stream(protocol.getFields()))
            .filter(field -> field.getType() == int.class && Modifier.isStatic(field.getModifiers()))
            .filter(field -> intValue(field) < 0)
            .toList());
    }

    private static int intValue(final Field field)
    {
        try
        {
            return field.getInt(null);
        }
        catch (final IllegalAccessException ex)
        {
            throw new IllegalStateException("field=" + field, ex);
        }
    }
}
