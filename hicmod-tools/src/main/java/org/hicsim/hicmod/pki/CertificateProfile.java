package org.hicsim.hicmod.pki;

import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What a certificate may be used for: whether it is a CA and how many CAs may follow it, its key usage bits
 * (Bouncy Castle's {@link KeyUsage} flags) and its extended key usages.
 *
 * @param certificateAuthority whether basicConstraints says CA.
 * @param pathLength           for a CA, how many intermediate CAs may follow it; {@link #NOT_A_CA} otherwise.
 * @param keyUsage             {@link KeyUsage} bits, written as a critical extension.
 * @param extendedKeyUsages    written as a non-critical extension when not empty.
 */
public record CertificateProfile(
    boolean certificateAuthority, int pathLength, int keyUsage, List<KeyPurposeId> extendedKeyUsages)
{
    /** The {@link #pathLength} of a certificate that is not a CA. */
    public static final int NOT_A_CA = -1;

    /** A root CA that may sign one level of intermediate CAs. */
    public static final CertificateProfile ROOT_CA =
        new CertificateProfile(true, 1, KeyUsage.keyCertSign | KeyUsage.cRLSign, List.of());

    /** An intermediate CA that may sign only end-entity certificates. */
    public static final CertificateProfile INTERMEDIATE_CA =
        new CertificateProfile(true, 0, KeyUsage.keyCertSign | KeyUsage.cRLSign, List.of());

    /** A module signing certificate: digitalSignature and the codeSigning extended key usage. */
    public static final CertificateProfile CODE_SIGNING =
        new CertificateProfile(false, NOT_A_CA, KeyUsage.digitalSignature, List.of(KeyPurposeId.id_kp_codeSigning));

    public CertificateProfile
    {
        if (certificateAuthority ? pathLength < 0 : pathLength != NOT_A_CA)
        {
            throw new IllegalArgumentException(
                "certificateAuthority=" + certificateAuthority + " does not allow pathLength=" + pathLength);
        }
        extendedKeyUsages = List.copyOf(extendedKeyUsages);
    }
}
