using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using NetGen.Runtime;

namespace NetGen.Tests.Activations.Math;

/// <summary>
/// The Vector&lt;float&gt; overloads of the functions that predate them give, bit for bit, the fixed-width overload of
/// Vector&lt;float&gt;'s size (the activations are measured against ActivationMath in <see cref="ActivationAccuracyTests"/>).
/// </summary>
public sealed class VectorDispatchTests
{
    private static readonly float[] Inputs =
    {
        -120f, -88.7f, -30f, -3f, -1f, -0.25f, -0f, 0f, 1e-30f, 0.25f, 0.5f, 1f, 2.5f, 3f, 20f, 88f, 1e4f,
        float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, 0.75f, 7f, -7f,
    };

    private static Vector<float> Load(int start, float[] source)
    {
        var lanes = new float[Vector<float>.Count];
        for (int l = 0; l < lanes.Length; l++) lanes[l] = source[(start + l) % source.Length];
        return new Vector<float>(lanes);
    }

    // The same lanes through the fixed-width overload of Vector<float>'s size.
    private static Vector<float> Fixed(Vector<float> x, Func<Vector128<float>, Vector128<float>> f128,
        Func<Vector256<float>, Vector256<float>> f256, Func<Vector512<float>, Vector512<float>> f512) =>
        Vector<float>.Count switch
        {
            4 => f128(x.AsVector128()).AsVector(),
            8 => f256(x.AsVector256()).AsVector(),
            _ => f512(x.AsVector512()).AsVector(),
        };

    private static void SameBits(Vector<float> expected, Vector<float> actual, string name)
    {
        for (int l = 0; l < Vector<float>.Count; l++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[l]) == BitConverter.SingleToInt32Bits(actual[l]) ||
                (float.IsNaN(expected[l]) && float.IsNaN(actual[l])), $"{name} lane {l}: {expected[l]} vs {actual[l]}");
        }
    }

    [Fact]
    public void UnaryFunctions_MatchTheFixedWidthOfTheirSize()
    {
        (string Name, Func<Vector<float>, Vector<float>> F, Func<Vector128<float>, Vector128<float>> F128,
            Func<Vector256<float>, Vector256<float>> F256, Func<Vector512<float>, Vector512<float>> F512)[] cases =
        {
            ("Exp", VectorMath.Exp, VectorMath.Exp, VectorMath.Exp, VectorMath.Exp),
            ("Log", VectorMath.Log, VectorMath.Log, VectorMath.Log, VectorMath.Log),
            ("Tanh", VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh),
            ("Sigmoid", VectorMath.Sigmoid, VectorMath.Sigmoid, VectorMath.Sigmoid, VectorMath.Sigmoid),
            ("Softplus", VectorMath.Softplus, VectorMath.Softplus, VectorMath.Softplus, VectorMath.Softplus),
            ("ClampedLog", VectorMath.ClampedLog, VectorMath.ClampedLog, VectorMath.ClampedLog, VectorMath.ClampedLog),
        };
        foreach (var c in cases)
        {
            for (int start = 0; start < Inputs.Length; start++)
            {
                Vector<float> x = Load(start, Inputs);
                SameBits(Fixed(x, c.F128, c.F256, c.F512), c.F(x), c.Name);
            }
        }
    }

    [Fact]
    public void BinaryAndTernaryFunctions_MatchTheFixedWidthOfTheirSize()
    {
        for (int start = 0; start < Inputs.Length; start++)
        {
            Vector<float> a = Load(start, Inputs), b = Load(start + 5, Inputs), c = Load(start + 11, Inputs);
            Vector<float> t = new Vector<float>(0.25f);
            Vector<float> bce = Vector<float>.Count switch
            {
                4 => VectorMath.SigmoidBinaryCrossEntropy(a.AsVector128(), t.AsVector128()).AsVector(),
                8 => VectorMath.SigmoidBinaryCrossEntropy(a.AsVector256(), t.AsVector256()).AsVector(),
                _ => VectorMath.SigmoidBinaryCrossEntropy(a.AsVector512(), t.AsVector512()).AsVector(),
            };
            SameBits(bce, VectorMath.SigmoidBinaryCrossEntropy(a, t), "SigmoidBinaryCrossEntropy");
            Vector<float> fma = Vector<float>.Count switch
            {
                4 => VectorMath.MultiplyAdd(a.AsVector128(), b.AsVector128(), c.AsVector128()).AsVector(),
                8 => VectorMath.MultiplyAdd(a.AsVector256(), b.AsVector256(), c.AsVector256()).AsVector(),
                _ => VectorMath.MultiplyAdd(a.AsVector512(), b.AsVector512(), c.AsVector512()).AsVector(),
            };
            SameBits(fma, VectorMath.MultiplyAdd(a, b, c), "MultiplyAdd");
        }
    }
}
