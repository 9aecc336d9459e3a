using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Shaped;

/// <summary>
/// Reference/shaped-reference.json (made by Reference/make_shaped_reference.py; Reference/README.md): PyTorch's own
/// float64 numbers for the shaped layers (Conv1D, Conv2D, max and average pooling, GlobalAvgPool, Flatten, LayerNorm,
/// BatchNorm, and Dense after them), and beside it one &lt;name&gt;.safetensors per net with its initial state_dict() and,
/// for the BatchNorm nets, &lt;name&gt;.trained.safetensors after the three steps. Self-contained (System.Text.Json only).
/// </summary>
public static class ShapedReferenceData
{
    /// <summary>The folder of the data under the test's output folder.</summary>
    public static readonly string RelativeFolder = Path.Combine("Shaped", "Reference");

    /// <summary>Where the JSON file lies under the test's output folder.</summary>
    public static readonly string RelativePath = Path.Combine(RelativeFolder, "shaped-reference.json");

    /// <summary>The nets' names, in the file's order.</summary>
    public static readonly string[] Names =
    {
        "Conv1d_Basic", "Conv1d_Options", "Conv2d_Basic", "Conv2d_Options", "Encoder", "BatchNorm_Mlp", "LayerNorm_Mlp",
        "Conv2d_BatchNorm", "Conv1d_Norms", "Conv2d_LayerNorm", "MaxPool_Ties",
    };

    /// <summary>The nets with BatchNorm layers (running statistics, and a &lt;name&gt;.trained.safetensors).</summary>
    public static readonly string[] BatchNormNames = { "BatchNorm_Mlp", "Conv2d_BatchNorm", "Conv1d_Norms" };

    private static readonly Lazy<IReadOnlyDictionary<string, ShapedNetCase>> s_nets = new(Read);

    /// <summary>The nets by name (<see cref="Names"/>).</summary>
    public static IReadOnlyDictionary<string, ShapedNetCase> Nets => s_nets.Value;

    /// <summary>The full path of a net's safetensors file (its state_dict() at the initial parameters and running
    /// statistics: F32 tensors, num_batches_tracked I64 of shape []).</summary>
    /// <param name="name">The net's name.</param>
    public static string SafetensorsPath(string name) => Path.Combine(AppContext.BaseDirectory, RelativeFolder, name + ".safetensors");

    /// <summary>The full path of a BatchNorm net's state_dict() after the three steps (<see cref="ShapedNetCase.Steps"/>[2]
    /// rounded to float32; num_batches_tracked 3).</summary>
    /// <param name="name">One of <see cref="BatchNormNames"/>.</param>
    public static string TrainedSafetensorsPath(string name) => Path.Combine(AppContext.BaseDirectory, RelativeFolder, name + ".trained.safetensors");

    private static IReadOnlyDictionary<string, ShapedNetCase> Read()
    {
        string path = Path.Combine(AppContext.BaseDirectory, RelativePath);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("nets").EnumerateArray().Select(n => new ShapedNetCase(n)).ToDictionary(n => n.Name);
    }

