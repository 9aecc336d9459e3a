using System;
using System.IO;

namespace NetGen.Tests.Networks;

/// <summary>
/// The instance members DESIGN.md's contract table promises on every generated network; the test networks
/// declare it so that one test can drive many layouts. The generated members implement it implicitly.
/// </summary>
public interface INetwork
{
    Span<float> Parameters { get; }

    float LearningRate { get; set; }

    void Predict(ReadOnlySpan<float> input, Span<float> output);

    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);

    float Gradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> gradient);

    float GradientBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradient);

    float TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<float> target);

    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    float Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    void Save(Stream stream);
}
