package org.hicsim.monitor.rule;

/**
 * What a NODATA verdict weighs in an aggregate verdict. Whatever the policy, an aggregate whose criteria all say
 * NODATA is NODATA: no data never passes.
 */
public enum NoDataPolicy
{
    /** Left out of the aggregate: a metric that may legitimately stay silent. */
    IGNORE,
    /** Counted as INCONCLUSIVE: the default, the update waits for data. */
    INCONCLUSIVE,
    /** Counted as FAIL: a metric that must report (a heartbeat). */
    FAIL
}
