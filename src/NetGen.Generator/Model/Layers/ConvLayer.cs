using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Model.Shapes;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// <c>[Conv1D]</c> and <c>[Conv2D]</c>: PyTorch's <c>nn.Conv1d</c>/<c>nn.Conv2d</c> with zero padding, then the activation,
/// <c>z[o, r, s] = b[o] + Σ_c Σ_i Σ_j w[o, c, i, j]·x[c, r·Sh − Ph + i·Dh, s·Sw − Pw + j·Dw]</c>. A 1-D convolution is the
/// same definition with one row (<see cref="TensorShape.Height"/> = 1, a kernel one row high); a 2-D one has a square kernel
/// and no dilation. Parameters: weights <c>[O, C, K]</c> or <c>[O, C, K, K]</c> row-major, then O biases.
/// </summary>
internal sealed record ConvLayer(int Number, TensorShape Input, int OutChannels, int Kernel, int Stride, int Padding, int Dilation, ActivationKind ConvActivation, bool TwoD)
    : ShapedLayer(Number, Input)
{
    /// <summary>Kernel rows (1 for a 1-D convolution).</summary>
    public int KernelHeight => TwoD ? Kernel : 1;

    /// <summary>Kernel columns.</summary>
    public int KernelWidth => Kernel;

    /// <summary>Rows between two output rows (1 for a 1-D convolution).</summary>
    public int StrideHeight => TwoD ? Stride : 1;

    /// <summary>Zero rows above and below (0 for a 1-D convolution).</summary>
    public int PaddingHeight => TwoD ? Padding : 0;

    /// <summary>Rows between two kernel rows (always 1).</summary>
    public int DilationHeight => 1;

    /// <summary>Output rows for <paramref name="input"/>: ⌊(H + 2·Ph − Dh·(Kh − 1) − 1) / Sh⌋ + 1, in <see cref="long"/>.</summary>
    public static long OutputSide(long side, int padding, int dilation, int kernel, int stride)
        => stride < 1 ? 0 : (long)Math.Floor((side + 2.0 * padding - (long)dilation * (kernel - 1) - 1) / stride) + 1;

    /// <inheritdoc/>
    public override TensorShape Output => new(Input.Rank, OutChannels,
        (int)OutputSide(Input.Height, PaddingHeight, DilationHeight, KernelHeight, StrideHeight),
        (int)OutputSide(Input.Width, Padding, Dilation, KernelWidth, Stride));

    /// <inheritdoc/>
    public override ActivationKind Activation => ConvActivation;

    /// <summary>Weights of one output channel: C·Kh·Kw (the fan-in).</summary>
    public int FanIn => Input.Channels * KernelHeight * KernelWidth;

    /// <summary><see cref="FanIn"/> in <see cref="long"/>: many input channels and a large padded kernel overflow an int (then NG0013).</summary>
    public long LongFanIn => (long)Input.Channels * KernelHeight * KernelWidth;

    /// <inheritdoc/>
    public override long ParameterCount => (LongFanIn + 1) * OutChannels;

    /// <inheritdoc/>
    public override long MultiplyAdds => Output.LongSize * LongFanIn;

    /// <inheritdoc/>
    public override string KindName => TwoD ? "Conv2D" : "Conv1D";

    /// <inheritdoc/>
    public override string AttributeText
    {
        get
        {
            var text = new System.Text.StringBuilder($"{KindName}({OutChannels}, {Kernel}");
            if (Stride != 1) text.Append(", stride: ").Append(Stride.ToString(CultureInfo.InvariantCulture));
            if (Padding != 0) text.Append(", padding: ").Append(Padding.ToString(CultureInfo.InvariantCulture));
            if (Dilation != 1) text.Append(", dilation: ").Append(Dilation.ToString(CultureInfo.InvariantCulture));
            if (Activation != ActivationKind.Identity) text.Append(", ").Append(Activation);
            return text.Append(')').ToString();
        }
    }

    /// <inheritdoc/>
    public override string FingerprintText => string.Format(CultureInfo.InvariantCulture, "{0}={1},{2},{3},{4},{5},{6};",
        TwoD ? "conv2d" : "conv1d", OutChannels, Kernel, Stride, Padding, Dilation, Activation);

    /// <inheritdoc/>
    public override IEnumerable<SequentialTensor> Tensors(int moduleIndex, int parameterOffset)
    {
        var shape = TwoD ? Shape(OutChannels, Input.Channels, Kernel, Kernel) : Shape(OutChannels, Input.Channels, Kernel);
        yield return new SequentialTensor($"{moduleIndex}.weight", parameterOffset, shape, $"layer {Number} weights [out, in, {(TwoD ? "k, k" : "k")}]");
        yield return new SequentialTensor($"{moduleIndex}.bias", parameterOffset + OutChannels * FanIn, Shape(OutChannels), $"layer {Number} biases");
    }

    /// <summary>PyTorch's default (kaiming_uniform with a = √5): weights and biases U(±1/√fan-in).</summary>
    public override UniformInitialisation? Initialisation(int parameterOffset)
        => new(parameterOffset, (int)ParameterCount, (float)(1.0 / Math.Sqrt(FanIn)),
            $"Layer {Number}: {KindName} weights and biases U(±1/√{FanIn}) (PyTorch's default for nn.{(TwoD ? "Conv2d" : "Conv1d")})");

    /// <inheritdoc/>
    public override string Description(int parameterOffset) => Describe(KindName, parameterOffset);
}
