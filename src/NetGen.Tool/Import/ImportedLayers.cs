using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Tool.Import;

/// <summary>
/// One NetGen layer found in an ONNX graph, with the weights it takes from the graph in NetGen's (PyTorch's) layout
/// and the nodes it came from. Each kind knows its attribute text and its <c>nn.Sequential</c> tensors, which are the
/// names <c>LoadSafetensors</c> and baked weights expect (docs/pytorch.md).
/// </summary>
internal abstract class ImportedLayer
{
    /// <summary>The graph nodes this layer came from, as <c>'name' (Op)</c>, in graph order.</summary>
    public UniqueList Sources { get; } = new();

    /// <summary>Notes on how the nodes were mapped (folded constants, reordered gates, inserted carrier layers).</summary>
    public UniqueList Notes { get; } = new();

    /// <summary>The attribute as C# source, e.g. <c>[Dense(16, Activation.Relu)]</c>.</summary>
    public abstract string Attribute { get; }

    /// <summary>The activation the layer applies after its own computation (Identity for none).</summary>
    public Activation Activation { get; set; } = Activation.Identity;

    /// <summary>Whether the layer has an activation slot (Dense, convolutions, normalisations).</summary>
    public virtual bool TakesActivation => false;

    /// <summary>
    /// The layer's tensors in <c>Parameters</c> order with their suffix (<c>weight</c>, <c>bias</c>, …) and shape;
    /// statistics (BatchNorm's running values) are listed by <see cref="Statistics"/>.
    /// </summary>
    public virtual IEnumerable<(string Suffix, int[] Shape, float[] Values)> Parameters => Array.Empty<(string, int[], float[])>();

    /// <summary>Buffers that are not parameters (BatchNorm's running mean and variance, and its batch count).</summary>
    public virtual IEnumerable<(string Suffix, int[] Shape, float[] Values, bool Integer)> Statistics => Array.Empty<(string, int[], float[], bool)>();

    /// <summary>Modules this layer is in an equivalent <c>nn.Sequential</c>: itself, plus its activation's.</summary>
    public virtual int SequentialModules => 1 + (Activation == Activation.Identity ? 0 : 1);

    /// <summary>The activation argument as C#, e.g. <c>Activation.Relu</c>.</summary>
    protected string ActivationText => "Activation." + Activation;

    /// <summary>A float for C# source.</summary>
    protected static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A list that keeps the first of equal entries only (a source named by several steps of one piece).</summary>
internal sealed class UniqueList : List<string>
{
    /// <summary>Adds <paramref name="item"/> unless it is there.</summary>
    public new void Add(string item)
    {
        if (!Contains(item)) base.Add(item);
    }

    /// <summary>Adds each item unless it is there.</summary>
    public new void AddRange(IEnumerable<string> items)
    {
        foreach (string item in items) Add(item);
    }
}

/// <summary>The network's input: a flat size, or a shaped [C, L] / [C, H, W] value.</summary>
internal sealed class ImportedInput
{
    /// <summary>The dimensions of one sample (one step of a sequence).</summary>
    public int[] Dims { get; init; } = Array.Empty<int>();

    /// <summary>The attribute as C# source.</summary>
    public string Attribute => "[Input(" + string.Join(", ", Dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")]";
}

/// <summary><c>[Dense(units, activation)]</c>: weight [out, in], bias [out].</summary>
internal sealed class DenseImport : ImportedLayer
{
    /// <summary>Creates the layer.</summary>
    public DenseImport(int inputs, int units, float[] weight, float[] bias)
    {
        Inputs = inputs;
        Units = units;
        Weight = weight;
        Bias = bias;
    }

    /// <summary>Input features.</summary>
    public int Inputs { get; }

    /// <summary>Output features.</summary>
    public int Units { get; }

    /// <summary>Row-major [Units, Inputs].</summary>
    public float[] Weight { get; }

    /// <summary>[Units].</summary>
    public float[] Bias { get; }

    /// <inheritdoc />
    public override bool TakesActivation => true;

    /// <inheritdoc />
    public override string Attribute => Activation == Activation.Identity ? $"[Dense({Units})]" : $"[Dense({Units}, {ActivationText})]";

    /// <inheritdoc />
    public override IEnumerable<(string, int[], float[])> Parameters => new[] { ("weight", new[] { Units, Inputs }, Weight), ("bias", new[] { Units }, Bias) };
}

/// <summary><c>[Conv1D]</c> / <c>[Conv2D]</c>: weight [out, in, k] or [out, in, k, k], bias [out].</summary>
internal sealed class ConvImport : ImportedLayer
{
    /// <summary>1 or 2 spatial dimensions.</summary>
    public int SpatialDims { get; init; }

