package org.hicsim.services.faulty;

import org.hicsim.core0.spi.Configuration;
import org.hicsim.core0.spi.Message;
import org.hicsim.core0.spi.ServiceContext;

/**
 * A sandbox's context in which all CPU work costs the percentage more that its {@link SlowNetstack} says at the
 * time: what a slower code path looks like from outside. Everything else is the sandbox's own context, untouched.
 */
final class SlowerCpuContext implements ServiceContext
{
    private final ServiceContext context;
    private final SlowNetstack slow;

    SlowerCpuContext(final ServiceContext context, final SlowNetstack slow)
    {
        this.context = context;
        this.slow = slow;
    }

    @Override
    public long compute(final long workNs)
    {
        return context.compute(workNs + workNs * slow.extraPercent() / 100);
    }

    @Override
    public Configuration configuration()
    {
        return context.configuration();
    }

    @Override
    public long nextRandom()
    {
        return context.nextRandom();
    }

    @Override
    public int sandboxId()
    {
        return context.sandboxId();
    }

    @Override
    public long nowNs()
    {
        return context.nowNs();
    }

    @Override
    public long memoryBase()
    {
        return context.memoryBase();
    }

    @Override
    public long memoryBytes()
    {
        return context.memoryBytes();
    }

    @Override
    public byte loadByte(final long virtualAddress)
    {
        return context.loadByte(virtualAddress);
    }

    @Override
    public void storeByte(final long virtualAddress, final byte value)
    {
        context.storeByte(virtualAddress, value);
    }

    @Override
    public int loadInt(final long virtualAddress)
    {
        return context.loadInt(virtualAddress);
    }

    @Override
    public void storeInt(final long virtualAddress, final int value)
    {
        context.storeInt(virtualAddress, value);
    }

    @Override
    public long loadLong(final long virtualAddress)
    {
        return context.loadLong(virtualAddress);
    }

    @Override
    public void storeLong(final long virtualAddress, final long value)
    {
        context.storeLong(virtualAddress, value);
    }

    @Override
    public void loadBytes(final long virtualAddress, final byte[] dst, final int dstOffset, final int length)
    {
        context.loadBytes(virtualAddress, dst, dstOffset, length);
    }

    @Override
    public void storeBytes(final long virtualAddress, final byte[] src, final int srcOffset, final int length)
    {
        context.storeBytes(virtualAddress, src, srcOffset, length);
    }

    @Override
    public long capability(final String name)
    {
        return context.capability(name);
    }

    @Override
    public int log(final long logHandle, final String message)
    {
        return context.log(logHandle, message);
    }

    @Override
    public long createRegion(final long virtualAddress, final int pageCount)
    {
        return context.createRegion(virtualAddress, pageCount);
    }

    @Override
    public int mapRegion(final long regionHandle, final long virtualAddress)
    {
        return context.mapRegion(regionHandle, virtualAddress);
    }

    @Override
    public long transfer(final long handle, final int targetSandboxId)
    {
        return context.transfer(handle, targetSandboxId);
    }

    @Override
    public long delete(final long handle)
    {
        return context.delete(handle);
    }

    @Override
    public int call(final long serviceHandle, final Message request, final Message reply)
    {
        return context.call(serviceHandle, request, reply);
    }

    @Override
    public long createSharedRegion(final int snapshotBytes)
    {
        return context.createSharedRegion(snapshotBytes);
    }

    @Override
    public int mapSharedRegion(final long sharedHandle, final long virtualAddress)
    {
        return context.mapSharedRegion(sharedHandle, virtualAddress);
    }

    @Override
    public int publishSharedRegion(final long sharedHandle, final byte[] src, final int offset, final int length)
    {
        return context.publishSharedRegion(sharedHandle, src, offset, length);
    }
}
