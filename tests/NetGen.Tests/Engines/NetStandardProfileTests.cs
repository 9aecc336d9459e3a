using System;
using System.Linq;
using System.Reflection;
using NetGen.NetStandard.Networks;

namespace NetGen.Tests.Engines;

/// <summary>
/// Unity's profile: the networks of tests/NetGen.NetStandard.Networks (netstandard2.1, C# 8, scalar code only) give
/// bit-identical results to the same layouts built for net10.0 — initialisation, Predict, Gradient, training steps
/// and safetensors — and carry no SIMD code.
/// </summary>
[Collection(NetGen.Tests.Simd.SimdOptionsCollection.Name)]
public sealed class NetStandardProfileTests
{
    private static float[] Random(int count, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();
    }

    private static float[] OneHot(int classes, int index) => Enumerable.Range(0, classes).Select(i => i == index ? 1f : 0f).ToArray();

    [Fact]
    public void TheLibraryTargetsNetStandard21_AndHasNoSimdCode()
    {
        var assembly = typeof(PassFailStandard).Assembly;
        var framework = assembly.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>();
        Assert.Equal(".NETStandard,Version=v2.1", framework?.FrameworkName);
        foreach (var type in new[] { typeof(PassFailStandard), typeof(ClassifierStandard), typeof(AdamStandard) })
        {
            var methods = type.GetMethods(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static).Select(m => m.Name).ToList();
            Assert.Contains("NetGenForwardKernel", methods);
            Assert.DoesNotContain(methods, m => m.Contains("Lanes", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void PassFail_SameAsNet10_AndTheLecturesValue()
    {
        var standard = new PassFailStandard();
        var modern = new PassFailModern();
        Assert.Equal(modern.Parameters.ToArray(), standard.Parameters.ToArray());
        // The lecture's weights: 95, 4, 4 → 0.511296.
        float[] weights = { 0.01f, 0.02f, 0.03f, 0f, 0.02f, 0.03f };
        standard.SetParameters(weights);
        modern.SetParameters(weights);
        var a = new float[1];
        var b = new float[1];
        standard.Predict(new[] { 95f, 4f, 4f }, a);
        modern.Predict(new[] { 95f, 4f, 4f }, b);
        Assert.Equal(b, a);
        Assert.Equal(0.511296, a[0], 6);
    }

    [Fact]
    public void Classifier_PredictGradientAndMomentumTraining_SameAsNet10()
    {
        var standard = new ClassifierStandard();
        var modern = new ClassifierModern();
        Assert.Equal(modern.Parameters.ToArray(), standard.Parameters.ToArray());
        var ga = new float[ClassifierStandard.ParameterCount];
        var gb = new float[ClassifierModern.ParameterCount];
        var ya = new float[3];
        var yb = new float[3];
        for (int step = 0; step < 20; step++)
        {
            float[] x = Random(5, 100 + step, 2f), t = OneHot(3, step % 3);
            standard.Predict(x, ya);
            modern.Predict(x, yb);
            AssertPredictMatches(yb, ya);
            Assert.Equal(modern.Gradient(x, t, gb), standard.Gradient(x, t, ga));
            Assert.Equal(gb, ga);
            Assert.Equal(modern.TrainStep(x, t), standard.TrainStep(x, t));
        }
        Assert.Equal(modern.Parameters.ToArray(), standard.Parameters.ToArray());
        Assert.NotEqual(new ClassifierModern().Parameters.ToArray(), modern.Parameters.ToArray());
    }

    [Fact]
    public void AdamWithALoopedLayer_TrainingAndSafetensors_SameAsNet10()
    {
        var standard = new AdamStandard();
        var modern = new AdamModern();
        var ya = new float[2];
        var yb = new float[2];
        for (int step = 0; step < 10; step++)
        {
            float[] x = Random(6, 200 + step), t = new[] { step % 2, 1f - step % 2 };
            Assert.Equal(modern.TrainStep(x, t), standard.TrainStep(x, t));
            standard.Predict(x, ya);
            modern.Predict(x, yb);
            AssertPredictMatches(yb, ya);
        }
        Assert.Equal(modern.Parameters.ToArray(), standard.Parameters.ToArray());

        var a = new System.IO.MemoryStream();
        var b = new System.IO.MemoryStream();
        standard.SaveSafetensors(a);
        modern.SaveSafetensors(b);
        Assert.Equal(b.ToArray(), a.ToArray());
    }

    /// <summary>
    /// Predict on net10.0 is vectorised across neurons where a layer has 8 units or more (fused multiply-adds, NetGen's
    /// vector math), so it equals the netstandard2.1 scalar Predict within the SIMD tolerance rather than bit for bit;
    /// the training members are the same scalar kernels on both and are compared exactly.
    /// </summary>
    private static void AssertPredictMatches(float[] modern, float[] standard) =>
        NetGen.Tests.Reference.NumericAssert.Close(NetGen.Tests.Reference.FloatVectors.ToDoubles(standard), modern, 5e-6, "net10.0 Predict vs netstandard2.1 Predict");

    /// <summary>
    /// A sequence network built for netstandard2.1 (scalar step kernels only) trains bit for bit like the net10.0 build with
    /// SIMD forced off (the same scalar kernels), and its streaming outputs equal the net10.0 SIMD step within float tolerance.
    /// </summary>
    [Fact]
    public void Sequence_SameAsNet10()
    {
        var standard = new SequenceStandard();
        var modern = new SequenceModern();
        Assert.Equal(modern.Parameters.ToArray(), standard.Parameters.ToArray());
        var x = Random(4 * 4 * 2, 3);
        var t = Random(4 * 4, 4);
        var a = new float[4 * 4];
        var b = new float[4 * 4];
        standard.PredictBatch(x, a);
        modern.PredictBatch(x, b);
        for (int i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 5);
        for (int step = 0; step < 3; step++) Assert.Equal(modern.TrainStep(x.AsSpan(0, 8), t.AsSpan(0, 4)), standard.TrainStep(x.AsSpan(0, 8), t.AsSpan(0, 4)));
        Assert.Equal(modern.Parameters.ToArray(), standard.Parameters.ToArray());
        var methods = typeof(SequenceStandard).GetMethods(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static).Select(m => m.Name).ToList();
        Assert.DoesNotContain(methods, m => m.Contains("Lanes", StringComparison.Ordinal) || m.Contains("Vector", StringComparison.Ordinal));
    }

    /// <summary>
    /// A layered network built for netstandard2.1 (scalar loops only) equals the net10.0 build: the same initial parameters
    /// and statistics, Predict within float tolerance (net10.0's forward passes run across channels with SIMD), and training
    /// with SIMD forced off bit for bit (the same scalar loops).
    /// </summary>
    [Fact]
    public void Layered_SameAsNet10()
    {
        var standard = new LayeredStandard();
        var modern = new LayeredModern();
        Assert.Equal(modern.Parameters.ToArray(), standard.Parameters.ToArray());
        Assert.Equal(modern.RunningStatistics.ToArray(), standard.RunningStatistics.ToArray());
        var x = Random(5 * 72, 3);
        var t = new float[5 * 3];
        for (int s = 0; s < 5; s++) t[s * 3 + s % 3] = 1f;
        var a = new float[5 * 3];
        var b = new float[5 * 3];
        standard.PredictBatch(x, a);
        modern.PredictBatch(x, b);
        AssertPredictMatches(b, a);
        int forced = NetGen.Runtime.SimdOptions.ForcedWidth;
        try
        {
            NetGen.Runtime.SimdOptions.ForcedWidth = -1;
            for (int step = 0; step < 3; step++) Assert.Equal(modern.TrainBatch(x, t), standard.TrainBatch(x, t));
        }
        finally
        {
            NetGen.Runtime.SimdOptions.ForcedWidth = forced;
        }
        Assert.Equal(modern.Parameters.ToArray(), standard.Parameters.ToArray());
        Assert.Equal(modern.RunningStatistics.ToArray(), standard.RunningStatistics.ToArray());
        var methods = typeof(LayeredStandard).GetMethods(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static).Select(m => m.Name).ToList();
        Assert.Contains("NetGenLayer1Forward", methods);
        Assert.DoesNotContain(typeof(LayeredStandard).GetFields(BindingFlags.NonPublic | BindingFlags.Instance), f => f.Name == "_netgenLayerPacked");
    }
}
