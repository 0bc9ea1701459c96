package org.hicsim.hicmod.pki;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertThrows;

class CmsVerifierPropertyTest
{
    private static final byte[] RSA_SIGNATURE = TestPki.sign(TestPki.rsa().signingCredentials());
    private static final byte[] ED25519_SIGNATURE = TestPki.sign(TestPki.ed25519().signingCredentials());

    /**
     * Every byte matters, including those CMS leaves unsigned (versions, the outer digest algorithm list, the
     * encoding of carried certificates), and a changed byte is a {@link VerificationException}, never another
     * exception.
     */
    @Property(tries = 400)
    void anySingleByteChangeIsRefused(
        @ForAll final boolean ed25519,
        @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) final int position,
        @ForAll @IntRange(min = 1, max = 255) final int mask)
    {
        final ModulePki pki = ed25519 ? TestPki.ed25519() : TestPki.rsa();
        final byte[] tampered = (ed25519 ? ED25519_SIGNATURE : RSA_SIGNATURE).clone();
        tampered[position % tampered.length] ^= (byte)mask;
        assertThrows(VerificationException.class,
            () -> TestPki.verifierTrusting(pki.root()).verify(TestPki.CONTENT, tampered, TestPki.VERIFIED_AT));
    }
}
