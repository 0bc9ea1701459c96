/**
 * Capabilities: the authority a sandbox holds over kernel objects, checked on every use.
 * <p>
 * The model is seL4's with HIC's names, numbers and limits. Each sandbox has a capability space (seL4: CNode) of
 * slots; a slot holds a capability (object kind, object id, {@link org.hicsim.core0.cap.Rights rights},
 * {@link org.hicsim.core0.cap.CapFlags flags}, badge). One derivation tree (seL4: CDT) across all spaces records
 * which capability was made from which. A sandbox names its capabilities by
 * {@link org.hicsim.core0.cap.HandleDescriptor handles}: a per-space random token, the slot's generation and the
 * slot index, so a made-up handle, one kept after its capability went away, or another sandbox's is refused.
 * <p>
 * Operations ({@link org.hicsim.core0.cap.CapabilitySystem}), seL4's name first, HIC's after:
 * <ul>
 *   <li>issue (HIC grant): Core-0 only; makes an original, the root of a derivation tree.</li>
 *   <li>copy: same space, same badge, rights only shrink; a child of the source; needs DERIVE.</li>
 *   <li>mint (HIC derive): copy plus an optional badge, settable only on an unbadged source; needs DERIVE.</li>
 *   <li>move (HIC transfer): to another space, old handle dead, same place in the tree; needs TRANSFER.</li>
 *   <li>HIC transfer with attenuation: a child made directly in another space; needs TRANSFER and DERIVE.</li>
 *   <li>revoke: deletes every descendant in every space, the capability itself stays; needs REVOKE; idempotent;
 *       refused on IMMUTABLE.</li>
 *   <li>delete: empties the slot; its children move up to its parent (seL4), they are not deleted.</li>
 * </ul>
 * Invariants kept (HIC's formal list): handles unforgeable; rights never grow along a derivation; a revoke
 * reaches every descendant wherever it has moved; the tree is acyclic; a capability derives at most
 * {@link org.hicsim.core0.cap.CapLimits#CHILDREN_MAX} children and at most
 * {@link org.hicsim.core0.cap.CapLimits#DERIVATION_DEPTH_MAX} levels below its original; only Core-0 issues.
 */
package org.hicsim.core0.cap;
