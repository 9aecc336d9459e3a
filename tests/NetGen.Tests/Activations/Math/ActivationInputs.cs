using System;
using System.Collections.Generic;

namespace NetGen.Tests.Activations.Math;

/// <summary>The inputs every activation is checked on.</summary>
internal static class ActivationInputs
{
    /// <summary>Points per unit on the dense grid over [−30, 30].</summary>
    public const int PerUnit = 2048;

    /// <summary>
    /// A dense grid over [−30, 30] (step 1/2048), the kinks and thresholds with their float neighbours (±3, 0, ±20,
    /// the erf and expm1 range ends), ±0, large magnitudes (±1e4, ±88, ±104) and NaN.
    /// </summary>
    public static readonly float[] All = Build();

    private static float[] Build()
    {
        var xs = new List<float>();
        for (int i = -30 * PerUnit; i <= 30 * PerUnit; i++) xs.Add((float)i / PerUnit);

        float[] kinks =
        {
            -3f, 3f, 0f, 20f, -20f, -0.5f, 0.46875f, -0.46875f, 4f, -4f, 0.6629126f, -0.6629126f, 5.656854f,
            -5.656854f, 14.5f, -14.5f, 10f, -10f,
        };
        foreach (float k in kinks)
        {
            float down = k, up = k;
            for (int i = 0; i < 3; i++)
            {
                xs.Add(down);
                xs.Add(up);
                down = MathF.BitDecrement(down);
                up = MathF.BitIncrement(up);
            }
        }

        xs.AddRange(new[]
        {
            0f, -0f, float.Epsilon, -float.Epsilon, 1e-30f, -1e-30f, 1e-7f, -1e-7f, 1e4f, -1e4f, 88f, -88f, 104f, -104f,
            88.7f, -88.7f, 200f, -200f, float.NaN,
        });
        return xs.ToArray();
    }
}
