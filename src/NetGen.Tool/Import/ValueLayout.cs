using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tool.Import;

/// <summary>What an axis of a tensor on the network's path holds.</summary>
internal enum Axis
{
    /// <summary>The samples of a batch.</summary>
    Batch,

    /// <summary>The steps of a sequence.</summary>
    Time,

    /// <summary>A recurrent operator's direction axis, or any other axis of size 1.</summary>
    One,

    /// <summary>The features of a flat value (or of one step).</summary>
    Feature,

    /// <summary>The channels of a shaped value.</summary>
    Channel,

    /// <summary>A spatial axis (length, height or width) of a shaped value.</summary>
    Spatial,
}

/// <summary>
/// A tensor on the network's path with the meaning of each axis and its sizes (−1 for the batch and for an unknown
/// number of steps), so that layout operators (Transpose, Squeeze, Gather of the last step, …) can be followed.
/// </summary>
/// <param name="Tensor">The tensor's name.</param>
/// <param name="Axes">What each axis holds.</param>
/// <param name="Dims">Each axis's size (−1 when not fixed).</param>
internal sealed record ValueLayout(string Tensor, Axis[] Axes, long[] Dims)
{
    /// <summary>The same layout under another tensor name.</summary>
    public ValueLayout Renamed(string tensor) => this with { Tensor = tensor };

    /// <summary>The position of <paramref name="axis"/>, or −1.</summary>
    public int IndexOf(Axis axis) => Array.IndexOf(Axes, axis);

    /// <summary>One sample's (one step's) shape: the Feature, Channel and Spatial axes in order.</summary>
    public int[] SampleShape => Axes.Select((a, i) => (a, i)).Where(p => p.a is Axis.Feature or Axis.Channel or Axis.Spatial).Select(p => (int)Dims[p.i]).ToArray();

    /// <summary>The physical shape with the batch and time set to 1 (what the element-wise classifier probes).</summary>
    public long[] ProbeDims => Dims.Select((d, i) => Axes[i] is Axis.Batch or Axis.Time ? 1 : d).ToArray();

    /// <summary>The layout as text, e.g. <c>[N, T, 8]</c>.</summary>
    public string Text => "[" + string.Join(", ", Axes.Select((a, i) => a switch
    {
        Axis.Batch => "N",
        Axis.Time => Dims[i] < 0 ? "T" : "T=" + Dims[i],
        _ => Dims[i].ToString(System.Globalization.CultureInfo.InvariantCulture),
    })) + "]";

    /// <summary>The layout after removing the axes at <paramref name="positions"/>.</summary>
    public ValueLayout Without(string tensor, IEnumerable<int> positions)
    {
        var drop = new HashSet<int>(positions);
        return new ValueLayout(tensor, Axes.Where((_, i) => !drop.Contains(i)).ToArray(), Dims.Where((_, i) => !drop.Contains(i)).ToArray());
    }
}
