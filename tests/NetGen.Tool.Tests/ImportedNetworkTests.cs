using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;

namespace NetGen.Tool.Tests;

/// <summary>
/// Round trips: each model PyTorch exported (Models/) imported by `netgen import` (Imported/, weights baked in) and
/// built, then run on the fixture's inputs: equal to PyTorch's outputs and to ONNX Runtime's on the same .onnx file
/// within 1e-5 (absolute plus relative).
/// </summary>
public sealed class ImportedNetworkTests
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [MemberData(nameof(ModelFixture.Supported), MemberType = typeof(ModelFixture))]
    public void Imported_network_matches_PyTorch(string name)
    {
        var fixture = ModelFixture.Load(name);
        var actual = RunImported(fixture);
        AssertClose(fixture.Outputs, actual, name + " vs PyTorch");
    }

    [Theory]
    [MemberData(nameof(ModelFixture.Supported), MemberType = typeof(ModelFixture))]
    public void Imported_network_matches_OnnxRuntime(string name)
    {
        var fixture = ModelFixture.Load(name);
        var expected = RunOnnxRuntime(fixture);
        Assert.Equal(fixture.Outputs.Length, expected.Length);
        AssertClose(expected, RunImported(fixture), name + " vs ONNX Runtime");
    }

    [Fact]
    public void A_fixed_time_axis_becomes_SequenceLength_so_PredictBatch_takes_the_graphs_batch()
    {
        var fixture = ModelFixture.Load("lstm_fixed_steps");
        Assert.Equal(5, Imported.LstmFixedSteps.SequenceLength);
        var outputs = new float[fixture.Outputs.Length];
        new Imported.LstmFixedSteps().PredictBatch(fixture.Inputs, outputs);
        AssertClose(fixture.Outputs, outputs, "PredictBatch vs PyTorch");
    }

    [Fact]
    public void Every_supported_model_has_an_imported_class()
    {
        Assert.Equal(ModelFixture.Names(false).ToArray(), ImportedModels.All.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray());
    }

    /// <summary>Runs the imported class on the fixture's batch, sample by sample (or sequence by sequence).</summary>
    public static float[] RunImported(ModelFixture fixture)
    {
        var model = ImportedModels.All[fixture.Name];
        int batch = fixture.InputShape[0];
        int perInput = fixture.Inputs.Length / batch;
        int perOutput = fixture.Outputs.Length / batch;
        var result = new float[fixture.Outputs.Length];
        for (int n = 0; n < batch; n++)
        {
            var input = fixture.Inputs.AsSpan(n * perInput, perInput);
            if (!model.Sequence)
            {
                Assert.Equal(perInput, model.InputSize);
                model.Run(input, result.AsSpan(n * perOutput, perOutput));
                continue;
            }
            int steps = perInput / model.InputSize;
            var outputs = new float[steps * model.OutputSize];
            model.Run(input, outputs);
            // An output of [N, outputs] is the last step's (out[:, -1]); [N, T, outputs] is every step's.
            var take = perOutput == outputs.Length ? outputs : outputs.AsSpan(outputs.Length - model.OutputSize).ToArray();
            Assert.Equal(perOutput, take.Length);
            take.CopyTo(result.AsSpan(n * perOutput, perOutput));
        }
        return result;
    }

    /// <summary>ONNX Runtime on the fixture's .onnx file and inputs (the output named "output").</summary>
    public static float[] RunOnnxRuntime(ModelFixture fixture)
    {
        using var session = new InferenceSession(fixture.OnnxPath);
        var feeds = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(fixture.Inputs.ToArray(), fixture.InputShape)) };
        // Other inputs (ML-Agents' action masks) are not part of the network: all ones (no action masked).
        foreach (var (name, metadata) in session.InputMetadata.Where(i => i.Key != "input"))
        {
            int[] shape = metadata.Dimensions.Select(d => d < 0 ? fixture.InputShape[0] : d).ToArray();
            feeds.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(Enumerable.Repeat(1f, shape.Aggregate(1, (a, d) => a * d)).ToArray(), shape)));
        }
        using var results = session.Run(feeds, new[] { fixture.OutputName });
        return results.Single().AsTensor<float>().ToArray();
    }

    /// <summary>Asserts |a − e| ≤ 1e-5·(1 + |e|) element by element, naming the first element that differs.</summary>
    internal static void AssertClose(IReadOnlyList<float> expected, IReadOnlyList<float> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            double difference = Math.Abs(expected[i] - (double)actual[i]);
            Assert.True(difference <= Tolerance * (1 + Math.Abs(expected[i])),
                $"{what}: element {i} is {actual[i]:R}, expected {expected[i]:R} (difference {difference:E2}).");
        }
    }
}
