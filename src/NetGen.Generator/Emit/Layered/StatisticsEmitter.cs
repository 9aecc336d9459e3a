using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;
using static NetGen.Generator.Emit.Layered.LoopText;

namespace NetGen.Generator.Emit.Layered;

/// <summary>
/// The running statistics of a network's BatchNorm layers: the field, <c>RunningStatistics</c>, their initial values
/// (mean 0, variance 1, no batch counted) and their tensors (<c>running_mean</c>, <c>running_var</c>,
/// <c>num_batches_tracked</c>) for the safetensors members.
/// </summary>
internal static class StatisticsEmitter
{
    public static void WriteMembers(IndentedWriter w, NetworkSpec spec)
    {
        if (spec.StatisticsSize == 0) return;
        w.Line();
        w.Line($"/// <summary>Number of running-statistics values ({spec.StatisticsSize}): per BatchNorm layer in source order, running_mean, running_var (one per channel), then num_batches_tracked.</summary>");
        w.Line($"public const int RunningStatisticsSize = {spec.StatisticsSize};");
        w.Line();
        w.Line("private readonly float[] _netgenStatistics = new float[RunningStatisticsSize];");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// The BatchNorm layers' running statistics, as PyTorch's buffers: per layer in source order, <c>running_mean</c> and");
        w.Line("/// <c>running_var</c> (one value per channel or feature), then <c>num_batches_tracked</c> (a count, as a float). Predict,");
        w.Line("/// PredictBatch and Evaluate normalise with them; TrainStep and TrainBatch update them. A read-only view of the network's own");
        w.Line("/// storage: it shows every later update (Load, Restore and LoadSafetensors also write them).");
        w.Line("/// </summary>");
        w.Line("public global::System.ReadOnlySpan<float> RunningStatistics => _netgenStatistics;");
    }

    /// <summary>In the seeded constructor: every running variance 1 (the means and counts stay 0).</summary>
    public static void WriteInitialisation(IndentedWriter w, NetworkSpec spec)
    {
        int offset = 0;
        foreach (var layer in spec.Layers)
        {
            if (layer is BatchNormLayer norm)
            {
                w.Comment($"Layer {norm.Number}: running mean 0, running variance 1, no batch counted (PyTorch's initial buffers).");
                w.Line($"global::System.MemoryExtensions.AsSpan(_netgenStatistics, {I(offset + norm.Channels)}, {I(norm.Channels)}).Fill(1f);");
            }
            if (layer is ShapedLayer shaped) offset += shaped.StatisticsSize;
        }
    }

    /// <summary>
    /// Rejects loaded statistics with a negative running variance or a negative or fractional batch count (the network would
    /// divide by the square root of a negative number): an <c>InvalidDataException</c> naming the tensor, before anything is written.
    /// </summary>
    public static void WriteVarianceCheck(IndentedWriter w, NetworkSpec spec, string values, string start)
    {
        int module = 0, offset = 0;
        foreach (var layer in spec.Layers)
        {
            if (layer is BatchNormLayer norm)
            {
                string v = $"{values}[{start} + {I(offset + norm.Channels)} + c]";
                w.Line($"for (int c = 0; c < {I(norm.Channels)}; c++) if (!({v} >= 0f)) throw new global::System.IO.InvalidDataException(\"The tensor '{module}.running_var' has the negative variance \" + {v}.ToString(\"R\", global::System.Globalization.CultureInfo.InvariantCulture) + \" at index \" + c + \".\");");
                string count = $"{values}[{start} + {I(offset + 2 * norm.Channels)}]";
                w.Line($"if (!({count} >= 0f) || {count} != global::System.MathF.Floor({count})) throw new global::System.IO.InvalidDataException(\"The tensor '{module}.num_batches_tracked' is not a count of batches.\");");
            }
            if (layer is ShapedLayer shaped) offset += shaped.StatisticsSize;
            module += layer.SequentialModules;
        }
    }
}
