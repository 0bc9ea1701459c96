package org.hicsim.services.netstack;

import org.hicsim.core0.spi.ServiceContext;

/**
 * What differs between netstack versions: the state version of the connection records an instance keeps, the
 * fields that version adds, and the conversions to and from the versions it can read and write (Erlang/OTP's
 * {@code code_change}). Every version keeps the fields of {@link ConnectionRecordV1Descriptor} at their offsets
 * and appends its own, so the shared code reads and writes any version's records.
 */
public interface StateFormat
{
    /** The state version of the records this instance keeps. */
    int stateVersion();

    /**
     * @return the record length of {@code stateVersion}, or -1 when this instance can neither read nor write it.
     */
    int recordLength(int stateVersion);

    /** Gives the fields beyond version 1 of a new record at {@code recordAddress} their first values. */
    void initialise(ServiceContext context, long recordAddress);

    /** The round trip the connection's transient TCP states last. */
    long roundTripNs(ServiceContext context, long recordAddress);

    /** A round-trip measurement from an echoed send time. */
    void onRoundTripSample(ServiceContext context, long recordAddress, long sampleNs);

    /**
     * Writes the record at {@code recordAddress} into {@code dst} in {@code stateVersion}, one this format has a
     * {@link #recordLength} for, converting down where needed.
     *
     * @return its length.
     */
    int exportRecord(ServiceContext context, long recordAddress, int stateVersion, byte[] dst);

    /**
     * Writes a record given in {@code stateVersion} (with a {@link #recordLength}) to {@code recordAddress} in
     * this format's own version, converting up where needed.
     */
    void importRecord(ServiceContext context, byte[] src, int stateVersion, long recordAddress);
}