    /// <summary>An array of numbers, nested or not, flattened in row-major order.</summary>
    internal static double[] Flat(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().SelectMany(v => v.ValueKind == JsonValueKind.Array ? Flat(v) : new[] { v.GetDouble() }).ToArray()
        : new[] { e.GetDouble() };

    /// <summary>Per sample (the outer dimension), its values flattened row-major.</summary>
    internal static double[][] PerSample(JsonElement e) => e.EnumerateArray().Select(Flat).ToArray();

    internal static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    /// <summary>A layer of the file: {"kind", "size"/"out_channels"?, "kernel_size"?, "stride"?, "padding"?,
    /// "dilation"?, "activation"?, "output_shape"}.</summary>
    internal static ShapedLayer Layer(JsonElement e)
    {
        var kind = Enum.Parse<ShapedLayerKind>(e.GetProperty("kind").GetString()!);
        int Int(string key, int otherwise) => e.TryGetProperty(key, out var v) ? v.GetInt32() : otherwise;
        int size = Int("size", Int("out_channels", 0));
        var activation = e.TryGetProperty("activation", out var a) ? Enum.Parse<Activation>(a.GetString()!) : Activation.Identity;
        return new ShapedLayer(kind, size, Int("kernel_size", 1), Int("stride", 1), Int("padding", 0), Int("dilation", 1), activation);
    }

    internal static ShapedTensor Tensor(JsonElement t)
        => new(t.GetProperty("name").GetString()!, t.GetProperty("offset").GetInt32(), Ints(t.GetProperty("shape")));
}

/// <summary>One TrainBatch of the data: the loss before it, the parameters and running statistics after it.</summary>
/// <param name="LossBefore">The training-mode batch mean loss at the parameters before the step.</param>
/// <param name="Parameters">The flat parameters after the step.</param>
/// <param name="RunningStatistics">The running statistics after the step (empty without BatchNorm).</param>
public sealed record ShapedStep(double LossBefore, double[] Parameters, double[] RunningStatistics);

/// <summary>One net of shaped-reference.json: its layout, parameters, batch and PyTorch's float64 results.</summary>
public sealed class ShapedNetCase
{
    internal ShapedNetCase(JsonElement net)
    {
        Name = net.GetProperty("name").GetString()!;
        Seed = net.GetProperty("seed").GetInt32();
        Attributes = net.GetProperty("attributes").GetString()!;
        InputShape = ShapedReferenceData.Ints(net.GetProperty("input_shape"));
        InputSize = net.GetProperty("input_size").GetInt32();
        OutputSize = net.GetProperty("output_size").GetInt32();
        var layers = net.GetProperty("layers").EnumerateArray().ToArray();
        Layout = new ShapedLayout(InputShape, layers.Select(ShapedReferenceData.Layer).ToArray(), Enum.Parse<Loss>(net.GetProperty("loss").GetString()!));
        LayerOutputShapes = layers.Select(l => ShapedReferenceData.Ints(l.GetProperty("output_shape"))).ToArray();
        Optimizer = Enum.Parse<Optimizer>(net.GetProperty("optimizer").GetString()!);
        LearningRate = net.GetProperty("lr").GetDouble();
        Momentum = net.GetProperty("momentum").GetDouble();
        Batch = net.GetProperty("batch").GetInt32();
        Parameters = ShapedReferenceData.Flat(net.GetProperty("parameters"));
        ZeroGradientParameters = ShapedReferenceData.Ints(net.GetProperty("zero_gradient_parameters"));
        RunningStatistics = ShapedReferenceData.Flat(net.GetProperty("running_statistics"));
        Tensors = net.GetProperty("tensors").EnumerateArray().Select(ShapedReferenceData.Tensor).ToArray();
        RunningTensors = net.GetProperty("running_tensors").EnumerateArray().Select(ShapedReferenceData.Tensor).ToArray();
        Inputs = ShapedReferenceData.PerSample(net.GetProperty("inputs"));
        Targets = ShapedReferenceData.PerSample(net.GetProperty("targets"));
        EvalOutputs = ShapedReferenceData.PerSample(net.GetProperty("eval_outputs"));
        EvaluateLoss = net.GetProperty("evaluate_loss").GetDouble();
        BatchLoss = net.GetProperty("batch_loss").GetDouble();
        Gradient = ShapedReferenceData.Flat(net.GetProperty("gradient"));
        var sampleLoss = net.GetProperty("sample_loss");
        SampleLoss = sampleLoss.ValueKind == JsonValueKind.Null ? null : sampleLoss.GetDouble();
        var sampleGradient = net.GetProperty("sample_gradient");
        SampleGradient = sampleGradient.ValueKind == JsonValueKind.Null ? null : ShapedReferenceData.Flat(sampleGradient);
        Steps = net.GetProperty("steps").EnumerateArray()
            .Select(s => new ShapedStep(s.GetProperty("loss_before").GetDouble(),
                ShapedReferenceData.Flat(s.GetProperty("parameters")), ShapedReferenceData.Flat(s.GetProperty("running_statistics"))))
            .ToArray();
        EvalOutputsAfter = ShapedReferenceData.PerSample(net.GetProperty("eval_outputs_after"));
    }

    /// <summary>"Conv1d_Basic", "BatchNorm_Mlp", … (<see cref="ShapedReferenceData.Names"/>).</summary>
    public string Name { get; }

    /// <summary>The torch.manual_seed the parameters, inputs and targets were drawn from.</summary>
    public int Seed { get; }

    /// <summary>The C# attributes of the net, e.g. "[Network(Loss.MeanSquaredError, LearningRate = 0.1f)] [Input(2, 16)] …".</summary>
    public string Attributes { get; }

    /// <summary>[C, L], [C, H, W] or [F].</summary>
    public int[] InputShape { get; }

    /// <summary>The values of one sample's input.</summary>
    public int InputSize { get; }

    /// <summary>The values of one sample's output.</summary>
    public int OutputSize { get; }

    /// <summary>The layers and loss, and the double-precision reference.</summary>
    public ShapedLayout Layout { get; }

