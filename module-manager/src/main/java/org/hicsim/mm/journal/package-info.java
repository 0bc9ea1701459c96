/**
 * The Module Manager's write-ahead journal on Core-0's persistent store: length, CRC32C, type and payload per
 * record ({@link org.hicsim.mm.journal.JournalRecordDescriptor}), group commit, and recovery that keeps exactly
 * the whole records and cuts a torn or corrupt tail off before new records follow.
 */
package org.hicsim.mm.journal;
