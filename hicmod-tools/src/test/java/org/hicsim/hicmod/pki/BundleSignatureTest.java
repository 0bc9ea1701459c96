package org.hicsim.hicmod.pki;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import org.hicsim.hicmod.Bundle;
import org.hicsim.hicmod.BundleReader;
import org.hicsim.hicmod.pki.VerificationException.Reason;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BundleSignatureTest
{
    @Test
    void shouldVerifyRsaAndEd25519SignedBundles()
    {
        for (final ModulePki pki : List.of(TestPki.rsa(), TestPki.ed25519()))
        {
            final Bundle signed = sign(pki, TestModules.netstack("1.3.0"));
            assertEquals(TestPki.SIGNED_AT, verifier(pki).verify(signed, TestPki.VERIFIED_AT).signingTime());
        }
    }

    @Test
    void shouldPairVerifiedBundleWithItsSignature()
    {
        final Bundle signed = sign(TestPki.rsa(), TestModules.netstack("1.3.0"));
        final VerifiedBundle verified = verifier(TestPki.rsa()).verifyBundle(signed, TestPki.VERIFIED_AT);
        assertEquals(signed, verified.bundle());
        assertEquals(PkiGenerator.SIGNER_SUBJECT, verified.signature().signerSubject());
    }

    @Test
    void shouldRefuseToMakeVerifiedBundleOfUnsignedBundle()
    {
        assertRefused(Reason.NOT_SIGNED, () -> verifier(TestPki.rsa()).verifyBundle(TestModules.netstack("1.3.0"), TestPki.VERIFIED_AT));
    }

    @Test
    void shouldLeaveSignedBytesUnchangedWhenSigning()
    {
        final Bundle unsigned = TestModules.netstack("1.3.0");
        assertArrayEquals(unsigned.toBytes(), sign(TestPki.rsa(), unsigned).signedBytes());
    }

    @Test
    void shouldReplaceSignatureWhenSigningAgain()
    {
        final ModulePki pki = TestPki.rsa();
        final Bundle first = sign(pki, TestModules.netstack("1.3.0"));
        final Bundle again = BundleReader.read(new BundleSigner(pki.signingCredentials(),
            TestPki.fixedAt(TestPki.SIGNED_AT.plus(Duration.ofHours(1)))).sign(first));
        assertEquals(TestPki.SIGNED_AT.plus(Duration.ofHours(1)), verifier(pki).verify(again, TestPki.VERIFIED_AT).signingTime());
    }

    @Test
    void shouldRefuseUnsignedBundle()
    {
        assertRefused(Reason.NOT_SIGNED, () -> verifier(TestPki.rsa()).verify(TestModules.netstack("1.3.0"), TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseSignatureMovedOntoAnotherModule()
    {
        final Bundle netstack = sign(TestPki.rsa(), TestModules.netstack("1.3.0"));
        final Bundle ethDriver = BundleReader.read(TestModules.unsigned("eth_driver", "1.3.0",
            TestModules.ETH_DRIVER_UUID).withSignature(netstack.signature()));
        assertRefused(Reason.CONTENT_DIGEST_MISMATCH, () -> verifier(TestPki.rsa()).verify(ethDriver, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseSignatureMovedOntoAnotherVersionOfTheSameModule()
    {
        final Bundle released = sign(TestPki.rsa(), TestModules.netstack("1.3.0"));
        final Bundle other = BundleReader.read(TestModules.netstack("1.3.1").withSignature(released.signature()));
        assertRefused(Reason.CONTENT_DIGEST_MISMATCH, () -> verifier(TestPki.rsa()).verify(other, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseBundleWithChangedCertificateInItsSignature() throws Exception
    {
        final ModulePki pki = TestPki.rsa();
        final byte[] signed = sign(pki, TestModules.netstack("1.3.0")).toBytes();
        final byte[] intermediate = pki.intermediate().certificate().getEncoded();
        final Bundle tampered = BundleReader.read(RawCms.flipLastByteOf(signed, intermediate));
        assertRefused(Reason.CERTIFICATE_SIGNATURE_INVALID, () -> verifier(pki).verify(tampered, TestPki.VERIFIED_AT));
    }

    @Test
    void shouldRefuseBundleWithChangedSignatureValue() throws Exception
    {
        final ModulePki pki = TestPki.rsa();
        final Bundle signed = sign(pki, TestModules.netstack("1.3.0"));
        final Bundle tampered = BundleReader.read(
            RawCms.flipLastByteOf(signed.toBytes(), RawCms.signatureValue(signed.signature())));
        assertRefused(Reason.BAD_SIGNATURE, () -> verifier(pki).verify(tampered, TestPki.VERIFIED_AT));
    }

    private static Bundle sign(final ModulePki pki, final Bundle bundle)
    {
        return BundleReader.read(
            new BundleSigner(pki.signingCredentials(), TestPki.fixedAt(TestPki.SIGNED_AT)).sign(bundle));
    }

    private static BundleVerifier verifier(final ModulePki pki)
    {
        return new BundleVerifier(List.of(pki.root().certificate()));
    }

    private static void assertRefused(final Reason reason, final Executable verification)
    {
        assertEquals(reason, assertThrows(VerificationException.class, verification).reason());
    }
}
