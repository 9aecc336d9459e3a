using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Diagnostics;

/// <summary>Every diagnostic NetGen reports, with stable IDs. Each has a page in <c>docs/diagnostics/</c>.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "NetGen";
    /// <summary>Each help link is this plus "NGxxxx.md": the repository (NetGenRepositoryUrl in Directory.Build.props) and the docs folder.</summary>
    internal const string HelpRoot = RepositoryInfo.Url + "/blob/main/docs/diagnostics/";

    private static DiagnosticDescriptor Rule(string id, string title, string message, DiagnosticSeverity severity)
        => new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpRoot + id + ".md");

    public static readonly DiagnosticDescriptor ClassNotPartial = Rule("NG0001",
        "Network class must be partial",
        "The [Network] class '{0}' must be declared partial so NetGen can add its members", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedClassShape = Rule("NG0002",
        "Unsupported network type",
        "The [Network] type '{0}' {1}; declare a non-generic, non-static, non-abstract partial class", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingInput = Rule("NG0003",
        "Network has no [Input]",
        "The [Network] class '{0}' needs exactly one [Input(size)] attribute", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateInput = Rule("NG0004",
        "More than one [Input]",
        "The [Network] class '{0}' has {1} [Input] attributes; keep exactly one", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingDense = Rule("NG0005",
        "Network has no [Dense] layer",
        "The [Network] class '{0}' needs at least one [Dense(units, activation)] layer", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NonPositiveSize = Rule("NG0006",
        "Size must be positive",
        "{0} has size {1}; sizes must be at least 1", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SoftmaxNotLast = Rule("NG0007",
        "Softmax only on the last layer",
        "Layer {0} ([Dense({1}, Activation.Softmax)]) uses Softmax but is not the last layer; use Softmax only on the output layer", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SoftmaxSingleUnit = Rule("NG0008",
        "Softmax over one unit",
        "Layer {0} applies Softmax to 1 unit, which always outputs 1; use at least 2 units or Activation.Sigmoid", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LossActivationMismatch = Rule("NG0009",
        "Loss does not fit the output activation",
        "Loss.{0} needs a {1} output layer, but the last layer uses Activation.{2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MeanSquaredErrorAfterSoftmax = Rule("NG0010",
        "Regression loss (MeanSquaredError, Huber, L1) after Softmax",
        "Loss.{0} on a Softmax output trains slowly; Loss.CrossEntropy is the usual choice", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor HyperParameterOutOfRange = Rule("NG0011",
        "Hyper-parameter out of range",
        "[Network] {0} = {1} is out of range: expected {2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownEnumValue = Rule("NG0012",
        "Unknown enum value",
        "{0} has the value {1}, which is not a member of {2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NetworkTooLarge = Rule("NG0013",
        "Network too large",
        "The network '{0}' has {1} parameters; NetGen supports at most {2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor AttributesSplitAcrossDeclarations = Rule("NG0014",
        "Layers split across partial declarations",
        "The [Network], [Input] and [Dense] attributes of '{0}' are spread over several partial declarations, so their order is ambiguous; put them all on one declaration", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MemberClash = Rule("NG0015",
        "Member clashes with a generated member",
        "'{0}' is declared by the user, but NetGen generates a member of that name on '{1}'; rename or remove it", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LayerEmittedAsLoop = Rule("NG0016",
        "Layer emitted as loops",
        "Layer {0} ([Dense({1})] after {2} inputs) has {3} multiply-adds, over UnrollLimit {4}; it is emitted as loops with constant bounds instead of straight-line code", DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Rule("NG0017",
        "Containing type must be partial",
        "The [Network] class '{0}' is nested in '{1}', which must also be declared partial", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LayerTooWide = Rule("NG0018",
        "Layer too wide",
        "{0} has {1} units; NetGen supports at most {2} per layer", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LayerAttributeWithoutNetwork = Rule("NG0019",
        "[Input] or [Dense] without [Network]",
        "'{0}' has [{1}] but no [Network(loss)] attribute, so NetGen generates nothing for it; add [Network(Loss.…)] or remove [{1}]", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor GeneratedCodeVeryLarge = Rule("NG0020",
        "Generated code is very large",
        "The network '{0}' ({1} parameters) would write out {2} multiply-adds as straight-line code with UnrollLimit {3}, more than {4}, which makes builds slow and the code large. {5}.", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor WeightsFileNotFound = Rule("NG0021",
        "Weights file not found",
        "The weights file '{0}' of '{1}' is not a NetGenWeights item of the project (or does not exist); add <NetGenWeights Include=\"{0}\" /> to the project file, and import NetGen.targets when NetGen is not referenced as a package", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor WeightsFileInvalid = Rule("NG0022",
        "Weights file is not valid safetensors",
        "The weights file '{0}' of '{1}' is not a valid safetensors file: {2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor WeightsDoNotMatch = Rule("NG0023",
        "Weights do not match the network",
        "The weights file '{0}' does not fit '{1}': {2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor GpuPackageMissing = Rule("NG0024",
        "ILGPU without NetGen.Ilgpu",
        "The project references ILGPU but not the NetGen.Ilgpu package, so '{0}' gets no GpuTrainer; add a reference to NetGen.Ilgpu (the GPU trainer's host code) to train it with ILGPU", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DropoutProbabilityOutOfRange = Rule("NG0030",
        "Dropout probability out of range",
        "[Dropout({0})] has p = {0}; p must be in [0, 1) (the probability of zeroing a unit)", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DropoutBeforeFirstDense = Rule("NG0031",
        "Dropout before the first layer",
        "[Dropout({0})] comes before the first [Dense] layer; dropout applies to the output of the [Dense] layer written before it, so put it between two [Dense] layers", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DropoutAfterLastDense = Rule("NG0032",
        "Dropout after the last layer",
        "[Dropout({0})] comes after the last [Dense] layer (layer {1}), which is the network's output; put it between two [Dense] layers or remove it", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ConsecutiveDropout = Rule("NG0033",
        "Two Dropouts in a row",
        "Layer {0} is followed by {1} [Dropout] attributes; keep one (dropout p then q equals one [Dropout] with p' = 1 − (1 − p)(1 − q))", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor TrainingSettingOnInferenceOnlyNetwork = Rule("NG0040",
        "Training setting on an inference-only network",
        "{0} has no effect: '{1}' is inference-only (Trainable = false), so it has no optimizer; remove {0} or make the network trainable", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor InvalidKernelShape = Rule("NG0050",
        "Invalid causal convolution shape",
        "Layer {0} ([CausalConv1D]): {1} is {2}; expected {3}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidLayerActivation = Rule("NG0051",
        "Activation not supported by this layer",
        "Layer {0} ([{1}]) cannot use activation {2}; use {3}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SequenceLengthOutOfRange = Rule("NG0052",
        "SequenceLength out of range",
        "SequenceLength = {0} on '{1}' is out of range; expected a value in [1, {2}] (the time window the training members unroll)", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SequenceSettingWithoutSequenceLayer = Rule("NG0053",
        "Sequence setting on a network without sequence layers",
        "{0} has no effect: '{1}' has no [Gru], [Lstm], [Rnn] or [CausalConv1D] layer; remove {0} or add a sequence layer", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SequenceLengthMissing = Rule("NG0054",
        "Trainable sequence network without SequenceLength",
        "'{0}' is a sequence network ({1}) with training members but no SequenceLength; set [Network(..., SequenceLength = T)] to the time window training unrolls, or Trainable = false for a streaming-only network", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SequenceGpuTrainerNotGenerated = Rule("NG0055",
        "No GPU trainer for sequence networks",
        "'{0}' is a sequence network: no GpuTrainer is generated for it (its training runs on the CPU, backpropagation through time over SequenceLength steps)", DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor SequenceBuffersTooLarge = Rule("NG0056",
        "Sequence network too large for its buffers",
        "'{0}' is too large for its sequence buffers: {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DenseAfterShapedValue = Rule("NG0060",
        "Flatten missing before a layer that takes a flat input",
        "Layer {0} ([{1}]) takes a flat input but gets the shaped value {2} of {3}; write [Flatten] before it, as in PyTorch code", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LayerInputShapeMismatch = Rule("NG0061",
        "Layer input of the wrong shape",
        "Layer {0} ([{1}]) needs {2} but gets {3} from {4}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LayerOutputEmpty = Rule("NG0062",
        "Kernel or window larger than its input",
        "Layer {0} ([{1}]) on {2}: {3}, so its output would be {4}; use a smaller kernel, window or dilation, or more padding on a convolution", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ShapedLayerArgumentOutOfRange = Rule("NG0063",
        "Convolution or pooling argument out of range",
        "Layer {0} ([{1}]): {2} is {3}; expected {4}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LayeredGpuTrainerNotGenerated = Rule("NG0064",
        "No GPU trainer for convolution, pooling and normalisation networks",
        "'{0}' has a [{1}] layer: no GpuTrainer is generated for it (its training runs on the CPU)", DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor GpuOptimizerNotSupported = Rule("NG0068",
        "No GPU trainer for AdamW, weight decay or gradient clipping",
        "'{0}' uses {1}: no GpuTrainer is generated for it (the GPU optimizer step has no AdamW, weight decay or gradient clipping; its training runs on the CPU)", DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor ShapedLayerInSequenceNetwork = Rule("NG0065",
        "Shaped or normalisation layer in a sequence network",
        "{0} cannot be used in the sequence network '{1}' (it has {2}); sequence networks take flat inputs and Dense, Gru, Lstm, Rnn, CausalConv1D and Dropout layers", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DropoutInLayeredNetwork = Rule("NG0066",
        "Dropout with convolution, pooling or normalisation layers",
        "[Dropout] is not supported yet in '{0}', which has a [{1}] layer; remove it (PyTorch's Dropout is the identity at inference, so trained weights still load)", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LayeredValuesTooLarge = Rule("NG0067",
        "Network holds too many values per sample",
        "'{0}' holds {1} values per sample across its input and its layers' outputs, more than the {2} NetGen supports; use smaller inputs, fewer channels or more pooling", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InternalError = Rule("NG0099",
        "NetGen could not generate the network",
        "NetGen failed to generate '{0}': {1}. Please report this with the attributes of the class.", DiagnosticSeverity.Error);
}
