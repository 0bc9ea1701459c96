package org.hicsim.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SemanticVersionTest
{
    @Property
    void shouldParseWhatItPrints(@ForAll("versions") final SemanticVersion version)
    {
        assertEquals(version, SemanticVersion.parse(version.toString()));
    }

    @Property
    void shouldUnpackWhatItPacks(@ForAll("versions") final SemanticVersion version)
    {
        assertEquals(version, SemanticVersion.unpack(version.packed()));
    }

    @Property
    void shouldOrderFieldByField(
        @ForAll("versions") final SemanticVersion a, @ForAll("versions") final SemanticVersion b)
    {
        final int byFields = a.major() != b.major() ? Integer.compare(a.major(), b.major())
            : a.minor() != b.minor() ? Integer.compare(a.minor(), b.minor()) : Integer.compare(a.patch(), b.patch());

        assertEquals(Integer.signum(byFields), Integer.signum(a.compareTo(b)));
    }

    @Example
    void shouldPackAsHicDoes()
    {
        assertEquals(0x01_03_00, SemanticVersion.parse("1.3.0").packed());
    }

    @Example
    void shouldOrderNumericallyNotAsText()
    {
        assertTrue(SemanticVersion.parse("1.10.0").compareTo(SemanticVersion.parse("1.9.0")) > 0);
        assertTrue(SemanticVersion.parse("2.0.0").compareTo(SemanticVersion.parse("1.99.99")) > 0);
    }

    @Example
    void shouldRefuseANumberOutOfItsRange()
    {
        assertThrows(IllegalArgumentException.class, () -> new SemanticVersion(1, SemanticVersion.MINOR_MAX + 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SemanticVersion(1, 0, -1));
    }

    @Example
    void shouldRefuseLeadingZeros()
    {
        assertEquals("'1.03.0' is not a semantic version",
            assertThrows(IllegalArgumentException.class, () -> SemanticVersion.parse("1.03.0")).getMessage());
    }

    @Example
    void shouldRefuseAPreReleaseSuffix()
    {
        assertThrows(IllegalArgumentException.class, () -> SemanticVersion.parse("1.3.0-rc1"));
    }

    @Example
    void shouldRefuseAMajorOverSixteenBits()
    {
        assertEquals("'65536.0.0': major 65536 exceeds 65535 (HIC packs a version as major<<16|minor<<8|patch)",
            assertThrows(IllegalArgumentException.class, () -> SemanticVersion.parse("65536.0.0")).getMessage());
    }

    @Provide
    static Arbitrary<SemanticVersion> versions()
    {
        return Combinators.combine(
            Arbitraries.integers().between(0, SemanticVersion.MAJOR_MAX),
            Arbitraries.integers().between(0, SemanticVersion.MINOR_MAX),
            Arbitraries.integers().between(0, SemanticVersion.PATCH_MAX)).as(SemanticVersion::new);
    }
}
