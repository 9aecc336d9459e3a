using System.IO;

namespace NetGen.Generator.Tests.Driving;

/// <summary>User sources of valid networks that several tests run the generator on.</summary>
internal static class NetworkSources
{
    /// <summary>The seed sample, read from samples/PassFail/PassFail.cs when the repository is at hand.</summary>
    public static string PassFail => File.ReadAllText(RepositoryFile("samples", "PassFail", "PassFail.cs"));

    /// <summary>An inference-only network (<c>Trainable = false</c>) with a Dropout layer: forward pass, parameters and files only.</summary>
    public const string InferenceOnly = @"using NetGen;

namespace Samples
{
    /// <summary>Three features, a dropped hidden layer, two classes; never trained here.</summary>
    [Network(Loss.CrossEntropy, Trainable = false)]
    [Input(3)]
    [Dense(4, Activation.Tanh)]
    [Dropout(0.25f)]
    [Dense(2, Activation.Softmax)]
    public partial class InferenceOnly { }
}";

    /// <summary>The 6→32(Tanh)→32(Tanh)→3(Softmax) CrossEntropy classifier, trainable or inference-only.</summary>
    public static string Classifier(bool trainable) => @"using NetGen;

namespace Samples
{
    [Network(Loss.CrossEntropy, Trainable = " + (trainable ? "true" : "false") + @")]
    [Input(6)]
    [Dense(32, Activation.Tanh)]
    [Dense(32, Activation.Tanh)]
    [Dense(3, Activation.Softmax)]
    public partial class Classifier { }
}";

    /// <summary>Three Dense layers, softmax + cross-entropy, Adam.</summary>
    public const string ThreeLayer = @"using NetGen;

namespace Samples
{
    /// <summary>Four features, two hidden layers, three classes.</summary>
    [Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam)]
    [Input(4)]
    [Dense(5, Activation.Tanh)]
    [Dense(4, Activation.Relu)]
    [Dense(3, Activation.Softmax)]
    public partial class ThreeLayer { }
}
";

    /// <summary>Every hidden activation, SGD with momentum and non-integer hyper-parameters (culture-sensitive if formatted carelessly).</summary>
    public const string EveryActivation = @"using NetGen;

namespace Samples
{
    /// <summary>Identity, Sigmoid, Tanh, Relu, LeakyRelu, Sigmoid output.</summary>
    [Network(Loss.BinaryCrossEntropy, LearningRate = 0.0125f, Momentum = 0.875f, Seed = 42)]
    [Input(3)]
    [Dense(4)]
    [Dense(4, Activation.Sigmoid)]
    [Dense(3, Activation.Tanh)]
    [Dense(3, Activation.Relu)]
    [Dense(2, Activation.LeakyRelu)]
    [Dense(2, Activation.Sigmoid)]
    public partial class EveryActivation { }
}
";

    /// <summary>Layers past UnrollLimit, emitted as loops (and reported as NG0016 infos).</summary>
    public const string Looped = @"using NetGen;

namespace Samples
{
    /// <summary>The first two layers are loops.</summary>
    [Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.003f, Beta1 = 0.85f, Beta2 = 0.995f, Epsilon = 1e-7f, UnrollLimit = 16)]
    [Input(6)]
    [Dense(8, Activation.LeakyRelu)]
    [Dense(5, Activation.Tanh)]
    [Dense(3, Activation.Softmax)]
    internal partial class Looped { }
}
";

    /// <summary>A small sequence network: a causal convolution, a GRU with dropout after it, an LSTM and a Dense head.</summary>
    public const string Sequence = @"using NetGen;

namespace Samples
{
    /// <summary>Streams one step at a time; trained through time over 6 steps.</summary>
    [Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, SequenceLength = 6, SequenceLoss = SequenceLoss.LastStep)]
    [Input(2)]
    [CausalConv1D(2, 2, 2, Activation.Tanh)]
    [Gru(2)]
    [Dropout(0.25f)]
    [Lstm(2)]
    [Dense(1)]
    public partial class Sequence { }
}
";

    /// <summary>A small layered network: a 2-D convolution, max pooling, [Flatten] and a Dense head.</summary>
    public const string Layered = @"using NetGen;

namespace Samples
{
    /// <summary>A 6×6 image, two feature maps, two classes.</summary>
    [Network(Loss.CrossEntropy, Seed = 7)]
    [Input(1, 6, 6)]
    [Conv2D(2, 3, activation: Activation.Relu)]
    [MaxPool2D(2)]
    [Flatten]
    [Dense(2, Activation.Softmax)]
    public partial class Layered { }
}
";

    /// <summary>A layered network with a BatchNorm (running statistics), a padded 1-D convolution, average pooling and a LayerNorm; Adam.</summary>
    public const string LayeredBatchNorm = @"using NetGen;

namespace Samples
{
    /// <summary>Two channels of eight steps, normalised over the batch, one output.</summary>
    [Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam)]
    [Input(2, 8)]
    [Conv1D(3, 3, padding: 1)]
    [BatchNorm(Activation.Relu)]
    [AvgPool1D(2)]
    [Flatten]
    [LayerNorm]
    [Dense(1)]
    public partial class LayeredBatchNorm { }
}
";

    /// <summary>Finds a file of the repository by walking up from the test assembly's folder.</summary>
    public static string RepositoryFile(params string[] parts)
    {
        var directory = new DirectoryInfo(System.AppContext.BaseDirectory);
        while (directory is not null)
        {
            string candidate = Path.Combine(directory.FullName, Path.Combine(parts));
            if (File.Exists(candidate)) return candidate;
            directory = directory.Parent;
        }
        throw new FileNotFoundException("Not found above the test folder: " + Path.Combine(parts));
    }
}
