package org.hicsim.hicmod.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A certificate together with the private key of its subject: what a CA needs to issue, or a signer to sign.
 */
public record CertifiedKey(X509Certificate certificate, PrivateKey privateKey)
{
}
