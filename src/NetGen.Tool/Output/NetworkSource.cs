using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NetGen.Tool.Import;

namespace NetGen.Tool.Output;

/// <summary>What the C# file of an import says besides the layers.</summary>
/// <param name="ClassName">The class.</param>
/// <param name="Namespace">The namespace, or null for none.</param>
/// <param name="WeightsFile">The safetensors file's name as <c>Weights = "…"</c> names it.</param>
/// <param name="ModelFile">The ONNX file's name (for the comments).</param>
/// <param name="Trainable">Whether the class gets training members.</param>
/// <param name="SequenceLength">A sequence network's window (<c>SequenceLength</c>: training and PredictBatch), 0 for none.</param>
internal sealed record SourceOptions(string ClassName, string? Namespace, string WeightsFile, string ModelFile, bool Trainable, int SequenceLength);

/// <summary>
/// Writes the C# file of an imported network: the <c>[Network]</c> layout with one attribute per layer, each commented
/// with the graph nodes it came from and how they were mapped. The file compiles as C# 8 (netstandard2.1 projects).
/// </summary>
internal static class NetworkSource
{
    /// <summary>The loss that fits the output: CrossEntropy after Softmax, BinaryCrossEntropy after Sigmoid, else MeanSquaredError.</summary>
    public static string LossFor(ImportedNetwork network) => network.Layers.LastOrDefault()?.Activation switch
    {
        Activation.Softmax => "CrossEntropy",
        Activation.Sigmoid => "BinaryCrossEntropy",
        _ => "MeanSquaredError",
    };

    /// <summary>The file's text.</summary>
    public static string Write(ImportedNetwork network, Onnx.OnnxModel model, SourceOptions options)
    {
        var s = new StringBuilder();
        s.Append("// Imported by `netgen import` from ").Append(options.ModelFile)
            .Append(" (").Append(model.Producer.Length > 0 ? model.Producer : "unknown producer").Append(", opset ").Append(model.Opset.ToString(CultureInfo.InvariantCulture)).Append(").\n");
        s.Append("// Graph input '").Append(network.InputName).Append("' ").Append(network.InputShapeText).Append(" → output '").Append(network.OutputName).Append("'.\n");
        s.Append("// The weights are baked in from ").Append(options.WeightsFile).Append(": the project needs <NetGenWeights Include=\"").Append(options.WeightsFile).Append("\" /> (docs/embedding.md).\n");
        if (network.IsSequence)
        {
            s.Append(network.LastStepOnly
                ? "// A sequence network: the graph's output is the last step's output, i.e. the last row of PredictSequence (or Predict after the last step).\n"
                : "// A sequence network: the graph's output at every step is PredictSequence's (Predict streams one step at a time).\n");
        }
        foreach (string ignored in network.Ignored) s.Append("// Ignored: ").Append(ignored).Append('\n');
        s.Append("using NetGen;\n\n");
        string indent = "";
        if (options.Namespace is not null)
        {
            s.Append("namespace ").Append(options.Namespace).Append("\n{\n");
            indent = "    ";
        }
        s.Append(indent).Append("/// <summary>The network imported from ").Append(Xml(options.ModelFile)).Append(" by <c>netgen import</c>.</summary>\n");
        var arguments = new List<string> { "Loss." + LossFor(network), $"Weights = \"{options.WeightsFile}\"" };
        if (!options.Trainable) arguments.Add("Trainable = false");
        if (network.IsSequence && options.SequenceLength > 0)
        {
            arguments.Add("SequenceLength = " + options.SequenceLength.ToString(CultureInfo.InvariantCulture));
            if (options.Trainable && network.LastStepOnly) arguments.Add("SequenceLoss = SequenceLoss.LastStep");
        }
        s.Append(indent).Append("[Network(").Append(string.Join(", ", arguments)).Append(")]\n");
        s.Append(indent).Append("// input '").Append(network.InputName).Append("' ").Append(network.InputShapeText).Append('\n');
        s.Append(indent).Append(network.Input.Attribute).Append('\n');
        int module = 0;
        foreach (var layer in network.Layers)
        {
            s.Append(indent).Append("// ").Append(module.ToString(CultureInfo.InvariantCulture)).Append(": ")
                .Append(layer.Sources.Count > 0 ? string.Join(" + ", layer.Sources) : "inserted by the importer").Append('\n');
            foreach (string note in layer.Notes) s.Append(indent).Append("//    ").Append(note).Append('\n');
            s.Append(indent).Append(layer.Attribute).Append('\n');
            module += layer.SequentialModules;
        }
        s.Append(indent).Append("public partial class ").Append(options.ClassName).Append(" { }\n");
        if (options.Namespace is not null) s.Append("}\n");
        return s.ToString();
    }

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
