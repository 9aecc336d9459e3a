using System;
using NetGen.Runtime;

namespace NetGen.Tests.Runtime;

public sealed class OptimizerStepsTests
{
    private static readonly float[] InitialParameters = { 0.5f, -1.25f, 2f, 0f };

    // One gradient per step; they change sign and size so that the state matters.
    private static readonly float[][] Gradients =
    {
        new[] { 0.1f, -0.2f, 0.3f, 0f },
        new[] { -0.4f, 0.5f, 0.05f, 1e-3f },
        new[] { 0.25f, 0.125f, -0.75f, -2f },
    };

    [Fact]
    public void Sgd_IsPMinusLrTimesG()
    {
        const float lr = 0.1f;
        float[] p = (float[])InitialParameters.Clone();
        double[] expected = ToDouble(InitialParameters);
        foreach (float[] g in Gradients)
        {
            OptimizerSteps.Sgd(p, g, lr);
            for (int i = 0; i < expected.Length; i++)
            {
                expected[i] -= (double)lr * g[i];
            }

            AssertClose(expected, p);
        }
    }

    [Fact]
    public void SgdMomentum_StartsFromTheGradient_ThenAccumulates()
    {
        const float lr = 0.05f, mu = 0.9f;
        float[] p = (float[])InitialParameters.Clone();
        // A stale buffer: the first step must ignore it (PyTorch sets buf = g on the first step).
        float[] velocity = { 100f, 100f, 100f, 100f };
        double[] expected = ToDouble(InitialParameters);
        double[] v = new double[p.Length];
        for (int step = 1; step <= Gradients.Length; step++)
        {
            float[] g = Gradients[step - 1];
            OptimizerSteps.SgdMomentum(p, g, velocity, lr, mu, step);
            for (int i = 0; i < expected.Length; i++)
            {
                v[i] = step == 1 ? g[i] : (double)mu * v[i] + g[i];
                expected[i] -= (double)lr * v[i];
            }

            AssertClose(v, velocity);
            AssertClose(expected, p);
        }
    }

    [Fact]
    public void Adam_AppliesPyTorchsBiasCorrection()
    {
        const float lr = 0.01f, beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
        float[] p = (float[])InitialParameters.Clone();
        float[] m = new float[p.Length];
        float[] v = new float[p.Length];
        double[] expected = ToDouble(InitialParameters);
        double[] em = new double[p.Length];
        double[] ev = new double[p.Length];
        for (int step = 1; step <= Gradients.Length; step++)
        {
            float[] g = Gradients[step - 1];
            OptimizerSteps.Adam(p, g, m, v, lr, beta1, beta2, eps, step);
            for (int i = 0; i < expected.Length; i++)
            {
                em[i] = beta1 * em[i] + (1.0 - beta1) * g[i];
                ev[i] = beta2 * ev[i] + (1.0 - beta2) * g[i] * g[i];
                double mHat = em[i] / (1.0 - Math.Pow(beta1, step));
                double vHat = ev[i] / (1.0 - Math.Pow(beta2, step));
                expected[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }

            AssertClose(em, m);
            AssertClose(ev, v);
            AssertClose(expected, p);
        }

        // The first Adam step moves every parameter with a non-zero gradient by about lr·sign(g).
        Assert.Equal(InitialParameters[0] - lr, RunOneAdamStep(InitialParameters[0], 0.1f), 5);
        Assert.Equal(InitialParameters[1] + lr, RunOneAdamStep(InitialParameters[1], -3f), 5);
    }

    [Fact]
    public void Adam_WithZeroGradient_LeavesTheParameter()
    {
        float[] p = { 1.5f };
        OptimizerSteps.Adam(p, new[] { 0f }, new float[1], new float[1], 0.001f, 0.9f, 0.999f, 1e-8f, 1);
        Assert.Equal(1.5f, p[0]);
    }

    [Fact]
    public void StepBelowOne_Throws()
    {
        float[] p = new float[1];
        Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerSteps.Adam(p, p, new float[1], new float[1], 0.001f, 0.9f, 0.999f, 1e-8f, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerSteps.SgdMomentum(p, p, new float[1], 0.001f, 0.9f, 0));
    }

    private static float RunOneAdamStep(float parameter, float gradient)
    {
        float[] p = { parameter };
        OptimizerSteps.Adam(p, new[] { gradient }, new float[1], new float[1], 0.01f, 0.9f, 0.999f, 1e-8f, 1);
        return p[0];
    }

    private static double[] ToDouble(float[] values) => Array.ConvertAll(values, x => (double)x);

    private static void AssertClose(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = 1e-6 * Math.Max(1.0, Math.Abs(expected[i]));
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"index {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
