using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tool.Onnx;

namespace NetGen.Tool.Import;

/// <summary>
/// Turns an ONNX graph into NetGen layers: it walks from the graph's input to the chosen output one operator at a
/// time, following the layout of each tensor (<see cref="ValueLayout"/>), maps each operator to the layer that computes
/// the same thing (PyTorch's semantics), and hands element-wise pieces to <see cref="ElementwiseClassifier"/> and
/// <see cref="LayerAssembler"/>. Anything else is an <see cref="ImportException"/> naming the node, its op type and
/// what NetGen can do instead.
/// </summary>
internal sealed partial class NetworkImporter
{
    private readonly OnnxModel _model;
    private readonly GraphIndex _index;
    private readonly LayerAssembler _assembler = new();
    private readonly string _output;
    private readonly Dictionary<string, ValueLayout> _layouts = new(StringComparer.Ordinal);
    private ValueLayout _value;
    private bool _sequence;
    private bool _lastStep;

    private NetworkImporter(OnnxModel model, string output, GraphIndex index, ValueLayout input, bool sequence)
    {
        _model = model;
        _output = output;
        _index = index;
        _value = input;
        _sequence = sequence;
        _layouts[input.Tensor] = input;
    }

    /// <summary>Imports <paramref name="model"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="outputName">The output to import (a graph output or any tensor); null: the graph's one non-constant output.</param>
    /// <exception cref="ImportException">The graph does not map to a NetGen network.</exception>
    public static ImportedNetwork Import(OnnxModel model, string? outputName)
    {
        var graph = model.Graph;
        var ignored = new List<string>();
        string output = ChooseOutput(model, outputName, ignored);
        var index = new GraphIndex(graph, output);
        var inputs = graph.RealInputs.Where(i => index.Consumers(i.Name).Count > 0 || i.Name == output).ToList();
        foreach (var unused in graph.RealInputs.Where(i => !inputs.Contains(i))) ignored.Add($"input '{unused.Name}': not used by '{output}'");
        if (inputs.Count == 0) throw new ImportException($"The output '{output}' does not depend on any graph input: it is a constant, not a network.");
        if (inputs.Count > 1)
        {
            throw new ImportException($"The output '{output}' depends on {inputs.Count} graph inputs ({string.Join(", ", inputs.Select(i => $"'{i.Name}' {i.ShapeText}"))}); "
                + "a NetGen network has one input. Inputs such as ML-Agents' action masks or a recurrent state input are not part of the network: "
                + "import an output that depends on the observation only (--output NAME may name any tensor of the graph, e.g. the logits before the masking).");
        }
        var input = inputs[0];
        if (input.ElementType != 0 && input.ElementType != OnnxTensor.Float)
            throw new ImportException($"The input '{input.Name}' has the element type {OnnxTensor.TypeName(input.ElementType)}; NetGen networks take float32 inputs.");
        if (input.Dims is null) throw new ImportException($"The input '{input.Name}' has no shape in the file; export it with a shape (PyTorch always writes one).");
        var (layout, sequence) = InputLayout(input, index);
        var importer = new NetworkImporter(model, output, index, layout, sequence);
        importer.Walk();
        importer._assembler.Finish();
        int? staticSteps = layout.IndexOf(Axis.Time) is int t && t >= 0 && layout.Dims[t] > 0 ? (int)layout.Dims[t] : null;
        return new ImportedNetwork
        {
            Input = new ImportedInput { Dims = layout.SampleShape },
            Layers = importer._assembler.Layers,
            IsSequence = sequence,
            LastStepOnly = importer._lastStep,
            InputName = input.Name,
            InputShapeText = input.ShapeText,
            OutputName = output,
            Ignored = ignored,
            StaticSequenceLength = staticSteps,
        };
    }

