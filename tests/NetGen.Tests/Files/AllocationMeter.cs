using System;

namespace NetGen.Tests.Files;

/// <summary>Runs a load and reports what it threw and how many bytes it allocated on this thread.</summary>
internal static class AllocationMeter
{
    /// <summary>
    /// The allocation every file test allows on top of the network's own size: the safetensors header bound for a
    /// small network (64 KiB plus 1 KiB per tensor), a 64 KiB read buffer, and exceptions and small objects.
    /// </summary>
    public const long Slack = 256 * 1024;

    public static (Exception? Error, long Allocated) Measure(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        Exception? error = null;
        try
        {
            action();
        }
        catch (Exception e)
        {
            error = e;
        }
        return (error, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
