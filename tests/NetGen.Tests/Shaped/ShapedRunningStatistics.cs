using System;

namespace NetGen.Tests.Shaped;

/// <summary>
/// Every use of the generated <c>RunningStatistics</c> property and <c>RunningStatisticsSize</c> constant, in one place:
/// they exist only once the generator emits the BatchNorm layer. Until then this file compiles without them (no
/// <c>NETGEN_SHAPED</c>), and the BatchNorm nets' tests that read the running statistics throw
/// <see cref="NotImplementedException"/>; the nets without BatchNorm have none to read (empty). Remove the
/// <c>#if</c> once the generator emits the members.
/// </summary>
internal static class ShapedRunningStatistics
{
    /// <summary>A copy of the network's running statistics (per BatchNorm: running_mean, running_var,
    /// num_batches_tracked); empty for a network without BatchNorm.</summary>
    /// <param name="net">One of the <see cref="ShapedNetworks"/>.</param>
    public static float[] Of(INetwork net)
    {
#if NETGEN_SHAPED
        return net switch
        {
            Shaped_BatchNorm_Mlp n => n.RunningStatistics.ToArray(),
            Shaped_Conv2d_BatchNorm n => n.RunningStatistics.ToArray(),
            Shaped_Conv1d_Norms n => n.RunningStatistics.ToArray(),
            _ => Array.Empty<float>(),
        };
#else
        if (net is Shaped_BatchNorm_Mlp or Shaped_Conv2d_BatchNorm or Shaped_Conv1d_Norms)
            throw new NotImplementedException("RunningStatistics: compile with NETGEN_SHAPED once the generator emits it (ShapedRunningStatistics.cs).");
        return Array.Empty<float>();
#endif
    }

    /// <summary>The generated <c>RunningStatisticsSize</c> of the network called <paramref name="name"/> (0 without
    /// BatchNorm).</summary>
    /// <param name="name">The data's name of the net.</param>
    public static int Size(string name)
    {
#if NETGEN_SHAPED
        return name switch
        {
            "BatchNorm_Mlp" => Shaped_BatchNorm_Mlp.RunningStatisticsSize,
            "Conv2d_BatchNorm" => Shaped_Conv2d_BatchNorm.RunningStatisticsSize,
            "Conv1d_Norms" => Shaped_Conv1d_Norms.RunningStatisticsSize,
            _ => 0,
        };
#else
        if (name is "BatchNorm_Mlp" or "Conv2d_BatchNorm" or "Conv1d_Norms")
            throw new NotImplementedException("RunningStatisticsSize: compile with NETGEN_SHAPED once the generator emits it (ShapedRunningStatistics.cs).");
        return 0;
#endif
    }
}
