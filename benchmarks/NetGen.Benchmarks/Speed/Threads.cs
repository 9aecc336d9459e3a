using System;
using NetGen.Runtime.Threading;

namespace NetGen.Benchmarks.Speed;

/// <summary>
/// NetGen's thread-count knob for the scaling benchmarks: <see cref="BatchParallelism.MaxThreads"/> (default
/// <see cref="Environment.ProcessorCount"/>, 1 = single-threaded; results are the same bits for any value).
/// </summary>
public static class Threads
{
    /// <summary>The full name of the type that holds the knob (for the report).</summary>
    public const string TypeName = "NetGen.Runtime.Threading.BatchParallelism";

    /// <summary>Whether the knob exists (always, since issue 15; kept for the report's wording).</summary>
    public static bool Available => true;

    /// <summary>The knob's value now.</summary>
    public static string Describe => $"BatchParallelism.MaxThreads = {BatchParallelism.MaxThreads}";

    /// <summary>Sets <see cref="BatchParallelism.MaxThreads"/> to <paramref name="n"/>.</summary>
    public static void SetMaxThreads(int n) => BatchParallelism.MaxThreads = n;

    /// <summary>Puts the knob back to its documented default, <see cref="Environment.ProcessorCount"/>.</summary>
    public static void Reset() => SetMaxThreads(Environment.ProcessorCount);
}
