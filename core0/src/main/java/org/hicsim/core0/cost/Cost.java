package org.hicsim.core0.cost;

import org.hicsim.core0.sim.Simulation;

/**
 * One entry of the model's {@link CostTable}: what a simulated operation costs in virtual time (or, for a
 * bandwidth, how fast it moves bytes). The defaults are round figures of the order a microkernel on a current
 * server core shows, chosen so that the parts of an update keep their proportions; they are a model, never
 * measured from the host the simulator runs on. {@code docs/cost-model.md} says where each comes from.
 */
public enum Cost
{
    /** One-way delivery of an IPC message between two sandboxes, from send to the receiver's queue. */
    IPC_LATENCY("ipc.latency", Unit.NANOSECONDS, Simulation.MICROS),
    /**
     * CPU a server spends on each request beyond what the service itself computes: the kernel entry and exit,
     * the dispatch lookup, decoding the request and encoding the reply. A service that computes nothing still
     * costs this, so no request is free.
     */
    REQUEST_CPU("request.cpu", Unit.NANOSECONDS, 5 * Simulation.MICROS),
    /** Copying one KiB between buffers (about 10 GB/s), charged for every message byte copied in or out. */
    COPY_PER_KIB("copy.per_kib", Unit.NANOSECONDS, 100),
    /** Checksumming or hashing one KiB (CRC32, SHA-256: about 1.4 GB/s). */
    HASH_PER_KIB("hash.per_kib", Unit.NANOSECONDS, 700),
    /** LZ4-compressing one KiB (about 460 MB/s on one core). */
    COMPRESS_PER_KIB("compress.per_kib", Unit.NANOSECONDS, 2_200),
    /** LZ4-decompressing one KiB of output (about 2.5 GB/s on one core). */
    DECOMPRESS_PER_KIB("decompress.per_kib", Unit.NANOSECONDS, 400),
    /**
     * One X25519 scalar multiplication (about 30 µs on one core): an end of a migration channel makes one to
     * generate its ephemeral key pair and one for the agreement with its peer's public key.
     */
    X25519_CPU("x25519.cpu", Unit.NANOSECONDS, 30 * Simulation.MICROS),
    /** Sealing or opening one KiB with AES-256-GCM (about 3.4 GB/s with AES-NI on one core). */
    AEAD_PER_KIB("aead.per_kib", Unit.NANOSECONDS, 300),
    /** Time from a write or read request to the persistent store until its first byte moves. */
    STORE_LATENCY("store.latency", Unit.NANOSECONDS, 100 * Simulation.MICROS),
    /** Bytes the persistent store moves per second once a transfer has started. */
    STORE_BANDWIDTH("store.bandwidth", Unit.BYTES_PER_SECOND, 200_000_000L),
    /**
     * Core-0 creating a sandbox: contiguous frames claimed, a page table built, a capability space made (the
     * frames themselves are zeroed lazily, as they are first touched).
     */
    SANDBOX_CREATE("sandbox.create", Unit.NANOSECONDS, Simulation.MILLIS),
    /** One capability operation by a privileged caller: a grant, a derive, a revoke, a registry switch. */
    CAPABILITY_OP("capability.op", Unit.NANOSECONDS, Simulation.MICROS),
    /**
     * Verifying one signature of a bundle's chain (RSA-3072 with SHA-384 verifies at about 9,500 a second on one
     * core); a bundle's check is its signer, intermediate and root, plus {@link #HASH_PER_KIB} over the bundle.
     */
    SIGNATURE_VERIFY("signature.verify", Unit.NANOSECONDS, 105 * Simulation.MICROS),
    /**
     * The Module Manager's own work for one connection it moves: planning, the dispatch-table calls and the
     * bookkeeping of the move (the services' export and import work is their own).
     */
    MIGRATION_CONNECTION("migration.connection", Unit.NANOSECONDS, 10 * Simulation.MICROS);

    /** How an entry's value is read. */
    public enum Unit
    {
        NANOSECONDS,
        BYTES_PER_SECOND
    }

    private final String key;
    private final Unit unit;
    private final long defaultValue;

    Cost(final String key, final Unit unit, final long defaultValue)
    {
        this.key = key;
        this.unit = unit;
        this.defaultValue = defaultValue;
    }

    /** The name a scenario's {@code costs:} block and the documentation use, e.g. {@code ipc.latency}. */
    public String key()
    {
        return key;
    }

    public Unit unit()
    {
        return unit;
    }

    public long defaultValue()
    {
        return defaultValue;
    }

    /**
     * @return the entry named {@code key}, or null.
     */
    public static Cost byKey(final String key)
    {
        for (final Cost cost : values())
        {
            if (cost.key.equals(key))
            {
                return cost;
            }
        }
        return null;
    }
}