    private static string ChooseOutput(OnnxModel model, string? outputName, List<string> ignored)
    {
        var graph = model.Graph;
        if (outputName is not null)
        {
            bool exists = graph.Outputs.Any(o => o.Name == outputName) || graph.Nodes.Any(n => n.Outputs.Contains(outputName));
            if (!exists)
                throw new ImportException($"The graph has no tensor named '{outputName}'. Its outputs: {string.Join(", ", graph.Outputs.Select(o => "'" + o.Name + "'"))}.");
            foreach (var other in graph.Outputs.Where(o => o.Name != outputName)) ignored.Add($"output '{other.Name}': not imported (--output {outputName})");
            return outputName;
        }
        var candidates = new List<OnnxValueInfo>();
        foreach (var o in graph.Outputs)
        {
            var probe = new GraphIndex(graph, o.Name);
            if (probe.IsConstant(o.Name) || !graph.RealInputs.Any(i => probe.Consumers(i.Name).Count > 0))
                ignored.Add($"output '{o.Name}': a constant, not computed from the input (e.g. ML-Agents' version_number, memory_size, *_output_shape)");
            else candidates.Add(o);
        }
        if (candidates.Count == 1) return candidates[0].Name;
        if (candidates.Count == 0) throw new ImportException("The graph has no output computed from its input.");
        // Several computed outputs (ML-Agents writes a sampled and a deterministic action): when exactly one of them is
        // a network NetGen can express, that one is imported and the others are named as ignored.
        var mapped = new List<string>();
        var reasons = new List<string>();
        foreach (var candidate in candidates)
        {
            try
            {
                Import(model, candidate.Name);
                mapped.Add(candidate.Name);
            }
            catch (ImportException e)
            {
                reasons.Add($"output '{candidate.Name}': does not map ({e.Message})");
            }
        }
        if (mapped.Count == 1)
        {
            ignored.AddRange(reasons);
            return mapped[0];
        }
        throw new ImportException($"The graph has {candidates.Count} outputs computed from its input ({string.Join(", ", candidates.Select(c => $"'{c.Name}' {c.ShapeText}"))}); "
            + "a NetGen network has one. Choose one with --output NAME (run `netgen inspect` to see the graph).");
    }

    private static (ValueLayout Layout, bool Sequence) InputLayout(OnnxValueInfo input, GraphIndex index)
    {
        var dims = input.Dims!;
        string Fixed(int i) => dims[i] is { } d && d > 0 ? "" : $"dimension {i} ('{input.DimNames[i]}')";
        long D(int i) => dims[i] ?? -1;
        var first = index.ValueConsumers(input.Name).FirstOrDefault();
        switch (dims.Length)
        {
            case 2:
                if (Fixed(1).Length > 0) throw new ImportException($"The input '{input.Name}' {input.ShapeText} has no fixed feature size: NetGen needs it at compile time.");
                return (new ValueLayout(input.Name, new[] { Axis.Batch, Axis.Feature }, new[] { -1L, D(1) }), false);
            case 3:
            {
                bool shaped = first?.OpType is "Conv" or "MaxPool" or "AveragePool" or "GlobalAveragePool" or "BatchNormalization" or "Pad";
                if (shaped)
                {
                    if (Fixed(1).Length > 0 || Fixed(2).Length > 0) throw new ImportException($"The input '{input.Name}' {input.ShapeText} must have fixed channels and length.");
                    return (new ValueLayout(input.Name, new[] { Axis.Batch, Axis.Channel, Axis.Spatial }, new[] { -1L, D(1), D(2) }), false);
                }
                if (Fixed(2).Length > 0) throw new ImportException($"The input '{input.Name}' {input.ShapeText} has no fixed feature size (its last axis).");
                bool timeMajor = first?.OpType is "GRU" or "LSTM" or "RNN" && first.Int("layout", 0) == 0;
                return timeMajor
                    ? (new ValueLayout(input.Name, new[] { Axis.Time, Axis.Batch, Axis.Feature }, new[] { D(0), -1L, D(2) }), true)
                    : (new ValueLayout(input.Name, new[] { Axis.Batch, Axis.Time, Axis.Feature }, new[] { -1L, D(1), D(2) }), true);
            }
            case 4:
                if (Fixed(1).Length > 0 || Fixed(2).Length > 0 || Fixed(3).Length > 0)
                    throw new ImportException($"The input '{input.Name}' {input.ShapeText} must have fixed channels, height and width.");
                return (new ValueLayout(input.Name, new[] { Axis.Batch, Axis.Channel, Axis.Spatial, Axis.Spatial }, new[] { -1L, D(1), D(2), D(3) }), false);
            default:
                throw new ImportException($"The input '{input.Name}' has the shape {input.ShapeText}; NetGen takes [N, features], [N, C, L], [N, C, H, W] or sequences [N, T, features].");
        }
    }

    private void Walk()
    {
        int guard = 0;
        while (_value.Tensor != _output)
        {
            if (++guard > 100_000) throw new ImportException("The graph is too large or has a cycle.");
            var consumers = _index.ValueConsumers(_value.Tensor);
            if (consumers.Count == 0) throw new ImportException($"The tensor '{_value.Tensor}' leads nowhere towards the output '{_output}'.");
            if (consumers.Any(ElementwiseEvaluator.IsElementwise) && TryElementwise()) continue;
            if (consumers.Count > 1)
            {
                if (TryDecomposedLayerNorm(consumers)) continue;
                throw Branching(consumers);
            }
            Step(consumers[0]);
        }
        CheckFinalLayout();
    }

