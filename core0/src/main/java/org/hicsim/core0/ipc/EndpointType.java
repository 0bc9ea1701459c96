package org.hicsim.core0.ipc;

/**
 * What an endpoint serves, with HIC's names (its registry's endpoint types).
 */
public enum EndpointType
{
    GENERIC,
    FILESYSTEM,
    SIGNER,
    MODULE_MGR,
    DEVICE
}
