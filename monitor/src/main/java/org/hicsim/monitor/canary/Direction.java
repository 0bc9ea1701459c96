package org.hicsim.monitor.canary;

/** Which way a metric fails, as Kayenta's metric direction: latency fails going up, throughput going down. */
public enum Direction
{
    INCREASE,
    DECREASE,
    EITHER
}
