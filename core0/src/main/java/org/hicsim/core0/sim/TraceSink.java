package org.hicsim.core0.sim;

/**
 * Receives every trace line of a run, in order. A line is complete text without its newline.
 */
@FunctionalInterface
public interface TraceSink
{
    TraceSink NONE = line -> { };

    void accept(String line);
}
