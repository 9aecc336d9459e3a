using System;
using System.IO;
using System.Linq;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using NetGen.Training;

namespace NetGen.Tests.Training;

/// <summary><see cref="GradientCheck"/>: passes on correct networks of every activation and loss, finds a corrupted gradient.</summary>
public sealed class GradientCheckTests
{
    private static (float[] X, float[] T) SamplesAwayFromKinks(NetworkType type, INetwork network, RandomSamples data, int n)
    {
        var reference = type.Reference;
        double[] p = network.Parameters.ToDoubles();
        var x = new float[n * reference.InputSize];
        int found = 0, tries = 0;
        while (found < n)
        {
            Assert.True(++tries < 200_000, "no sample away from the ReLU kinks");
            var candidate = data.Inputs(reference, 1);
            if (!RandomSamples.AwayFromKinks(reference, p, candidate, 0.1)) continue;
            candidate.CopyTo(x, found++ * reference.InputSize);
        }
        return (x, data.Targets(reference, n));
    }

    [Theory]
    [MemberData(nameof(NetworkSets.GradientCheck), MemberType = typeof(NetworkSets))]
    public void CorrectNetworks_Pass(string name)
    {
        var type = NetworkType.Named(name);
        var data = new RandomSamples(name.Length * 31 + 7);
        var network = type.Create(data.Parameters(type.Reference, scale: 1.0));
        var (x, t) = SamplesAwayFromKinks(type, network, data, 3);
        var before = network.Parameters.ToArray();
        var report = GradientCheck.Run(network, x, t);
        Assert.True(report.Passed, name + ": " + report);
        // Float32 rounding alone: the worst case of the set (C_Relu_Tanh_LeakyRelu_Softmax_Ce, 1.01e-4 since issue 15's
        // rational tanh and matrix kernels) is a gradient of 7e-5 that is a difference p − t of nearly equal floats.
        Assert.True(report.WorstError < 2e-4, name + ": a correct float32 gradient is within 2e-4 of double-precision differences: " + report);
        Assert.Equal(type.Reference.Layers.Length, report.LayerErrors.Length);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void ACorruptedGradient_IsFoundInItsLayer()
    {
        var type = NetworkType.Named(nameof(B_Relu_Tanh_Softmax_Ce));
        var data = new RandomSamples(5);
        var inner = type.Create(data.Parameters(type.Reference, scale: 1.0));
        var (x, t) = SamplesAwayFromKinks(type, inner, data, 3);
        int layer2 = inner.Layers[1].ParameterOffset;
        int corrupted = layer2 + 3; // a weight of layer 2
        var report = GradientCheck.Run(new Corrupted(inner, corrupted), x, t);
        Assert.False(report.Passed, report.ToString());
        Assert.Equal(corrupted, report.WorstIndex);
        Assert.Equal(corrupted, report.LayerWorstIndices[1]);
        Assert.True(report.LayerErrors[0] < report.Tolerance && report.LayerErrors[2] < report.Tolerance, report.ToString());
    }

    /// <summary>Each network describes its layers (Dense, activations, sizes) and its loss, as written in its attributes.</summary>
    [Theory]
    [MemberData(nameof(NetworkSets.GradientCheck), MemberType = typeof(NetworkSets))]
    public void LayersAndLoss_AreTheAttributes(string name)
    {
        var type = NetworkType.Named(name);
        INetwork network = type.Create(new RandomSamples(1).Parameters(type.Reference));
        var layers = network.Layers.ToArray();
        Assert.Equal(type.Reference.Layers.Select(l => l.Activation).ToArray(), layers.Select(l => l.Activation).ToArray());
        Assert.All(layers, l => Assert.Equal(LayerKind.Dense, l.Kind));
        Assert.Equal(network.InputSize, layers[0].InputSize);
        Assert.Equal(network.OutputSize, layers[layers.Length - 1].OutputSize);
        Assert.Equal(network.ParameterCount, layers.Sum(l => l.ParameterCount));
        Assert.Equal(type.Attribute.Loss, network.Loss);
    }

    /// <summary>A network whose reported layout is not what it computes is refused, not checked against the wrong reference.</summary>
    [Fact]
    public void ALayoutThatDoesNotDescribeTheNetwork_IsRefused()
    {
        var type = NetworkType.Named(nameof(B_Relu_Tanh_Softmax_Ce));
        var data = new RandomSamples(3);
        var inner = type.Create(data.Parameters(type.Reference));
        var wrong = new Corrupted(inner, 0, Activation.Sigmoid);
        float[] x = data.Inputs(type.Reference, 2), t = data.Targets(type.Reference, 2);
        var error = Assert.Throws<InvalidOperationException>(() => GradientCheck.Run(wrong, x, t));
        Assert.Contains("double-precision reference", error.Message);
    }

    [Fact]
    public void NetworksWithDropout_AreRefused()
    {
        var network = new Dropout.DropTanhSigmoidBce();
        Assert.Throws<InvalidOperationException>(() => GradientCheck.Run(network, new float[3], new float[] { 0.5f, 0.5f }));
    }

    /// <summary>Forwards everything to a real network, but adds 10 % (plus 0.05) to one element of the batch gradient.</summary>
    private sealed class Corrupted : NetGen.INetwork
    {
        private readonly NetGen.INetwork _inner;
        private readonly int _index;
        private readonly Activation? _firstActivation;

        public Corrupted(NetGen.INetwork inner, int index, Activation? firstActivation = null)
        {
            _inner = inner;
            _index = index;
            _firstActivation = firstActivation;
        }

        public int InputSize => _inner.InputSize;
        public int OutputSize => _inner.OutputSize;
        public int ParameterCount => _inner.ParameterCount;
        public ReadOnlySpan<LayerDescription> Layers
        {
            get
            {
                if (_firstActivation is null) return _inner.Layers;
                var layers = _inner.Layers.ToArray();
                var first = layers[0];
                layers[0] = new LayerDescription(first.Kind, first.InputSize, first.OutputSize, _firstActivation.Value, first.ParameterOffset, first.ParameterCount, first.DropoutProbability);
                return layers;
            }
        }
        public Loss Loss => _inner.Loss;
        public ReadOnlySpan<float> Parameters => _inner.Parameters;
        public float LearningRate { get => _inner.LearningRate; set => _inner.LearningRate = value; }
        public void Predict(ReadOnlySpan<float> input, Span<float> output) => _inner.Predict(input, output);
        public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => _inner.PredictBatch(inputs, outputs);
        public float Gradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient) => _inner.Gradient(input, target, gradient);

        public float GradientBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient)
        {
            float loss = _inner.GradientBatch(inputs, targets, gradient);
            gradient[_index] = gradient[_index] * 1.1f + 0.05f;
            return loss;
        }