    private void Advance(string tensor, ValueLayout layout)
    {
        _value = layout.Renamed(tensor);
        _layouts[tensor] = _value;
    }

    private bool TryElementwise()
    {
        // The region: element-wise nodes reading only the current value, each other's outputs and constants.
        var region = new List<OnnxNode>();
        var produced = new HashSet<string>(StringComparer.Ordinal) { _value.Tensor };
        foreach (var node in _index.Nodes)
        {
            if (!ElementwiseEvaluator.IsElementwise(node)) continue;
            if (!node.Inputs.Any(produced.Contains)) continue;
            if (!node.Inputs.All(i => i.Length == 0 || produced.Contains(i) || _index.IsConstant(i))) continue;
            if (node.OpType == "Dropout" && node.Outputs.Skip(1).Any(o => o.Length > 0 && _index.Consumers(o).Count > 0))
                throw new ImportException($"{node.Display}: its mask output is used; NetGen drops Dropout at inference, so only its data output may be used.");
            region.Add(node);
            foreach (string o in node.Outputs.Take(1)) produced.Add(o);
        }
        if (region.Count == 0) return false;
        var regionSet = new HashSet<OnnxNode>(region);
        var exits = new List<string>();
        foreach (string tensor in produced)
        {
            bool readOutside = _index.ValueConsumers(tensor).Any(n => !regionSet.Contains(n)) || tensor == _output;
            if (readOutside) exits.Add(tensor);
        }
        if (exits.Count != 1 || exits[0] == _value.Tensor)
        {
            var readers = exits.SelectMany(e => _index.ValueConsumers(e).Where(n => !regionSet.Contains(n))).Distinct().ToList();
            throw Branching(readers.Count > 1 ? readers : _index.ValueConsumers(_value.Tensor));
        }
        string exit = exits[0];
        // Only the nodes the exit depends on (an unused element-wise side branch would be dead code).
        var steps = new ElementwiseClassifier(_index, _value.ProbeDims).Classify(region, _value.Tensor, exit);
        _assembler.Shape = _value.SampleShape;
        _assembler.Apply(steps);
        Advance(exit, _value);
        return true;
    }

    private ImportException Branching(IReadOnlyList<OnnxNode> readers)
    {
        // Name the node where the branches meet again, the one a user has to look at.
        var start = new HashSet<string>(StringComparer.Ordinal) { _value.Tensor };
        var merge = _index.Nodes.FirstOrDefault(n => n.Inputs.Count(i => i.Length > 0 && !_index.IsConstant(i) && Reaches(start, i)) >= 2 && n.OpType != "Shape");
        string where = merge is null ? "" : $" They meet again at {merge.Display}.";
        return new ImportException($"The value '{_value.Tensor}' is read by {readers.Count} nodes ({string.Join(", ", readers.Select(r => r.Display))}): the graph branches (a skip connection, a concatenation or parallel heads).{where} "
            + "NetGen networks are one chain of layers; import one head with --output NAME, or write the network with NetGen's layers.");
    }

    private bool Reaches(HashSet<string> from, string tensor)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(tensor);
        while (stack.Count > 0)
        {
            string t = stack.Pop();
            if (from.Contains(t)) return true;
            if (!seen.Add(t) || _index.Producer(t) is not { } node || node.OpType == "Shape") continue;
            foreach (string i in node.Inputs) if (i.Length > 0) stack.Push(i);
        }
        return false;
    }

    private void CheckFinalLayout()
    {
        var axes = _value.Axes.Where((a, i) => !(a == Axis.One && _value.Dims[i] == 1)).ToArray();
        bool ok = _sequence && !_lastStep
            ? axes.SequenceEqual(new[] { Axis.Batch, Axis.Time, Axis.Feature }) || axes.SequenceEqual(new[] { Axis.Time, Axis.Batch, Axis.Feature })
            : axes.Length >= 2 && axes[0] == Axis.Batch && axes.Skip(1).All(a => a is Axis.Feature or Axis.Channel or Axis.Spatial);
        if (!ok) throw new ImportException($"The output '{_output}' has the layout {_value.Text}, which is not one NetGen's outputs can be: [N, outputs], [N, C, …] or, for sequences, [N, T, outputs].");
    }
}
