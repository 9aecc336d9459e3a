using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Tests.Sequence;

/// <summary>
/// The generated members every test sequence network has, as an interface the generated classes implement implicitly
/// (the tests drive all eleven networks through it).
/// </summary>
public interface ISequenceTestNetwork
{
    ReadOnlySpan<float> Parameters { get; }
    void SetParameters(ReadOnlySpan<float> values);
    float LearningRate { get; set; }
    void Predict(ReadOnlySpan<float> input, Span<float> output);
    void ResetState();
    void PredictSequence(ReadOnlySpan<float> inputs, Span<float> outputs);
    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);
    float Gradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient);
    float GradientBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient);
    float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target);
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);
    float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);
    void Save(Stream stream);
    void Restore(Stream stream);
    void LoadSafetensors(Stream stream);
    void SaveSafetensors(Stream stream);
    void SaveOnnx(Stream stream);
    void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> parameterGradient);
    void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> parameterGradient, Span<float> inputGradient);
    void BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradients, Span<float> parameterGradient);
    void BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradients, Span<float> parameterGradient, Span<float> inputGradients);
    float InputGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> inputGradient);
    void ApplyGradient(ReadOnlySpan<float> gradient);
}

// The networks of Reference/sequence-reference.json, laid out as the data describes them (Adam, lr 0.01).
[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 4)]
[Input(3)] [Gru(5)] [Dense(2)]
public partial class Gru_Mse : ISequenceTestNetwork { }

[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 5, SequenceLoss = SequenceLoss.LastStep)]
[Input(2)] [Gru(4)] [Dense(3, Activation.Softmax)]
public partial class Gru_CrossEntropy_Last : ISequenceTestNetwork { }

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 4)]
[Input(3)] [Lstm(4)] [Dense(2)]
public partial class Lstm_Mse : ISequenceTestNetwork { }

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 6, SequenceLoss = SequenceLoss.LastStep)]
[Input(2)] [Lstm(3)] [Dense(1, Activation.Sigmoid)]
public partial class Lstm_Bce_Last : ISequenceTestNetwork { }

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 5)]
[Input(3)] [Rnn(4, Activation.Tanh)] [Dense(2)]
public partial class Rnn_Tanh : ISequenceTestNetwork { }

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 4, SequenceLoss = SequenceLoss.LastStep)]
[Input(2)] [Rnn(5, Activation.Relu)] [Dense(1)]
public partial class Rnn_Relu_Last : ISequenceTestNetwork { }

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 7)]
[Input(2)] [CausalConv1D(3, 3, 2, Activation.Tanh)] [Dense(2)]
public partial class Conv_K3_D2 : ISequenceTestNetwork { }

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 5)]
[Input(3)] [CausalConv1D(4, 2)] [Gru(3)] [Dense(1)]
public partial class Conv_Gru : ISequenceTestNetwork { }

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 4)]
[Input(2)] [Dense(4, Activation.Tanh)] [Lstm(4)] [Gru(3)] [Dense(2)]
public partial class Stacked : ISequenceTestNetwork { }

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 8)]
[Input(1)] [Dense(8, Activation.Tanh)] [CausalConv1D(4, 3, 2)] [Gru(8)] [Dense(1)]
public partial class Audio : ISequenceTestNetwork { }

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 3)]
[Input(2)] [Gru(3)] [Dense(2, Activation.Sigmoid)]
public partial class Gru_Bce_Every : ISequenceTestNetwork { }

// SGD twins (lr 0.1) for the data's SGD step, and the same nets past the unroll budget (loops instead of straight-line sums).
[Network(Loss.MeanSquaredError, LearningRate = 0.1f, SequenceLength = 4)]
[Input(2)] [Dense(4, Activation.Tanh)] [Lstm(4)] [Gru(3)] [Dense(2)]
public partial class StackedSgd : ISequenceTestNetwork { }

