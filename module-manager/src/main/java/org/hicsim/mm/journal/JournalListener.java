package org.hicsim.mm.journal;

/**
 * Told when an appended record is durable, or that it never will be. Always from an event in virtual time, in
 * the order the records were appended.
 */
@FunctionalInterface
public interface JournalListener
{
    /**
     * @param recordNumber what {@link Journal#append} returned: the record's index from the journal's start.
     * @param result       {@code >= 0}: the record is durable and the journal is this many bytes long;
     *                     {@code < 0}: a {@link org.hicsim.core0.store.StoreError} code or {@link Journal#FAILED}:
     *                     it is not, and the journal takes no more records until it is opened again.
     */
    void onAppended(long recordNumber, long result);
}
