using System;
using System.Reflection;
using NetGen.Runtime;
using NetGen.Tests.Simd;

namespace NetGen.Tests.Activations;

/// <summary>
/// Every elementwise activation in the batch-1 across-neuron kernels (<c>NetGenPredictNeurons128/256/512</c>), which print
/// the activation from the op's vector spelling at their width: Predict at each forced width against the scalar kernel
/// (checked against PyTorch by <see cref="ActivationNetworkTests"/>), on inputs that reach the kinks (±3, 0) and both
/// tails, with random parameters.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class NeuronActivationTests : IDisposable
{
    private static readonly Type[] Networks =
    {
        typeof(NeuronSigmoid), typeof(NeuronTanh), typeof(NeuronRelu), typeof(NeuronLeakyRelu), typeof(NeuronSilu),
        typeof(NeuronGelu), typeof(NeuronGeluTanh), typeof(NeuronElu), typeof(NeuronSoftplus), typeof(NeuronMish),
        typeof(NeuronHardSigmoid), typeof(NeuronHardSwish),
    };

    public static TheoryData<string, int> NetworksAndWidths
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var type in Networks)
                foreach (int width in SimdWidths.Forced) data.Add(type.Name, width);
            return data;
        }
    }

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    [Theory]
    [MemberData(nameof(NetworksAndWidths))]
    public void Predict_OnTheNeuronKernel_IsTheScalarPredict(string name, int forced)
    {
        var type = Array.Find(Networks, t => t.Name == name)!;
        Assert.NotNull(type.GetMethod("NetGenPredictNeurons" + forced, BindingFlags.NonPublic | BindingFlags.Static));
        var network = (INetwork)Activator.CreateInstance(type, 7)!;
        var random = new Random(forced + name.Length);
        var parameters = new float[network.ParameterCount];
        for (int i = 0; i < parameters.Length; i++) parameters[i] = (float)(random.NextDouble() * 3 - 1.5);
        network.SetParameters(parameters);

        var scalar = new float[network.OutputSize];
        var vector = new float[network.OutputSize];
        for (int sample = 0; sample < 60; sample++)
        {
            var input = new float[network.InputSize];
            for (int i = 0; i < input.Length; i++)
            {
                // Every fifth value lands on a kink of some activation; the rest spread over [−8, 8].
                input[i] = sample % 5 == 0 ? new[] { -3f, 0f, 3f }[(sample + i) % 3] : (float)(random.NextDouble() * 16 - 8);
            }
            SimdOptions.ForcedWidth = -1;
            network.Predict(input, scalar);
            int running = SimdWidths.Force(forced);
            network.Predict(input, vector);
            for (int j = 0; j < scalar.Length; j++)
            {
                double tolerance = 2e-5 * System.Math.Abs(scalar[j]) + 2e-5;
                Assert.True(System.Math.Abs(vector[j] - scalar[j]) <= tolerance,
                    $"{name} forced {forced} (running {running}) sample {sample} output {j}: {vector[j]:R} against scalar {scalar[j]:R}");
            }
        }
    }
}
