using System;
using NetGen;

namespace Samples.Training;

/// <summary>Two interleaved spirals (1.25 turns each) in [−3, 3]², labelled 0 and 1.</summary>
internal static class Spirals
{
    /// <summary>Row-major points <c>[2·n, 2]</c> and labels <c>[2·n]</c>, classes interleaved.</summary>
    public static (float[] Points, float[] Labels) Generate(int pointsPerClass, double noise, int seed)
    {
        var random = new Random(seed);
        int n = 2 * pointsPerClass;
        var points = new float[2 * n];
        var labels = new float[n];
        for (int i = 0; i < n; i++)
        {
            int label = i % 2;
            double t = 0.08 + 0.92 * random.NextDouble();   // distance along the arm
            double angle = 2.5 * Math.PI * t + label * Math.PI;
            points[2 * i] = (float)(3 * (t * Math.Cos(angle) + noise * Gaussian(random)));
            points[2 * i + 1] = (float)(3 * (t * Math.Sin(angle) + noise * Gaussian(random)));
            labels[i] = label;
        }
        return (points, labels);
    }

    public static double Accuracy(INetwork net, float[] points, float[] labels)
    {
        var y = new float[labels.Length];
        net.PredictBatch(points, y);
        int right = 0;
        for (int i = 0; i < labels.Length; i++) if ((y[i] > 0.5f) == (labels[i] > 0.5f)) right++;
        return (double)right / labels.Length;
    }

    private static double Gaussian(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
