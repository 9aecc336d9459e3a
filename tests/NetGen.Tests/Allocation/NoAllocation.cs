using System;

namespace NetGen.Tests.Allocation;

/// <summary>The zero-allocation check every allocation test uses: the thread's allocated-bytes counter must not move.</summary>
internal static class NoAllocation
{
    /// <summary>
    /// Warms <paramref name="call"/> up past tiered compilation, then asserts that <paramref name="calls"/> more calls
    /// allocate nothing on this thread.
    /// </summary>
    public static void Assert(string member, int calls, Action call)
    {
        // Warm up past tiered compilation: methods reach tier 1 (and loops go through on-stack replacement, compiled
        // on this thread) after enough calls plus a short background delay; what the JIT allocates then is not ours.
        int warmUp = Math.Max(2, Math.Min(300, calls / 5));
        for (int i = 0; i < warmUp; i++) call();
        System.Threading.Thread.Sleep(150);
        for (int i = 0; i < warmUp; i++) call();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++) call();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Xunit.Assert.True(allocated == 0, $"{member} allocated {allocated} bytes over {calls} calls");
    }
}
