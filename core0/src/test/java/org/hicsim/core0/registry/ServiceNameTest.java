package org.hicsim.core0.registry;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hicsim.common.SemanticVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceNameTest
{
    @Test
    void shouldParseServiceVersionAndInterface()
    {
        final ServiceName name = ServiceName.parse("cap://netstack/v1.3.0/tcp");
        assertEquals("netstack", name.service());
        assertEquals(new SemanticVersion(1, 3, 0), name.version());
        assertEquals("tcp", name.iface());
        assertEquals(new ServiceInterface("netstack", "tcp"), name.serviceInterface());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "netstack/v1.3.0/tcp          | must start with cap://",
        "cap://netstack/v1.3.0        | must be cap://SERVICE/vMAJOR.MINOR.PATCH/INTERFACE",
        "cap://netstack/v1.3.0/tcp/x  | must be cap://SERVICE/vMAJOR.MINOR.PATCH/INTERFACE",
        "cap://netstack/1.3.0/tcp     | version \"1.3.0\" must be vMAJOR.MINOR.PATCH",
        "cap://netstack/v1.3/tcp      | version \"v1.3\": '1.3' is not a semantic version",
        "cap://netstack/v1.03.0/tcp   | version \"v1.03.0\": '1.03.0' is not a semantic version",
        "cap://netstack/v1.3.-1/tcp   | version \"v1.3.-1\": '1.3.-1' is not a semantic version",
        "cap://netstack/v1.256.0/tcp  | version \"v1.256.0\": '1.256.0': minor 256 exceeds 255",
        "cap://NetStack/v1.3.0/tcp    | service \"NetStack\" must start with a-z",
        "cap://netstack/v1.3.0/       | interface must have 1 to 64 characters",
        "cap://net stack/v1.3.0/tcp   | service \"net stack\" must start with a-z",
    })
    void shouldNameTheWrongPartOfABadName(final String text, final String reason)
    {
        final InvalidServiceNameException ex =
            assertThrows(InvalidServiceNameException.class, () -> ServiceName.parse(text));
        assertTrue(ex.getMessage().startsWith("bad service name \"" + text + "\": "), ex.getMessage());
        assertTrue(ex.getMessage().contains(reason), ex.getMessage());
    }

    @Test
    void shouldParseServiceInterface()
    {
        assertEquals(new ServiceInterface("eth_driver", "rx-queue"), ServiceInterface.parse("eth_driver/rx-queue"));
        assertThrows(InvalidServiceNameException.class, () -> ServiceInterface.parse("netstack/tcp/x"));
        assertThrows(InvalidServiceNameException.class, () -> ServiceInterface.parse("netstack"));
    }

    @Test
    void shouldRejectAnOverlongServiceName()
    {
        final String longName = "s".repeat(ServiceInterface.NAME_LENGTH_MAX + 1);
        assertThrows(InvalidServiceNameException.class, () -> new ServiceInterface(longName, "tcp"));
    }

    @Property
    void shouldParseWhatItPrints(@ForAll("names") final ServiceName name)
    {
        assertEquals(name, ServiceName.parse(name.toString()));
    }

    @Provide
    Arbitrary<ServiceName> names()
    {
        final Arbitrary<String> identifier = Combinators.combine(
            Arbitraries.chars().range('a', 'z'),
            Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_', '-').ofMaxLength(20))
            .as((first, rest) -> first + rest);
        final Arbitrary<SemanticVersion> version = Combinators.combine(
            Arbitraries.integers().between(0, SemanticVersion.MAJOR_MAX),
            Arbitraries.integers().between(0, SemanticVersion.MINOR_MAX),
            Arbitraries.integers().between(0, SemanticVersion.PATCH_MAX)).as(SemanticVersion::new);
        return Combinators.combine(identifier, version, identifier)
            .as((service, v, iface) -> ServiceName.of(service, v, iface));
    }
}
