package org.hicsim.core0.audit;

/**
 * Where Core-0's mechanisms report what an auditor must be able to see: every refusal (a forged handle, a
 * missing right), every sandbox created or killed, every endpoint switch. The hash-chained {@link AuditLog} is
 * the real implementation; tests may collect records in a list.
 */
@FunctionalInterface
public interface AuditSink
{
    /**
     * @param kind      a dotted event name, e.g. {@code cap.refused}, {@code sandbox.fault}.
     * @param sandboxId the sandbox the record is about, 0 for Core-0 itself.
     * @param detail    {@code name=value} pairs separated by single spaces.
     */
    void record(String kind, int sandboxId, String detail);
}
