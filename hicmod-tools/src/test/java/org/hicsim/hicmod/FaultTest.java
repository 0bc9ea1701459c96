package org.hicsim.hicmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FaultTest
{
    @Example
    void shouldParseAKindWithoutParameters()
    {
        final Fault fault = Fault.parse("crash-on-start");

        assertEquals("crash-on-start", fault.kind());
        assertTrue(fault.parameters().isEmpty());
    }

    @Example
    void shouldParseIntegerAndDecimalParameters()
    {
        final Fault fault = Fault.parse("error-rate p=0.05 seed=7");

        assertEquals("error-rate", fault.kind());
        assertEquals(Map.of("p", "0.05", "seed", "7"), fault.parameters());
    }

    @Example
    void shouldWriteParametersInKeyOrder()
    {
        assertEquals("slow percent=30 seed=1", Fault.parse("slow seed=1 percent=30").toString());
    }

    @Example
    void shouldRefuseAKeyGivenTwice()
    {
        final IllegalArgumentException refusal =
            assertThrows(IllegalArgumentException.class, () -> Fault.parse("slow percent=30 percent=40"));

        assertEquals("'percent' is given twice", refusal.getMessage());
    }

    @Example
    void shouldRefuseTextOverTheMaximum()
    {
        final String text = "slow percent=" + "1".repeat(Fault.LENGTH_MAX - "slow percent=".length() + 1);

        assertThrows(IllegalArgumentException.class, () -> Fault.parse(text));
    }

    @Example
    void shouldAcceptTextAtTheMaximum()
    {
        final String text = "slow percent=" + "1".repeat(Fault.LENGTH_MAX - "slow percent=".length());

        assertEquals(text, Fault.parse(text).toString());
    }

    @Property
    void shouldRefuseEveryMalformedDescription(@ForAll("malformed") final String text)
    {
        final IllegalArgumentException refusal =
            assertThrows(IllegalArgumentException.class, () -> Fault.parse(text));

        assertTrue(refusal.getMessage().contains("is not a fault"), refusal.getMessage());
    }

    @Property
    void shouldParseItsOwnTextBackToTheSameFault(@ForAll("faults") final String text)
    {
        final Fault fault = Fault.parse(text);

        assertEquals(fault, Fault.parse(fault.toString()));
        assertEquals(fault.toString(), Fault.parse(fault.toString()).toString());
    }

    @Provide
    static Arbitrary<String> malformed()
    {
        return Arbitraries.of(
            "", "Crash", "1crash", "-crash", "crash_on_start", "crash  p=1", " crash", "crash ", "crash p=",
            "crash p=1.", "crash p=.5", "crash p=-1", "crash p=1e3", "crash P=1", "crash _p=1", "crash p-q=1",
            "crash p=1\tq=2", "crash p=1\nq=2", "crash p", "crash =1", "crash p==1", "crash p=\"1\"");
    }

    @Provide
    static Arbitrary<String> faults()
    {
        final Arbitrary<String> kinds = Arbitraries.strings().withCharRange('a', 'z').withChars('-', '7')
            .ofMinLength(0).ofMaxLength(20).map(tail -> "k" + tail);
        final Arbitrary<String> keys = Arbitraries.strings().withCharRange('a', 'z').withChars('_', '3')
            .ofMinLength(0).ofMaxLength(8).map(tail -> "p" + tail);
        final Arbitrary<String> values = Combinators.combine(Arbitraries.longs().between(0, 1_000_000),
            Arbitraries.of("", ".5", ".05", ".125")).as((whole, fraction) -> whole + fraction);
        final Arbitrary<List<String>> parameters = Combinators.combine(keys, values).as((key, value) -> key + "=" + value)
            .list().ofMaxSize(4).filter(list -> list.stream().map(p -> p.substring(0, p.indexOf('='))).distinct()
                .count() == list.size());
        return Combinators.combine(kinds, parameters)
            .as((kind, list) -> list.isEmpty() ? kind : kind + " " + list.stream().collect(Collectors.joining(" ")))
            .filter(text -> text.length() <= Fault.LENGTH_MAX);
    }
}