    /// <summary>Input channels.</summary>
    public int InChannels { get; init; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; init; }

    /// <summary>Kernel size (square in 2-D).</summary>
    public int Kernel { get; init; }

    /// <summary>Stride.</summary>
    public int Stride { get; init; } = 1;

    /// <summary>Zero padding on every side.</summary>
    public int Padding { get; set; }

    /// <summary>Dilation (1-D only).</summary>
    public int Dilation { get; init; } = 1;

    /// <summary>The weights, PyTorch's layout.</summary>
    public float[] Weight { get; init; } = Array.Empty<float>();

    /// <summary>The biases.</summary>
    public float[] Bias { get; init; } = Array.Empty<float>();

    /// <inheritdoc />
    public override bool TakesActivation => true;

    /// <inheritdoc />
    public override string Attribute
    {
        get
        {
            var args = new List<string> { Number(OutChannels), Number(Kernel) };
            if (Stride != 1) args.Add("stride: " + Number(Stride));
            if (Padding != 0) args.Add("padding: " + Number(Padding));
            if (Dilation != 1) args.Add("dilation: " + Number(Dilation));
            if (Activation != Activation.Identity) args.Add("activation: " + ActivationText);
            return $"[Conv{SpatialDims}D({string.Join(", ", args)})]";
        }
    }

    /// <inheritdoc />
    public override IEnumerable<(string, int[], float[])> Parameters => new[]
    {
        ("weight", SpatialDims == 1 ? new[] { OutChannels, InChannels, Kernel } : new[] { OutChannels, InChannels, Kernel, Kernel }, Weight),
        ("bias", new[] { OutChannels }, Bias),
    };
}

/// <summary><c>[MaxPool1D/2D]</c>, <c>[AvgPool1D/2D]</c>.</summary>
internal sealed class PoolImport : ImportedLayer
{
    /// <summary>Max (true) or average pooling.</summary>
    public bool Max { get; init; }

    /// <summary>1 or 2 spatial dimensions.</summary>
    public int SpatialDims { get; init; }

    /// <summary>Window size.</summary>
    public int Kernel { get; init; }

    /// <summary>Stride.</summary>
    public int Stride { get; init; }

    /// <inheritdoc />
    public override string Attribute => $"[{(Max ? "Max" : "Avg")}Pool{SpatialDims}D({Number(Kernel)}{(Stride == Kernel ? "" : ", stride: " + Number(Stride))})]";
}

/// <summary><c>[GlobalAvgPool]</c>.</summary>
internal sealed class GlobalAvgPoolImport : ImportedLayer
{
    /// <inheritdoc />
    public override string Attribute => "[GlobalAvgPool]";
}

/// <summary><c>[Flatten]</c>.</summary>
internal sealed class FlattenImport : ImportedLayer
{
    /// <inheritdoc />
    public override string Attribute => "[Flatten]";
}

/// <summary><c>[LayerNorm]</c> over the whole sample: weight and bias shaped as the input.</summary>
internal sealed class LayerNormImport : ImportedLayer
{
    /// <summary>The sample's dimensions.</summary>
    public int[] Shape { get; init; } = Array.Empty<int>();

    /// <summary>γ, flat.</summary>
    public float[] Weight { get; init; } = Array.Empty<float>();

    /// <summary>β, flat.</summary>
    public float[] Bias { get; init; } = Array.Empty<float>();

    /// <inheritdoc />
    public override bool TakesActivation => true;

    /// <inheritdoc />
    public override string Attribute => Activation == Activation.Identity ? "[LayerNorm]" : $"[LayerNorm({ActivationText})]";

    /// <inheritdoc />
    public override IEnumerable<(string, int[], float[])> Parameters => new[] { ("weight", Shape, Weight), ("bias", Shape, Bias) };
}

/// <summary><c>[BatchNorm]</c> with its running statistics (inference uses them).</summary>
internal sealed class BatchNormImport : ImportedLayer
{
    /// <summary>Channels (features of a flat value).</summary>
    public int Channels { get; init; }

    /// <summary>γ.</summary>
    public float[] Weight { get; init; } = Array.Empty<float>();

    /// <summary>β.</summary>
    public float[] Bias { get; init; } = Array.Empty<float>();

