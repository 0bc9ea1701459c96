package org.hicsim.monitor.rule;

/** A policy, criterion or weight set that cannot be loaded; the message names the offending value. */
public final class InvalidRuleException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public InvalidRuleException(final String message)
    {
        super(message);
    }
}
