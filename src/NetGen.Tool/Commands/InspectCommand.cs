using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.Tool.Import;
using NetGen.Tool.Onnx;
using NetGen.Tool.Output;

namespace NetGen.Tool.Commands;

/// <summary><c>netgen inspect model.onnx [--output tensor]</c>: the graph, the layers it maps to, and what does not map.</summary>
internal static class InspectCommand
{
    /// <summary>Runs the command; returns 0 when the model maps, 1 when it does not.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var line = CommandLine.Parse(args, "inspect", new HashSet<string>(), new HashSet<string>(StringComparer.Ordinal) { "--output" });
        if (line.Positional.Count != 1) throw new UsageException("inspect takes one model file: netgen inspect model.onnx.");
        string path = line.Positional[0];
        if (!File.Exists(path)) throw new UsageException($"The model file '{path}' does not exist.");
        var model = OnnxModelReader.Read(path);
        var graph = model.Graph;
        output.WriteLine($"{path}: ONNX IR {model.IrVersion}, opset {model.Opset}{(model.Producer.Length > 0 ? ", written by " + model.Producer : "")}, graph '{OnnxNode.Clean(graph.Name)}'");
        output.WriteLine();
        output.WriteLine("Inputs:");
        foreach (var i in graph.RealInputs) output.WriteLine($"  {OnnxNode.Clean(i.Name)} {i.ShapeText} {OnnxTensor.TypeName(i.ElementType)}");
        output.WriteLine("Outputs:");
        foreach (var o in graph.Outputs) output.WriteLine($"  {OnnxNode.Clean(o.Name)} {o.ShapeText} {OnnxTensor.TypeName(o.ElementType)}");
        output.WriteLine($"Initializers: {graph.Initializers.Count} ({graph.Initializers.Values.Sum(t => t.Count)} values)");
        output.WriteLine();
        output.WriteLine($"Nodes ({graph.Nodes.Count}):");
        foreach (var node in graph.Nodes)
        {
            string attributes = node.Attributes.Count == 0 ? "" : " {" + string.Join(", ", node.Attributes.Values.Select(a => a.Name + "=" + a.ValueText)) + "}";
            string inputs = string.Join(", ", node.Inputs.Select(i => graph.Initializers.TryGetValue(i, out var t) ? $"{OnnxNode.Clean(i)} {t.ShapeText}" : OnnxNode.Clean(i)));
            output.WriteLine($"  {node.Display,-40} ({inputs}) -> ({string.Join(", ", node.Outputs.Select(OnnxNode.Clean))}){attributes}");
        }
        output.WriteLine();
        try
        {
            var network = NetworkImporter.Import(model, line.Value("--output"));
            output.WriteLine($"Maps to a NetGen network ({SequentialWeights.ParameterCount(network)} parameters, loss {NetworkSource.LossFor(network)} by default):");
            output.WriteLine("  " + network.Input.Attribute + $"   // '{OnnxNode.Clean(network.InputName)}' {network.InputShapeText}");
            foreach (var layer in network.Layers)
            {
                output.WriteLine("  " + layer.Attribute.PadRight(40) + " // " + (layer.Sources.Count > 0 ? string.Join(" + ", layer.Sources) : "inserted by the importer"));
                foreach (string note in layer.Notes) output.WriteLine("  " + new string(' ', 40) + " //    " + note);
            }
            if (network.IsSequence) output.WriteLine(network.LastStepOnly ? "  (a sequence network; the output is the last step's)" : "  (a sequence network; the output is every step's)");
            foreach (string ignored in network.Ignored) output.WriteLine("  Ignored: " + ignored);
            return 0;
        }
        catch (ImportException e)
        {
            output.WriteLine("Does not map to a NetGen network:");
            output.WriteLine("  " + e.Message);
            return 1;
        }
    }
}