[Network(Loss.CrossEntropy, LearningRate = 0.1f, SequenceLength = 5, SequenceLoss = SequenceLoss.LastStep)]
[Input(2)] [Gru(4)] [Dense(3, Activation.Softmax)]
public partial class Gru_CrossEntropy_LastSgd : ISequenceTestNetwork { }

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 8, UnrollLimit = 4)]
[Input(1)] [Dense(8, Activation.Tanh)] [CausalConv1D(4, 3, 2)] [Gru(8)] [Dense(1)]
public partial class AudioLooped : ISequenceTestNetwork { }

[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 4, UnrollLimit = 4)]
[Input(2)] [Dense(4, Activation.Tanh)] [Lstm(4)] [Gru(3)] [Dense(2)]
public partial class StackedLooped : ISequenceTestNetwork { }

[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 6, SequenceLoss = SequenceLoss.LastStep, UnrollLimit = 4)]
[Input(2)] [Lstm(3)] [Dense(1, Activation.Sigmoid)]
public partial class Lstm_Bce_LastLooped : ISequenceTestNetwork { }

// Dropout between recurrent layers (checked against the reference with the same masks).
[Network(Loss.MeanSquaredError, LearningRate = 0.1f, SequenceLength = 4, Seed = 11)]
[Input(2)] [Dense(4, Activation.Tanh)] [Dropout(0.5f)] [Lstm(4)] [Dropout(0.25f)] [Gru(3)] [Dense(2)]
public partial class StackedDropout : ISequenceTestNetwork { }

/// <summary>The test networks by the data's names (and the variants' own names).</summary>
public static class SequenceNetworks
{
    /// <summary>A new instance of the network called <paramref name="name"/>.</summary>
    public static ISequenceTestNetwork Create(string name) => name switch
    {
        "Gru_Mse" => new Gru_Mse(),
        "Gru_CrossEntropy_Last" => new Gru_CrossEntropy_Last(),
        "Lstm_Mse" => new Lstm_Mse(),
        "Lstm_Bce_Last" => new Lstm_Bce_Last(),
        "Rnn_Tanh" => new Rnn_Tanh(),
        "Rnn_Relu_Last" => new Rnn_Relu_Last(),
        "Conv_K3_D2" => new Conv_K3_D2(),
        "Conv_Gru" => new Conv_Gru(),
        "Stacked" => new Stacked(),
        "Audio" => new Audio(),
        "Gru_Bce_Every" => new Gru_Bce_Every(),
        "StackedSgd" => new StackedSgd(),
        "Gru_CrossEntropy_LastSgd" => new Gru_CrossEntropy_LastSgd(),
        "AudioLooped" => new AudioLooped(),
        "StackedLooped" => new StackedLooped(),
        "Lstm_Bce_LastLooped" => new Lstm_Bce_LastLooped(),
        "StackedDropout" => new StackedDropout(),
        _ => throw new ArgumentException($"No test network {name}.", nameof(name)),
    };

    /// <summary>The looped variants and the data net each one equals.</summary>
    public static readonly IReadOnlyDictionary<string, string> Looped = new Dictionary<string, string>
    {
        ["AudioLooped"] = "Audio",
        ["StackedLooped"] = "Stacked",
        ["Lstm_Bce_LastLooped"] = "Lstm_Bce_Last",
    };
}

/// <summary>An inference-only, streaming-only layout (no SequenceLength), and its trainable twin.</summary>
[Network(Loss.MeanSquaredError, Trainable = false)]
[Input(1)] [CausalConv1D(2, 3)] [Lstm(3)] [Dense(1)]
public partial class StreamingOnly { }

/// <summary>The trainable twin of <see cref="StreamingOnly"/>.</summary>
[Network(Loss.MeanSquaredError, SequenceLength = 5)]
[Input(1)] [CausalConv1D(2, 3)] [Lstm(3)] [Dense(1)]
public partial class StreamingTwin { }

/// <summary><see cref="Stacked"/> with PyTorch's <c>state_dict()</c> baked in at compile time, inference-only.</summary>
[Network(Loss.MeanSquaredError, Trainable = false, Weights = "Sequence/Reference/Stacked.safetensors")]
[Input(2)] [Dense(4, Activation.Tanh)] [Lstm(4)] [Gru(3)] [Dense(2)]
public partial class StackedBaked { }
