package org.hicsim.core0.store;

/**
 * Told when a persistent-store operation it was given ends: always from an event in virtual time, never during
 * the call that submitted the operation. An operation whose sandbox died before it ended is never reported.
 */
@FunctionalInterface
public interface StoreListener
{
    /**
     * @param requestId what the submitting call returned.
     * @param result    {@code >= 0} on success: for an append the file's length after it, for a read the number
     *                  of bytes read into the destination, for a truncation the new length, for a deletion 0.
     *                  {@code < 0}: a {@link StoreError} code.
     */
    void onComplete(long requestId, long result);
}