    /// <summary>Each layer's output shape as the script resolved it.</summary>
    public IReadOnlyList<int[]> LayerOutputShapes { get; }

    /// <summary>Sgd or Adam (default betas and ε).</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The learning rate.</summary>
    public double LearningRate { get; }

    /// <summary>SGD's momentum (0 for none, and for Adam).</summary>
    public double Momentum { get; }

    /// <summary>The number of samples of the batch (6).</summary>
    public int Batch { get; }

    /// <summary>The optimizer as <see cref="ReferenceOptimizer"/> takes it.</summary>
    public OptimizerSettings OptimizerSettings => new(Optimizer, LearningRate, Momentum);

    /// <summary>The flat initial parameters (float32 values), in NetGen's (= nn.Module.parameters()) order.</summary>
    public double[] Parameters { get; }

    /// <summary>The flat indices of the parameters whose training-mode gradient is zero up to rounding (the bias of a
    /// layer just before a BatchNorm, and whatever else BatchNorm takes out as a shift common to the batch): Adam blows
    /// their float32 rounding noise up into steps of up to lr, so the steps are compared without them and they are set
    /// to PyTorch's values after each step (Reference/README.md).</summary>
    public int[] ZeroGradientParameters { get; }

    /// <summary>The initial running statistics (float32 values): per BatchNorm running_mean, running_var,
    /// num_batches_tracked; empty without BatchNorm.</summary>
    public double[] RunningStatistics { get; }

    /// <summary>The parameter tensors: state_dict name, offset into <see cref="Parameters"/>, shape.</summary>
    public IReadOnlyList<ShapedTensor> Tensors { get; }

    /// <summary>The running-statistics tensors: state_dict name, offset into <see cref="RunningStatistics"/>, shape.</summary>
    public IReadOnlyList<ShapedTensor> RunningTensors { get; }

    /// <summary>The batch's samples, each [InputSize] row-major (float32 values).</summary>
    public double[][] Inputs { get; }

    /// <summary>Each sample's targets [OutputSize] (float32 values).</summary>
    public double[][] Targets { get; }

    /// <summary>Each sample's outputs in evaluation mode at the initial parameters and running statistics.</summary>
    public double[][] EvalOutputs { get; }

    /// <summary>The batch's mean loss in evaluation mode at the initial state.</summary>
    public double EvaluateLoss { get; }

    /// <summary>The batch's mean loss in training mode (batch statistics) at the initial parameters.</summary>
    public double BatchLoss { get; }

    /// <summary>The gradient of <see cref="BatchLoss"/>.</summary>
    public double[] Gradient { get; }

    /// <summary>Sample 0's training-mode loss alone; null where PyTorch refuses (BatchNorm over flat features needs more
    /// than one value per channel in training).</summary>
    public double? SampleLoss { get; }

    /// <summary>The gradient of <see cref="SampleLoss"/>, or null.</summary>
    public double[]? SampleGradient { get; }

    /// <summary>Three TrainBatch steps on the batch from the initial state.</summary>
    public IReadOnlyList<ShapedStep> Steps { get; }

    /// <summary>Each sample's outputs in evaluation mode after the three steps.</summary>
    public double[][] EvalOutputsAfter { get; }

    /// <summary>Whether the net has BatchNorm layers (running statistics).</summary>
    public bool HasBatchNorm => RunningStatistics.Length > 0;

    /// <summary>
    /// The initial parameters moved by a seeded small amount (each by U(−0.02, 0.02), rounded to float32) for gradient
    /// checks away from PyTorch's point: the first seed from 1 up at which the training-mode forward pass of the batch is
    /// at least <paramref name="margin"/> from every kink (<see cref="ShapedLayout.KinkMargin"/>), so that central
    /// differences see a smooth function there.
    /// </summary>
    /// <param name="margin">The least distance to a Relu kink or a max-pool tie.</param>
    public (double[] Parameters, int Seed) PerturbedParameters(double margin = 1e-4)
    {
        for (int seed = 1; seed <= 100; seed++)
        {
            var random = new Random(seed);
            var theta = Parameters.Select(p => (double)(float)(p + 0.04 * (random.NextDouble() - 0.5))).ToArray();
            if (Layout.KinkMargin(theta, null, Inputs, training: true) >= margin) return (theta, seed);
        }
        throw new InvalidOperationException($"{Name}: no seed in 100 moves the parameters away from every kink.");
    }

    /// <summary>The name, for xunit's display.</summary>
    public override string ToString() => Name;
}
