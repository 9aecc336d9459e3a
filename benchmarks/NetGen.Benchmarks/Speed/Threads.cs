using System;
using System.Reflection;

namespace NetGen.Benchmarks.Speed;

/// <summary>
/// The shim in front of NetGen's thread-count knob <c>NetGen.Runtime.Threading.BatchParallelism.MaxThreads</c> (a
/// static int property, default <see cref="Environment.ProcessorCount"/>, 1 = single-threaded), reached by reflection so
/// that the benchmarks compile against a NetGen that does not have it yet. Where the property is missing,
/// <see cref="SetMaxThreads"/> changes nothing and <see cref="Describe"/> says "n/a"; <see cref="SpeedConfig"/> then
/// leaves out the benchmarks with more than one thread (they would time the single-threaded code under another name).
/// </summary>
public static class Threads
{
    /// <summary>The full name of the type that holds the knob.</summary>
    public const string TypeName = "NetGen.Runtime.Threading.BatchParallelism";

    private static readonly PropertyInfo? Property = typeof(INetwork).Assembly.GetType(TypeName)
        ?.GetProperty("MaxThreads", BindingFlags.Public | BindingFlags.Static);

    /// <summary>Whether NetGen has a settable static int <c>BatchParallelism.MaxThreads</c>.</summary>
    public static bool Available => Property is { CanWrite: true, CanRead: true } && Property.PropertyType == typeof(int);

    /// <summary>The knob's value now, or "n/a" where NetGen does not have it.</summary>
    public static string Describe => Available ? $"BatchParallelism.MaxThreads = {(int)Property!.GetValue(null)!}" : $"n/a ({TypeName}.MaxThreads not found)";

    /// <summary>Sets <c>BatchParallelism.MaxThreads</c> to <paramref name="n"/> where it exists; else does nothing.</summary>
    public static void SetMaxThreads(int n)
    {
        if (Available) Property!.SetValue(null, n);
    }

    /// <summary>Puts the knob back to its documented default, <see cref="Environment.ProcessorCount"/>.</summary>
    public static void Reset() => SetMaxThreads(Environment.ProcessorCount);
}
