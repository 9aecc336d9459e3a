using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;
using NetGen.Generator.Model.Shapes;

namespace NetGen.Generator.Emit.Layered;

/// <summary>The XML-doc summary of a layered network's class: every layer with its output shape, parameters and statistics.</summary>
internal static class LayeredSummary
{
    public static void Write(IndentedWriter w, NetworkSpec spec, LayeredPlan plan)
    {
        var input = spec.InputShape ?? TensorShape.Flat(spec.InputSize);
        w.Line("/// <summary>");
        w.Line($"/// NetGen network Input{input}{string.Concat(System.Linq.Enumerable.Select(spec.Layers, l => l is ShapedLayer ? l.ChainText : l.ChainText + " " + LayeredPlan.ShapeOf(l)))}:");
        w.Line($"/// {spec.ParameterCountLong} parameters, loss {spec.Loss}, {(spec.Trainable ? NetworkSummary.OptimizerText(spec) : "inference-only")}.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        w.Line("/// <para>Generated at compile time from the layer attributes: every layer is a loop nest with constant bounds over a block of samples,");
        w.Line("/// its backward pass the vector–Jacobian product of its definition (the chain rule applied by the generator).</para>");
        w.Line("/// <list type=\"table\">");
        w.Line("/// <listheader><term>Layer</term><description>What, output shape per sample, parameters</description></listheader>");
        w.Line($"/// <item><term>0</term><description>Input, {input}</description></item>");
        foreach (var step in plan.Steps)
        {
            var layer = step.Layer;
            string what = LayeredPlan.Text(layer);
            string parameters = layer.ParameterCount > 0 ? $"p[{step.ParameterOffset}..{step.ParameterOffset + layer.ParameterCount})" : "no parameters";
            string statistics = layer is BatchNormLayer norm ? $"; running statistics r[{step.StatisticsOffset}..{step.StatisticsOffset + norm.StatisticsSize})" : "";
            w.Line($"/// <item><term>{layer.Number}</term><description>{what}, {LayeredPlan.ShapeOf(layer)}; {parameters}{statistics}</description></item>");
        }
        w.Line("/// </list>");
        w.Line("/// <para><see cref=\"Predict\"/> and <see cref=\"PredictBatch\"/> are thread-safe; the training members are not.</para>");
        NetworkSummary.WriteDeterministic(w, spec);
        w.Line("/// </remarks>");
    }
}