        public float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target) => _inner.TrainStep(input, target);
        public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => _inner.TrainBatch(inputs, targets);
        public float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => _inner.Evaluate(inputs, targets);
        public void Save(Stream stream) => _inner.Save(stream);
        public void SetParameters(ReadOnlySpan<float> values) => _inner.SetParameters(values);
        public void Restore(Stream stream) => _inner.Restore(stream);
        public void LoadSafetensors(Stream stream) => _inner.LoadSafetensors(stream);
        public void SaveSafetensors(Stream stream) => _inner.SaveSafetensors(stream);
        public void SaveOnnx(Stream stream) => _inner.SaveOnnx(stream);
        public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> parameterGradient) => _inner.Backward(input, outputGradient, parameterGradient);
        public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> parameterGradient, Span<float> inputGradient) => _inner.Backward(input, outputGradient, parameterGradient, inputGradient);
        public void BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradients, Span<float> parameterGradient) => _inner.BackwardBatch(inputs, outputGradients, parameterGradient);
        public void BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradients, Span<float> parameterGradient, Span<float> inputGradients) => _inner.BackwardBatch(inputs, outputGradients, parameterGradient, inputGradients);
        public void ApplyGradient(ReadOnlySpan<float> gradient) => _inner.ApplyGradient(gradient);
        public float InputGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> inputGradient) => _inner.InputGradient(input, target, inputGradient);
    }
}
