using System.Collections.Generic;

namespace NetGen.Tool.Import;

/// <summary>What the importer found: the input, the layers, and how the network's outputs relate to the graph's.</summary>
internal sealed class ImportedNetwork
{
    /// <summary>The input.</summary>
    public ImportedInput Input { get; init; } = new();

    /// <summary>The layers in order.</summary>
    public List<ImportedLayer> Layers { get; init; } = new();

    /// <summary>True for a sequence network (a recurrent layer, or values with a time axis).</summary>
    public bool IsSequence { get; init; }

    /// <summary>True when the graph's output is the last step of the sequence only (e.g. <c>out[:, -1]</c> or the final hidden state).</summary>
    public bool LastStepOnly { get; init; }

    /// <summary>The graph input's name and shape as written.</summary>
    public string InputName { get; init; } = "";

    /// <summary>The graph input's shape as written, e.g. <c>[N, 8]</c>.</summary>
    public string InputShapeText { get; init; } = "";

    /// <summary>The imported output's name.</summary>
    public string OutputName { get; init; } = "";

    /// <summary>Graph outputs that are not part of the network (constants such as ML-Agents' version number), with why.</summary>
    public List<string> Ignored { get; init; } = new();

    /// <summary>Static sequence length of the input's time axis, when the file gives one.</summary>
    public int? StaticSequenceLength { get; init; }
}
