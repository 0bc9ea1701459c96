package org.hicsim.mm.journal;

/**
 * Told when {@link Journal#open} has read the journal back: from an event in virtual time.
 */
public interface JournalOpenListener
{
    /**
     * The journal is ready for appends, after its last whole record; {@code recovered} holds every whole record
     * in the order written and says what was dropped after them.
     */
    void onOpened(Journal journal, JournalScan recovered);

    /**
     * Reading or repairing the journal failed.
     *
     * @param code a negative {@link org.hicsim.core0.store.StoreError} code.
     */
    void onFailed(long code);
}
