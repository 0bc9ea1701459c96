package org.hicsim.mm.journal;

/**
 * What a journal read from its start found after its last whole record.
 */
public enum JournalTail
{
    /** Nothing: every byte belongs to a whole record. */
    CLEAN,
    /**
     * The last record is cut short, or its checksum fails and it reaches exactly to the end: a write that did not
     * finish (its writer died, or the device crashed). Expected after a crash; the record was never durable.
     */
    TORN,
    /**
     * A bad record with bytes after it, or a length no writer would write: damage to durable data (bit rot).
     * The records from there on are lost, since none after a bad one can be trusted.
     */
    CORRUPT
}
