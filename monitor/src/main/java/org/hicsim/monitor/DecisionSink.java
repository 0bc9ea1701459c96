package org.hicsim.monitor;

import org.hicsim.monitor.decision.Decision;

/** Where the Monitor's decisions go: the Module Manager's endpoint once wired, a list in tests. */
@FunctionalInterface
public interface DecisionSink
{
    void decision(Decision decision);
}
