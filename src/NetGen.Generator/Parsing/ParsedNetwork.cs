using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// One <c>[Input]</c> as written: its size (the product of its dimensions; null when one could not be read), where it is,
/// and its dimensions as written (one for <c>[Input(size)]</c>, two for <c>[channels, length]</c>, three for
/// <c>[channels, height, width]</c>; a value that could not be read is 0).
/// </summary>
internal sealed record ParsedInput(int? Size, LocationInfo? Location, int[]? Dimensions = null);

/// <summary>Which attribute declared a layer with parameters.</summary>
internal enum ParsedLayerKind
{
    /// <summary><c>[Dense(units, activation)]</c>.</summary>
    Dense,
    /// <summary><c>[Gru(hiddenSize)]</c>.</summary>
    Gru,
    /// <summary><c>[Lstm(hiddenSize)]</c>.</summary>
    Lstm,
    /// <summary><c>[Rnn(hiddenSize, activation)]</c>.</summary>
    Rnn,
    /// <summary><c>[CausalConv1D(outChannels, kernelSize, dilation, activation)]</c>.</summary>
    CausalConv1D,
    /// <summary><c>[Conv1D(outChannels, kernelSize, stride, padding, dilation, activation)]</c>.</summary>
    Conv1D,
    /// <summary><c>[Conv2D(outChannels, kernelSize, stride, padding, activation)]</c>.</summary>
    Conv2D,
    /// <summary><c>[MaxPool1D(kernelSize, stride)]</c>.</summary>
    MaxPool1D,
    /// <summary><c>[MaxPool2D(kernelSize, stride)]</c>.</summary>
    MaxPool2D,
    /// <summary><c>[AvgPool1D(kernelSize, stride)]</c>.</summary>
    AvgPool1D,
    /// <summary><c>[AvgPool2D(kernelSize, stride)]</c>.</summary>
    AvgPool2D,
    /// <summary><c>[GlobalAvgPool]</c>.</summary>
    GlobalAvgPool,
    /// <summary><c>[Flatten]</c>.</summary>
    Flatten,
    /// <summary><c>[LayerNorm(activation)]</c>.</summary>
    LayerNorm,
    /// <summary><c>[BatchNorm(activation)]</c>.</summary>
    BatchNorm,
}

/// <summary>
/// One layer attribute as written (<c>[Dense]</c>, <c>[Gru]</c>, <c>[Lstm]</c>, <c>[Rnn]</c>, <c>[CausalConv1D]</c>): its size
/// (units, hidden size or output channels), activation, kernel size and dilation (null when they could not be read or the
/// attribute has none), and where it is.
/// </summary>
internal sealed record ParsedDense(int? Units, int? Activation, LocationInfo? Location, ParsedLayerKind Kind = ParsedLayerKind.Dense, int? KernelSize = null, int? Dilation = null, int? Stride = null, int? Padding = null)
{
    /// <summary>True for the layers that step through time (recurrent layers, causal convolutions).</summary>
    public bool IsSequenceKind => Kind is ParsedLayerKind.Gru or ParsedLayerKind.Lstm or ParsedLayerKind.Rnn or ParsedLayerKind.CausalConv1D;

    /// <summary>True for the convolution, pooling, flatten and normalisation layers (a layered network).</summary>
    public bool IsShapedKind => Kind >= ParsedLayerKind.Conv1D;
}

/// <summary>
/// One <c>[Dropout]</c> as written: its probability (null when it could not be read), the number of layers with
/// parameters (<see cref="ParsedDense"/>) written before it (so 0 = before the first layer), and where it is.
/// </summary>
internal sealed record ParsedDropout(float? P, int AfterLayers, LocationInfo? Location);

/// <summary>A named argument of <c>[Network]</c>: its raw value and where it is.</summary>
internal sealed record ParsedNamedArgument(string Name, object? Value, LocationInfo? Location);

/// <summary>A member the user declared that a generated member would clash with.</summary>
internal sealed record ParsedMember(string Name, LocationInfo? Location);

/// <summary>
/// A <c>[Network]</c> class as read from the compilation, before any rule is checked. Shared by the
/// generator and the analyzer, so both apply the one set of rules in <see cref="Diagnostics.NetworkValidator"/>.
/// </summary>
internal sealed class ParsedNetwork
{
    public string ClassName { get; set; } = "";
    public string? Namespace { get; set; }
    public string Accessibility { get; set; } = "internal";
    public List<ContainingTypeSpec> ContainingTypes { get; } = new();
    public LocationInfo? ClassLocation { get; set; }
    public LocationInfo? NetworkLocation { get; set; }

    public bool IsPartial { get; set; }
    public bool IsGeneric { get; set; }
    public bool IsStatic { get; set; }
    public bool IsAbstract { get; set; }
    public bool IsNotClass { get; set; }
    public string TypeKeyword { get; set; } = "class";
    public bool NestedInGeneric { get; set; }
    public string? NonPartialContainingType { get; set; }

    /// <summary>True when some attribute could not be bound (the compiler reports that itself; NetGen stays silent).</summary>
    public bool HasBindingErrors { get; set; }

    public int? Loss { get; set; }
    public List<ParsedNamedArgument> NamedArguments { get; } = new();
    public List<ParsedInput> Inputs { get; } = new();
    /// <summary>The layers with parameters in source order: <c>[Dense]</c>, <c>[Gru]</c>, <c>[Lstm]</c>, <c>[Rnn]</c>, <c>[CausalConv1D]</c>.</summary>
    public List<ParsedDense> Layers { get; } = new();

    /// <summary>True when a layer makes this a sequence network (a recurrent layer or a causal convolution).</summary>
    public bool HasSequenceLayers => Layers.Exists(l => l.IsSequenceKind);

    /// <summary>True when a BatchNorm layer is declared (its running statistics add members).</summary>
    public bool HasBatchNorm => Layers.Exists(l => l.Kind == ParsedLayerKind.BatchNorm);
    public List<ParsedDropout> Dropouts { get; } = new();

    /// <summary>Number of partial declarations that carry <c>[Network]</c>, <c>[Input]</c> or <c>[Dense]</c>.</summary>
    public int DeclarationsWithLayerAttributes { get; set; }
    public LocationInfo? SecondDeclarationLocation { get; set; }

    public List<ParsedMember> DeclaredMembers { get; } = new();

    /// <summary>SIMD widths the consumer's compilation supports (see <see cref="Model.NetworkSpec.VectorWidths"/>).</summary>
    public List<int> VectorWidths { get; } = new();

    /// <summary>The compilation's <c>System.Runtime.Intrinsics.Vector128</c> has <c>MultiplyAddEstimate</c> (.NET 9 and later).</summary>
    public bool MultiplyAddEstimate { get; set; }

    /// <summary>The class's file is compiled as C# 10 or later, so the generated file may use a file-scoped namespace.</summary>
    public bool FileScopedNamespace { get; set; }

    /// <summary>The compilation references ILGPU and NetGen.Ilgpu (see <see cref="Model.NetworkSpec.GpuKernels"/>).</summary>
    public bool GpuKernels { get; set; }

    /// <summary>The compilation references ILGPU but not NetGen.Ilgpu: no GPU code, and NG0024 says which package to add.</summary>
    public bool GpuPackageMissing { get; set; }

    /// <summary>The compilation references ILGPU.Algorithms (see <see cref="Model.NetworkSpec.GpuAlgorithms"/>).</summary>
    public bool GpuAlgorithms { get; set; }
}
