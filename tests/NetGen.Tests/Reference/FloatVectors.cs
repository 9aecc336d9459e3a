using System;

namespace NetGen.Tests.Reference;

/// <summary>Conversions between the network's float32 vectors and the reference's double vectors.</summary>
public static class FloatVectors
{
    public static double[] ToDoubles(this ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }

    public static double[] ToDoubles(this Span<float> values) => ToDoubles((ReadOnlySpan<float>)values);

    public static double[] ToDoubles(this float[] values) => ToDoubles((ReadOnlySpan<float>)values);

    public static float[] ToFloats(this double[] values)
    {
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = (float)values[i];
        return result;
    }
}
