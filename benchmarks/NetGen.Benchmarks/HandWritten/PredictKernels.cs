using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static NetGen.Benchmarks.HandWritten.HandMath;

namespace NetGen.Benchmarks.HandWritten;

/// <summary>
/// Batch-1 dense layers y = f(W·x + b) on <see cref="Vector256{T}"/>, weights transposed to [in, out] (packed by
/// <see cref="HandPredictor.Pack"/>): each input is broadcast and multiplied into vector accumulators over the outputs.
/// Three shapes, chosen per layer so that there are always about 8 independent accumulator chains (FMA latency 4 ×
/// 2 pipes): 64 outputs per panel (8 accumulators, one per output vector), 16 outputs (2 vectors × 4 input chains) and
/// 8 outputs (1 vector × 8 input chains).
/// </summary>
public static unsafe class PredictKernels
{
    /// <summary>
    /// <paramref name="panels"/> × 64 outputs; weights [panel][in][64], bias [panels·64]; 8 accumulators per panel,
    /// initialised with the bias.
    /// </summary>
    public static void Panels64<TAct>(float* w, float* b, float* x, int ins, int panels, float* y) where TAct : struct, IActivation
    {
        for (int p = 0; p < panels; p++, b += 64, y += 64)
        {
            Vector256<float> c0 = Vector256.Load(b), c1 = Vector256.Load(b + 8), c2 = Vector256.Load(b + 16), c3 = Vector256.Load(b + 24);
            Vector256<float> c4 = Vector256.Load(b + 32), c5 = Vector256.Load(b + 40), c6 = Vector256.Load(b + 48), c7 = Vector256.Load(b + 56);
            for (int i = 0; i < ins; i++, w += 64)
            {
                Vector256<float> a = Vector256.Create(x[i]);
                c0 = MulAdd(a, Vector256.Load(w), c0);
                c1 = MulAdd(a, Vector256.Load(w + 8), c1);
                c2 = MulAdd(a, Vector256.Load(w + 16), c2);
                c3 = MulAdd(a, Vector256.Load(w + 24), c3);
                c4 = MulAdd(a, Vector256.Load(w + 32), c4);
                c5 = MulAdd(a, Vector256.Load(w + 40), c5);
                c6 = MulAdd(a, Vector256.Load(w + 48), c6);
                c7 = MulAdd(a, Vector256.Load(w + 56), c7);
            }

            TAct.Apply(c0).Store(y);
            TAct.Apply(c1).Store(y + 8);
            TAct.Apply(c2).Store(y + 16);
            TAct.Apply(c3).Store(y + 24);
            TAct.Apply(c4).Store(y + 32);
            TAct.Apply(c5).Store(y + 40);
            TAct.Apply(c6).Store(y + 48);
            TAct.Apply(c7).Store(y + 56);
        }
    }

    /// <summary>16 outputs (2 vectors), inputs in 4 interleaved chains; weights [in][16]; <paramref name="ins"/> % 4 == 0.</summary>
    public static void Outputs16<TAct>(float* w, float* b, float* x, int ins, float* y) where TAct : struct, IActivation
    {
        Vector256<float> c00 = Vector256.Load(b), c01 = Vector256.Load(b + 8);
        Vector256<float> c10 = Vector256<float>.Zero, c11 = Vector256<float>.Zero, c20 = Vector256<float>.Zero;
        Vector256<float> c21 = Vector256<float>.Zero, c30 = Vector256<float>.Zero, c31 = Vector256<float>.Zero;
        for (int i = 0; i < ins; i += 4, w += 64)
        {
            Vector256<float> a0 = Vector256.Create(x[i]), a1 = Vector256.Create(x[i + 1]);
            Vector256<float> a2 = Vector256.Create(x[i + 2]), a3 = Vector256.Create(x[i + 3]);
            c00 = MulAdd(a0, Vector256.Load(w), c00);
            c01 = MulAdd(a0, Vector256.Load(w + 8), c01);
            c10 = MulAdd(a1, Vector256.Load(w + 16), c10);
            c11 = MulAdd(a1, Vector256.Load(w + 24), c11);
            c20 = MulAdd(a2, Vector256.Load(w + 32), c20);
            c21 = MulAdd(a2, Vector256.Load(w + 40), c21);
            c30 = MulAdd(a3, Vector256.Load(w + 48), c30);
            c31 = MulAdd(a3, Vector256.Load(w + 56), c31);
        }

        TAct.Apply((c00 + c10) + (c20 + c30)).Store(y);
        TAct.Apply((c01 + c11) + (c21 + c31)).Store(y + 8);
    }

    /// <summary>8 outputs (1 vector), inputs in 8 interleaved chains; weights [in][8]; <paramref name="ins"/> % 8 == 0.</summary>
    public static void Outputs8<TAct>(float* w, float* b, float* x, int ins, float* y) where TAct : struct, IActivation
    {
        Vector256<float> c0 = Vector256.Load(b), c1 = Vector256<float>.Zero, c2 = Vector256<float>.Zero, c3 = Vector256<float>.Zero;
        Vector256<float> c4 = Vector256<float>.Zero, c5 = Vector256<float>.Zero, c6 = Vector256<float>.Zero, c7 = Vector256<float>.Zero;
        for (int i = 0; i < ins; i += 8, w += 64)
        {
            c0 = MulAdd(Vector256.Create(x[i]), Vector256.Load(w), c0);
            c1 = MulAdd(Vector256.Create(x[i + 1]), Vector256.Load(w + 8), c1);
            c2 = MulAdd(Vector256.Create(x[i + 2]), Vector256.Load(w + 16), c2);
            c3 = MulAdd(Vector256.Create(x[i + 3]), Vector256.Load(w + 24), c3);
            c4 = MulAdd(Vector256.Create(x[i + 4]), Vector256.Load(w + 32), c4);
            c5 = MulAdd(Vector256.Create(x[i + 5]), Vector256.Load(w + 40), c5);
            c6 = MulAdd(Vector256.Create(x[i + 6]), Vector256.Load(w + 48), c6);
            c7 = MulAdd(Vector256.Create(x[i + 7]), Vector256.Load(w + 56), c7);
        }

        TAct.Apply(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7))).Store(y);
    }
}
