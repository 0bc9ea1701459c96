package org.hicsim.hicmod.pki;

import java.util.List;

/**
 * The three tiers of module signing: a root CA (the trust root verifiers are configured with), an intermediate
 * CA it certifies, and the module signing certificate the intermediate certifies.
 */
public record ModulePki(CertifiedKey root, CertifiedKey intermediate, CertifiedKey signer)
{
    /**
     * The signer's key with the chain a signature carries: signer and intermediate (verifiers hold the root).
     */
    public SigningCredentials signingCredentials()
    {
        return new SigningCredentials(
            signer.privateKey(), List.of(signer.certificate(), intermediate.certificate()));
    }
}