    /// <summary>Running mean.</summary>
    public float[] Mean { get; init; } = Array.Empty<float>();

    /// <summary>Running variance (adjusted to ε = 1e-5).</summary>
    public float[] Variance { get; init; } = Array.Empty<float>();

    /// <inheritdoc />
    public override bool TakesActivation => true;

    /// <inheritdoc />
    public override string Attribute => Activation == Activation.Identity ? "[BatchNorm]" : $"[BatchNorm({ActivationText})]";

    /// <inheritdoc />
    public override IEnumerable<(string, int[], float[])> Parameters => new[] { ("weight", new[] { Channels }, Weight), ("bias", new[] { Channels }, Bias) };

    /// <inheritdoc />
    public override IEnumerable<(string, int[], float[], bool)> Statistics => new[]
    {
        ("running_mean", new[] { Channels }, Mean, false),
        ("running_var", new[] { Channels }, Variance, false),
        ("num_batches_tracked", Array.Empty<int>(), new[] { 0f }, true),
    };
}

/// <summary><c>[Gru]</c>, <c>[Lstm]</c>, <c>[Rnn]</c> with PyTorch's four tensors (gates in PyTorch's order).</summary>
internal sealed class RecurrentImport : ImportedLayer
{
    /// <summary>"Gru", "Lstm" or "Rnn".</summary>
    public string Kind { get; init; } = "";

    /// <summary>Gates: 3 (GRU), 4 (LSTM), 1 (RNN).</summary>
    public int Gates { get; init; }

    /// <summary>Input features of a step.</summary>
    public int Inputs { get; init; }

    /// <summary>Hidden size.</summary>
    public int Hidden { get; init; }

    /// <summary>The RNN's nonlinearity (Tanh or Relu).</summary>
    public Activation Nonlinearity { get; init; } = Activation.Tanh;

    /// <summary>weight_ih [G·H, in].</summary>
    public float[] WeightIh { get; init; } = Array.Empty<float>();

    /// <summary>weight_hh [G·H, H].</summary>
    public float[] WeightHh { get; init; } = Array.Empty<float>();

    /// <summary>bias_ih [G·H].</summary>
    public float[] BiasIh { get; init; } = Array.Empty<float>();

    /// <summary>bias_hh [G·H].</summary>
    public float[] BiasHh { get; init; } = Array.Empty<float>();

    /// <inheritdoc />
    public override int SequentialModules => 1;

    /// <inheritdoc />
    public override string Attribute => Kind == "Rnn" && Nonlinearity != Activation.Tanh
        ? $"[Rnn({Number(Hidden)}, Activation.{Nonlinearity})]"
        : $"[{Kind}({Number(Hidden)})]";

    /// <inheritdoc />
    public override IEnumerable<(string, int[], float[])> Parameters => new[]
    {
        ("weight_ih_l0", new[] { Gates * Hidden, Inputs }, WeightIh),
        ("weight_hh_l0", new[] { Gates * Hidden, Hidden }, WeightHh),
        ("bias_ih_l0", new[] { Gates * Hidden }, BiasIh),
        ("bias_hh_l0", new[] { Gates * Hidden }, BiasHh),
    };
}

/// <summary><c>[CausalConv1D]</c> in a sequence network: weight [out, in, k], bias [out].</summary>
internal sealed class CausalConvImport : ImportedLayer
{
    /// <summary>Input channels (features of a step).</summary>
    public int InChannels { get; init; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; init; }

    /// <summary>Kernel size.</summary>
    public int Kernel { get; init; }

    /// <summary>Dilation.</summary>
    public int Dilation { get; init; } = 1;

    /// <summary>The weights.</summary>
    public float[] Weight { get; init; } = Array.Empty<float>();

    /// <summary>The biases.</summary>
    public float[] Bias { get; init; } = Array.Empty<float>();

    /// <inheritdoc />
    public override bool TakesActivation => true;

    /// <inheritdoc />
    public override string Attribute
    {
        get
        {
            var args = new List<string> { Number(OutChannels), "kernelSize: " + Number(Kernel) };
            if (Dilation != 1) args.Add("dilation: " + Number(Dilation));
            if (Activation != Activation.Identity) args.Add("activation: " + ActivationText);
            return $"[CausalConv1D({string.Join(", ", args)})]";
        }
    }

    /// <inheritdoc />
    public override IEnumerable<(string, int[], float[])> Parameters => new[] { ("weight", new[] { OutChannels, InChannels, Kernel }, Weight), ("bias", new[] { OutChannels }, Bias) };
}
