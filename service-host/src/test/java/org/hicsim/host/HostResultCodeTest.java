package org.hicsim.host;

import org.junit.jupiter.api.Test;

import org.hicsim.core0.spi.ResultRange;
import org.hicsim.core0.spi.Status;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HostResultCodeTest
{
    @Test
    void shouldAnswerDeadInTheHostsOwnRange()
    {
        assertEquals(ResultRange.HOST, ResultRange.of(ServiceInstance.DEAD));
        assertEquals("HOST(" + ServiceInstance.DEAD + ")", Status.name(ServiceInstance.DEAD));
    }
}
