using System;
using NetGen.Runtime;
using NetGen.Tests.Networks;
using NetGen.Tests.Simd;

namespace NetGen.Tests.Activations;

/// <summary>
/// Each activation alone (PointwiseNetworks.cs: one unit over one input, weight 1, bias 0) against PyTorch's f(x) and
/// f′(x) at every point of the data's grid, kinks and their ±1e-3 neighbours included, within
/// <see cref="ActivationTolerance"/>, on the scalar path and with 128, 256 and 512 forced. The output is f(x); with the
/// target t = y − ½ the MSE loss (y − t)² has ∂L/∂bias = 2(y − t)·f′(x) and ∂L/∂weight = 2(y − t)·f′(x)·x, so f′(x) is
/// the bias's gradient over 2(y − t). GradientBatch runs one point as a batch of 16 copies (the mean is that point's
/// gradient), which fills a lane chunk of every width.
/// </summary>
[Collection(SimdOptionsCollection.Name)]
public sealed class PointwiseActivationTests : IDisposable
{
    private const int Copies = 16;
    private static readonly int[] Widths = { -1, 128, 256, 512 };

    public static TheoryData<Activation, int> ActivationsAndWidths
    {
        get
        {
            var data = new TheoryData<Activation, int>();
            foreach (var activation in ActivationsInTheData())
                foreach (int width in Widths) data.Add(activation, width);
            return data;
        }
    }

    public void Dispose() => SimdOptions.ForcedWidth = 0;

    [Fact]
    public void TheData_CoversEveryElementwiseActivation_WithItsKinks()
    {
        foreach (var activation in ActivationsInTheData())
        {
            var p = ActivationReference.Pointwise[activation];
            foreach (double x in new[] { -25, -3, -3.001f, -2.999f, 0, 3, 2.999f, 3.001f, 20, 19.999f, 20.001f, 25 })
                Assert.Contains(x, p.X);
            Assert.Equal(p.X.Length, p.Y.Length);
            Assert.Equal(p.X.Length, p.Dy.Length);
            Assert.All(p.X, x => Assert.Equal(x, (double)(float)x));
        }
        // PyTorch's choices at the kinks, as the Activation docs state them.
        Assert.Equal(0, Dy(Activation.Relu, 0));
        Assert.Equal(0.01, Dy(Activation.LeakyRelu, 0), 12);
        Assert.Equal(1, Dy(Activation.Elu, 0));
        Assert.Equal(0, Dy(Activation.HardSigmoid, -3));
        Assert.Equal(0, Dy(Activation.HardSigmoid, 3));
        Assert.Equal(-0.5, Dy(Activation.HardSwish, -3), 12);
        Assert.Equal(1.5, Dy(Activation.HardSwish, 3), 12);   // PyTorch's scalar (and CUDA) backward; see Reference/README.md
    }

    [Theory]
    [MemberData(nameof(ActivationsAndWidths))]
    public void Predict_IsF_AndGradient_IsFPrime(Activation activation, int forced)
    {
        var p = ActivationReference.Pointwise[activation];
        string what = Describe(activation, forced);
        var network = Create(activation);
        var y = new float[1];
        var g = new float[2];
        for (int i = 0; i < p.X.Length; i++)
        {
            float x = (float)p.X[i];
            network.Predict(new[] { x }, y);
            ActivationTolerance.Close(p.Y[i], y[0], $"{what}: f({x:R}) by Predict");
            float t = y[0] - 0.5f;
            network.Gradient(new[] { x }, new[] { t }, g);
            double residual = 2 * ((double)y[0] - t);
            ActivationTolerance.Close(p.Dy[i], g[1] / residual, $"{what}: f'({x:R}) by Gradient (bias)");
            ActivationTolerance.Close(p.Dy[i] * x, g[0] / residual, $"{what}: f'({x:R})·x by Gradient (weight)");
        }
    }

    [Theory]
    [MemberData(nameof(ActivationsAndWidths))]
    public void PredictBatch_IsF(Activation activation, int forced)
    {
        var p = ActivationReference.Pointwise[activation];
        string what = Describe(activation, forced);
        var y = new float[p.X.Length];
        Create(activation).PredictBatch(ActivationReference.ToFloats(p.X), y);
        ActivationTolerance.Close(p.Y, y, $"{what}: f(x) by PredictBatch");
    }

    [Theory]
    [MemberData(nameof(ActivationsAndWidths))]
    public void GradientBatch_IsFPrime(Activation activation, int forced)
    {
        var p = ActivationReference.Pointwise[activation];
        string what = Describe(activation, forced);
        var network = Create(activation);
        var x = new float[Copies];
        var t = new float[Copies];
        var y = new float[1];
        var g = new float[2];
        for (int i = 0; i < p.X.Length; i++)
        {
            network.Predict(new[] { (float)p.X[i] }, y);
            Array.Fill(x, (float)p.X[i]);
            Array.Fill(t, y[0] - 0.5f);
            float loss = network.GradientBatch(x, t, g);
            double residual = 2 * ((double)y[0] - t[0]);
            ActivationTolerance.Close(residual * residual / 4, loss, $"{what}: loss (y − t)² at {p.X[i]:R} by GradientBatch");
            ActivationTolerance.Close(p.Dy[i], g[1] / residual, $"{what}: f'({p.X[i]:R}) by GradientBatch (bias)");
            ActivationTolerance.Close(p.Dy[i] * p.X[i], g[0] / residual, $"{what}: f'({p.X[i]:R})·x by GradientBatch (weight)");
        }
    }

    private static Activation[] ActivationsInTheData() => [.. ActivationReference.Older, .. ActivationReference.Newer];

    private static double Dy(Activation activation, double x)
    {
        var p = ActivationReference.Pointwise[activation];
        return p.Dy[Array.IndexOf(p.X, x)];
    }

    /// <summary>The one-unit network of the activation with weight 1 and bias 0.</summary>
    private static INetwork Create(Activation activation) =>
        NetworkType.Named("Pointwise" + activation).Create(new[] { 1f, 0f });

    private static string Describe(Activation activation, int forced)
    {
        int preferred = SimdWidths.Force(forced);
        return $"{activation} forced {forced} (running {preferred})";
    }
}
