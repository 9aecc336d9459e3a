using System;

namespace NetGen.Tests.Shaped;

/// <summary>
/// Every use of the generated <c>RunningStatistics</c> property and <c>RunningStatisticsSize</c> constant, in one place:
/// they exist on networks with a BatchNorm layer only; the nets without BatchNorm have none to read (empty).
/// </summary>
internal static class ShapedRunningStatistics
{
    /// <summary>A copy of the network's running statistics (per BatchNorm: running_mean, running_var,
    /// num_batches_tracked); empty for a network without BatchNorm.</summary>
    /// <param name="net">One of the <see cref="ShapedNetworks"/>.</param>
    public static float[] Of(INetwork net)
    {
        return net switch
        {
            Shaped_BatchNorm_Mlp n => n.RunningStatistics.ToArray(),
            Shaped_Conv2d_BatchNorm n => n.RunningStatistics.ToArray(),
            Shaped_Conv1d_Norms n => n.RunningStatistics.ToArray(),
            _ => Array.Empty<float>(),
        };
    }

    /// <summary>The generated <c>RunningStatisticsSize</c> of the network called <paramref name="name"/> (0 without
    /// BatchNorm).</summary>
    /// <param name="name">The data's name of the net.</param>
    public static int Size(string name)
    {
        return name switch
        {
            "BatchNorm_Mlp" => Shaped_BatchNorm_Mlp.RunningStatisticsSize,
            "Conv2d_BatchNorm" => Shaped_Conv2d_BatchNorm.RunningStatisticsSize,
            "Conv1d_Norms" => Shaped_Conv1d_Norms.RunningStatisticsSize,
            _ => 0,
        };
    }
}
