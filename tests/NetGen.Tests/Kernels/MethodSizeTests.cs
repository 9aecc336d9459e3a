using System;
using System.Linq;
using System.Reflection;
using NetGen.Tests.Networks;
using Xunit.Abstractions;

namespace NetGen.Tests.Kernels;

/// <summary>
/// Every generated kernel method stays well below the JIT's MinOpts thresholds (60,000 IL bytes, 20,000 instructions,
/// 2,000 basic blocks, 2,000 locals, 8,000 local references), in every network of this assembly, including ones built
/// to stress the splitting of long kernels.
/// </summary>
public sealed class MethodSizeTests
{
    private static readonly string[] KernelPrefixes = { "ForwardKernel", "GradientKernel" };

    /// <summary>The SIMD lane forms of the kernels, written once on Vector&lt;float&gt; (same IL at every width).</summary>
    private static readonly string[] LaneKernelPrefixes = { "ForwardLanes", "GradientLanes" };

    /// <summary>The matrix kernels of networks whose batches run as matrix products (per layer and width).</summary>
    private static readonly string[] MatrixKernelPrefixes = { "MatrixForward", "ForwardBlock" };

    private readonly ITestOutputHelper _output;

    public MethodSizeTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void EveryKernelMethod_StaysWellBelowTheJitLimits()
    {
        MethodBodyStatistics largest = new("none", 0, 0, 0, 0, 0);
        foreach (var network in NetworkType.All)
        {
            var kernels = Kernels(network.Type);
            bool lanes = Simd.LaneDrivers.HasLanes(network.Type);
            // A Deterministic network has the scalar kernels only (docs/determinism.md).
            bool deterministic = network.Type.GetCustomAttribute<NetworkAttribute>()!.Deterministic;
            foreach (string prefix in KernelPrefixes.Concat(deterministic ? Array.Empty<string>() : lanes ? LaneKernelPrefixes : MatrixKernelPrefixes))
                Assert.True(kernels.Any(k => KernelName(k).StartsWith(prefix, StringComparison.Ordinal)), $"{network.Name}: no {prefix} method found");
            foreach (var method in kernels)
            {
                var s = MethodBodyStatistics.Of(method);
                string what = $"{network.Name}.{s.Name}";
                Assert.True(s.IlBytes < 40_000, $"{what}: {s.IlBytes} IL bytes");
                Assert.True(s.Instructions < 15_000, $"{what}: {s.Instructions} IL instructions");
                Assert.True(s.Branches < 700, $"{what}: {s.Branches} branches (up to twice as many basic blocks)");
                Assert.True(s.Locals < 1_500, $"{what}: {s.Locals} locals");
                Assert.True(s.LocalReferences < 6_000, $"{what}: {s.LocalReferences} local references");
                if (s.IlBytes > largest.IlBytes) largest = s with { Name = what };
            }
        }
        _output.WriteLine($"largest kernel method: {largest}");
    }

    [Theory]
    [InlineData(nameof(Unrolled96))]
    [InlineData(nameof(Deep64))]
    public void LongStraightLineKernels_AreSplitIntoParts(string name)
    {
        var kernels = Kernels(NetworkType.Named(name).Type);
        foreach (string prefix in KernelPrefixes)
        {
            int parts = kernels.Count(k => KernelName(k).StartsWith(prefix, StringComparison.Ordinal));
            Assert.True(parts > 1, $"{name}: {prefix} is one method; a kernel this long should be split");
        }
        _output.WriteLine($"{name}: {kernels.Length} kernel methods, largest {kernels.Select(MethodBodyStatistics.Of).Max(s => s.IlBytes)} IL bytes");
    }

    /// <summary>The generated kernels: ForwardKernel, GradientKernel, their SIMD lane forms (ForwardLanes, GradientLanes) and their parts (e.g. GradientKernelPart3).</summary>
    private static MethodInfo[] Kernels(Type type) => type
        .GetMethods(BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
        .Where(m => KernelPrefixes.Any(p => KernelName(m).StartsWith(p, StringComparison.Ordinal)) || m.Name.Contains("Lanes", StringComparison.Ordinal)
            || m.Name.Contains("Matrix", StringComparison.Ordinal) || m.Name.Contains("Block", StringComparison.Ordinal))
        .ToArray();

    /// <summary>The method's name without the generator's reserved "NetGen" prefix (NetGenForwardKernel → ForwardKernel).</summary>
    private static string KernelName(MethodInfo method) =>
        method.Name.StartsWith("NetGen", StringComparison.Ordinal) ? method.Name.Substring("NetGen".Length) : method.Name;
}
