using System.Linq;
using NetGen.Generator.Graph;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>The XML-doc summary written on the generated class: layers, sizes, parameter count, loss, optimizer.</summary>
internal static class NetworkSummary
{
    public static void Write(IndentedWriter w, NetworkSpec spec, LoweredNetwork network)
    {
        string chain = $"Input({spec.InputSize})" + string.Concat(spec.Layers.Select(l => l.ChainText));
        w.Line("/// <summary>");
        w.Line($"/// NetGen network {chain}: {network.ParameterCount} parameters, loss {spec.Loss}, {(spec.Trainable ? OptimizerText(spec) : "inference-only")}.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        if (spec.IsSequence)
        {
            w.Line("/// <para>Generated at compile time from the layer attributes: one time step is straight-line code (loops past UnrollLimit) and its");
            w.Line("/// backward pass through time was derived symbolically by the generator (chain rule over the step graph, every path summed).</para>");
        }
        else
        {
            w.Line("/// <para>Generated at compile time from the <c>[Network]</c>, <c>[Input]</c> and <c>[Dense]</c> attributes: the forward pass is");
            w.Line("/// straight-line code and the backward pass was derived symbolically by the generator (chain rule, every path summed).</para>");
        }
        w.Line("/// <list type=\"table\">");
        w.Line("/// <listheader><term>Layer</term><description>Shape, activation, parameters, emitted as</description></listheader>");
        if (spec.IsSequence)
        {
            WriteSequenceRows(w, spec);
            return;
        }
        foreach (var layer in network.Layers)
        {
            int weights = layer.FanIn * layer.Units;
            w.Line($"/// <item><term>{layer.Number}</term><description>Dense {layer.FanIn} → {layer.Units}, {layer.Activation}; " +
                $"weights [{layer.Units}, {layer.FanIn}] at p[{layer.WeightOffset}..{layer.WeightOffset + weights}), " +
                $"bias at p[{layer.BiasOffset}..{layer.BiasOffset + layer.Units}); {(layer.Unrolled ? "straight-line code" : "loops (past UnrollLimit " + spec.UnrollLimit + ")")}</description></item>");
        }
        w.Line("/// </list>");
        w.Line("/// <para><see cref=\"Predict\"/> and <see cref=\"PredictBatch\"/> are thread-safe; the training members are not.</para>");
        WriteDeterministic(w, spec);
        w.Line("/// </remarks>");
    }

    /// <summary>A sequence network's rows (every layer with parameters, its state) and what is thread-safe.</summary>
    private static void WriteSequenceRows(IndentedWriter w, NetworkSpec spec)
    {
        int offset = 0;
        foreach (var layer in spec.Layers)
        {
            if (layer.ParameterCount > 0)
            {
                string emitted = layer.MultiplyAdds <= spec.UnrollLimit ? "straight-line code" : "loops (past UnrollLimit " + spec.UnrollLimit + ")";
                string state = layer.StateSize > 0 ? $"; {layer.StateSize} state values" : "";
                w.Line($"/// <item><term>{layer.Number}</term><description>{layer.ChainText.Substring(3)}, {layer.InputSize} → {layer.OutputSize} per step; " +
                    $"parameters p[{offset}..{offset + layer.ParameterCount}){state}; {emitted}</description></item>");
            }
            offset += (int)layer.ParameterCount;
        }
        w.Line("/// </list>");
        w.Line($"/// <para>A sequence network: <c>Predict(input, output)</c> is one time step of the network's own sequence (state of {spec.StateSize} values,");
        w.Line("/// <c>ResetState</c> zeroes it) and is not thread-safe; <c>Predict(State, input, output)</c> (one state per sequence), <c>PredictSequence</c>");
        w.Line("/// and <c>PredictBatch</c> are thread-safe; the training members (backpropagation through time over");
        w.Line($"/// <c>SequenceLength</c> = {spec.SequenceLength} steps) are not.</para>");
        WriteDeterministic(w, spec);
        w.Line("/// </remarks>");
    }

    public static string OptimizerText(NetworkSpec spec)
    {
        static string N(float value) => FloatLiteral.Format(value).TrimEnd('f');
        string lr = N(spec.LearningRate);
        string extras = (spec.WeightDecay != 0f ? $", weight decay {N(spec.WeightDecay)}" : "")
            + (spec.ClipGradientNorm != 0f ? $", gradient norm clipped at {N(spec.ClipGradientNorm)}" : "");
        return spec.UsesAdamMoments
            ? $"optimizer {spec.Optimizer} (learning rate {lr}, β1 {N(spec.Beta1)}, β2 {N(spec.Beta2)}, ε {N(spec.Epsilon)}{extras})"
            : spec.Momentum != 0f
                ? $"optimizer SGD with momentum {N(spec.Momentum)} (learning rate {lr}{extras})"
                : $"optimizer SGD (learning rate {lr}{extras})";
    }

    /// <summary>The remark of a <c>Deterministic</c> network (nothing otherwise).</summary>
    internal static void WriteDeterministic(IndentedWriter w, Model.NetworkSpec spec)
    {
        if (!spec.Deterministic) return;
        w.Line("/// <para>Deterministic: every member runs the scalar kernels with NetGen's own exp, log and tanh (no SIMD, no fused");
        w.Line("/// multiply-add, sums in one fixed order), so the results are the same bits on every machine (docs/determinism.md).</para>");
    }
}
