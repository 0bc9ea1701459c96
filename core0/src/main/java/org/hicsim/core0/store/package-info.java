/**
 * Core-0's persistent store: a simulated device of named files that survives every sandbox's death, with
 * operations that take virtual time from the cost table one at a time, capability-checked access, torn writes
 * when a writer dies or the device crashes, and a fault point for a slow or failing store.
 */
package org.hicsim.core0.store;
