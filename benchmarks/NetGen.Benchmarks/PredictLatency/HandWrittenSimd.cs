using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NetGen.Runtime;
using V256 = System.Runtime.Intrinsics.Vector256<float>;
using V512 = System.Runtime.Intrinsics.Vector512<float>;

namespace NetGen.Benchmarks.PredictLatency;

/// <summary>
/// The yardstick of issue 15: batch-1 Predict of nets B, C and D as a careful person writes it by hand with
/// System.Runtime.Intrinsics, at 256 and 512 bits. Weights transposed to <c>[in, out]</c> with each row padded to
/// whole vectors (zeros), every output vector's accumulator kept in a register, inputs broadcast one at a time and
/// split over 2–4 partial sums where a layer has few output vectors, one fused multiply-add per weight vector, loops
/// over the inputs (the JIT does not unroll them), no bounds checks, the same vector activations as NetGen
/// (<see cref="VectorMath"/>: the comparison is about the kernels, not about tanh), and the softmax of D on vectors.
/// The weights start on a 64-byte boundary (a pinned array and an offset into it): with an array wherever the GC put
/// it, half or all of the vector loads straddle two cache lines, which measured 35–55 % slower on net C.
/// </summary>
public sealed class HandWrittenSimd
{
    private readonly float[] _packed;
    private readonly int _start;
    private readonly float[] _scratch = new float[2 * 128 + 16];

    private HandWrittenSimd(float[] packed, int start)
    {
        _packed = packed;
        _start = start;
    }

    /// <summary>The first packed weight, on a 64-byte boundary.</summary>
    private ref float Weights => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_packed), _start);

    /// <summary>
    /// The packed copy of <paramref name="network"/>'s parameters (NetGen's layout: per layer weights <c>[out, in]</c>
    /// then bias) for vectors of <paramref name="lanes"/> floats: per layer Wᵀ as <c>[in, stride]</c> then the bias
    /// padded to <c>stride</c>, stride = units rounded up to whole vectors.
    /// </summary>
    public static HandWrittenSimd Pack(INetwork network, int lanes)
    {
        ReadOnlySpan<float> p = network.Parameters;
        int total = 0, fanIn = network.InputSize;
        foreach (var layer in network.Layers)
        {
            int stride = (layer.OutputSize + lanes - 1) / lanes * lanes;
            total += (fanIn + 1) * stride;
            fanIn = layer.OutputSize;
        }

        // Pinned (never moved), so the offset that puts the first weight on a 64-byte boundary stays right.
        var packed = GC.AllocateArray<float>(total + 15, pinned: true);
        nint address = Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref MemoryMarshal.GetArrayDataReference(packed));
        int start = (int)((64 - (address & 63)) & 63) / sizeof(float);
        int source = 0, target = start;
        fanIn = network.InputSize;
        foreach (var layer in network.Layers)
        {
            int units = layer.OutputSize, stride = (units + lanes - 1) / lanes * lanes;
            for (int j = 0; j < units; j++)
            {
                for (int i = 0; i < fanIn; i++) packed[target + i * stride + j] = p[source + j * fanIn + i];
            }

            source += units * fanIn;
            target += fanIn * stride;
            p.Slice(source, units).CopyTo(packed.AsSpan(target));
            source += units;
            target += stride;
            fanIn = units;
        }

        return new HandWrittenSimd(packed, start);
    }

    private static V256 Load(ref float at, int offset) => Vector256.LoadUnsafe(ref at, (nuint)offset);

    private static V512 Load512(ref float at, int offset) => Vector512.LoadUnsafe(ref at, (nuint)offset);

    private static V256 Fma(V256 a, V256 b, V256 c) => Vector256.MultiplyAddEstimate(a, b, c);

    private static V512 Fma(V512 a, V512 b, V512 c) => Vector512.MultiplyAddEstimate(a, b, c);

    // ---- Net B: 8 → 16 tanh → 16 tanh → 4 ----

    /// <summary>Net B on 256-bit vectors (packed with 8 lanes).</summary>
    public void B256(float[] input, float[] output)
    {
        const int W1 = 0, B1 = W1 + 8 * 16, W2 = B1 + 16, B2 = W2 + 16 * 16, W3 = B2 + 16, B3 = W3 + 16 * 8;
        ref float w = ref Weights;
        ref float x = ref MemoryMarshal.GetArrayDataReference(input);
        ref float h = ref MemoryMarshal.GetArrayDataReference(_scratch);

        // Layer 1: two output vectors, even inputs into z, odd inputs into u.
        V256 z0 = Load(ref w, B1), z1 = Load(ref w, B1 + 8), u0 = V256.Zero, u1 = V256.Zero;
        for (int i = 0; i < 8; i += 2)
        {
            ref float row = ref Unsafe.Add(ref w, W1 + i * 16);
            V256 s = Vector256.Create(Unsafe.Add(ref x, i)), t = Vector256.Create(Unsafe.Add(ref x, i + 1));
            z0 = Fma(s, Load(ref row, 0), z0);
            z1 = Fma(s, Load(ref row, 8), z1);
            u0 = Fma(t, Load(ref row, 16), u0);
            u1 = Fma(t, Load(ref row, 24), u1);
        }

        VectorMath.Tanh(z0 + u0).StoreUnsafe(ref h, 0);
        VectorMath.Tanh(z1 + u1).StoreUnsafe(ref h, 8);

        // Layer 2: the same on 16 inputs.
        z0 = Load(ref w, B2);
        z1 = Load(ref w, B2 + 8);
        u0 = V256.Zero;
        u1 = V256.Zero;
        for (int i = 0; i < 16; i += 2)
        {
            ref float row = ref Unsafe.Add(ref w, W2 + i * 16);
            V256 s = Vector256.Create(Unsafe.Add(ref h, i)), t = Vector256.Create(Unsafe.Add(ref h, i + 1));
            z0 = Fma(s, Load(ref row, 0), z0);
            z1 = Fma(s, Load(ref row, 8), z1);
            u0 = Fma(t, Load(ref row, 16), u0);
            u1 = Fma(t, Load(ref row, 24), u1);
        }

        VectorMath.Tanh(z0 + u0).StoreUnsafe(ref h, 16);
        VectorMath.Tanh(z1 + u1).StoreUnsafe(ref h, 24);

        // Layer 3: one output vector (4 of 8 lanes used), four partial sums.
        ref float a = ref Unsafe.Add(ref h, 16);
        V256 c0 = Load(ref w, B3), c1 = V256.Zero, c2 = V256.Zero, c3 = V256.Zero;
        for (int i = 0; i < 16; i += 4)
        {
            ref float row = ref Unsafe.Add(ref w, W3 + i * 8);
            c0 = Fma(Vector256.Create(Unsafe.Add(ref a, i)), Load(ref row, 0), c0);
            c1 = Fma(Vector256.Create(Unsafe.Add(ref a, i + 1)), Load(ref row, 8), c1);
            c2 = Fma(Vector256.Create(Unsafe.Add(ref a, i + 2)), Load(ref row, 16), c2);
            c3 = Fma(Vector256.Create(Unsafe.Add(ref a, i + 3)), Load(ref row, 24), c3);
        }

        ((c0 + c1) + (c2 + c3)).GetLower().StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(output));
    }

    /// <summary>Net B on 512-bit vectors (packed with 16 lanes).</summary>
    public void B512(float[] input, float[] output)
    {
        const int W1 = 0, B1 = W1 + 8 * 16, W2 = B1 + 16, B2 = W2 + 16 * 16, W3 = B2 + 16, B3 = W3 + 16 * 16;
        ref float w = ref Weights;
        ref float x = ref MemoryMarshal.GetArrayDataReference(input);
        ref float h = ref MemoryMarshal.GetArrayDataReference(_scratch);

        // Layer 1: one output vector, four partial sums.
        V512 z0 = Load512(ref w, B1), z1 = V512.Zero, z2 = V512.Zero, z3 = V512.Zero;
        for (int i = 0; i < 8; i += 4)
        {
            ref float row = ref Unsafe.Add(ref w, W1 + i * 16);
            z0 = Fma(Vector512.Create(Unsafe.Add(ref x, i)), Load512(ref row, 0), z0);
            z1 = Fma(Vector512.Create(Unsafe.Add(ref x, i + 1)), Load512(ref row, 16), z1);
            z2 = Fma(Vector512.Create(Unsafe.Add(ref x, i + 2)), Load512(ref row, 32), z2);
            z3 = Fma(Vector512.Create(Unsafe.Add(ref x, i + 3)), Load512(ref row, 48), z3);
        }

        VectorMath.Tanh((z0 + z1) + (z2 + z3)).StoreUnsafe(ref h, 0);

        // Layer 2: the same on 16 inputs.
        z0 = Load512(ref w, B2);
        z1 = V512.Zero;
        z2 = V512.Zero;
        z3 = V512.Zero;
        for (int i = 0; i < 16; i += 4)
        {
            ref float row = ref Unsafe.Add(ref w, W2 + i * 16);
            z0 = Fma(Vector512.Create(Unsafe.Add(ref h, i)), Load512(ref row, 0), z0);
            z1 = Fma(Vector512.Create(Unsafe.Add(ref h, i + 1)), Load512(ref row, 16), z1);
            z2 = Fma(Vector512.Create(Unsafe.Add(ref h, i + 2)), Load512(ref row, 32), z2);
            z3 = Fma(Vector512.Create(Unsafe.Add(ref h, i + 3)), Load512(ref row, 48), z3);
        }

        VectorMath.Tanh((z0 + z1) + (z2 + z3)).StoreUnsafe(ref h, 16);

        // Layer 3: one output vector (4 of 16 lanes used).
        ref float a = ref Unsafe.Add(ref h, 16);
        z0 = Load512(ref w, B3);
        z1 = V512.Zero;
        z2 = V512.Zero;
        z3 = V512.Zero;
        for (int i = 0; i < 16; i += 4)
        {
            ref float row = ref Unsafe.Add(ref w, W3 + i * 16);
            z0 = Fma(Vector512.Create(Unsafe.Add(ref a, i)), Load512(ref row, 0), z0);
            z1 = Fma(Vector512.Create(Unsafe.Add(ref a, i + 1)), Load512(ref row, 16), z1);
            z2 = Fma(Vector512.Create(Unsafe.Add(ref a, i + 2)), Load512(ref row, 32), z2);
            z3 = Fma(Vector512.Create(Unsafe.Add(ref a, i + 3)), Load512(ref row, 48), z3);
        }

        ((z0 + z1) + (z2 + z3)).GetLower().GetLower().StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(output));
    }

    // ---- Net C: 32 → 64 relu → 64 relu → 8 ----

    /// <summary>Net C on 256-bit vectors (packed with 8 lanes).</summary>
    public void C256(float[] input, float[] output)
    {
        const int W1 = 0, B1 = W1 + 32 * 64, W2 = B1 + 64, B2 = W2 + 64 * 64, W3 = B2 + 64, B3 = W3 + 64 * 8;
        ref float w = ref Weights;
        ref float h = ref MemoryMarshal.GetArrayDataReference(_scratch);
        Hidden256(ref w, W1, B1, 32, ref MemoryMarshal.GetArrayDataReference(input), ref h);
        Hidden256(ref w, W2, B2, 64, ref h, ref Unsafe.Add(ref h, 64));

        // Layer 3: one output vector, four partial sums.
        ref float a = ref Unsafe.Add(ref h, 64);
        V256 c0 = Load(ref w, B3), c1 = V256.Zero, c2 = V256.Zero, c3 = V256.Zero;
        for (int i = 0; i < 64; i += 4)
        {
            ref float row = ref Unsafe.Add(ref w, W3 + i * 8);
            c0 = Fma(Vector256.Create(Unsafe.Add(ref a, i)), Load(ref row, 0), c0);
            c1 = Fma(Vector256.Create(Unsafe.Add(ref a, i + 1)), Load(ref row, 8), c1);
            c2 = Fma(Vector256.Create(Unsafe.Add(ref a, i + 2)), Load(ref row, 16), c2);
            c3 = Fma(Vector256.Create(Unsafe.Add(ref a, i + 3)), Load(ref row, 24), c3);
        }

        ((c0 + c1) + (c2 + c3)).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(output));
    }

    /// <summary>A 64-unit ReLU layer of net C at 256 bits: eight accumulators (eight independent chains).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Hidden256(ref float w, int weights, int bias, int fanIn, ref float x, ref float y)
    {
        V256 z0 = Load(ref w, bias), z1 = Load(ref w, bias + 8), z2 = Load(ref w, bias + 16), z3 = Load(ref w, bias + 24);
        V256 z4 = Load(ref w, bias + 32), z5 = Load(ref w, bias + 40), z6 = Load(ref w, bias + 48), z7 = Load(ref w, bias + 56);
        ref float row = ref Unsafe.Add(ref w, weights);
        for (int i = 0; i < fanIn; i++)
        {
            V256 s = Vector256.Create(Unsafe.Add(ref x, i));
            z0 = Fma(s, Load(ref row, 0), z0);
            z1 = Fma(s, Load(ref row, 8), z1);
            z2 = Fma(s, Load(ref row, 16), z2);
            z3 = Fma(s, Load(ref row, 24), z3);
            z4 = Fma(s, Load(ref row, 32), z4);
            z5 = Fma(s, Load(ref row, 40), z5);
            z6 = Fma(s, Load(ref row, 48), z6);
            z7 = Fma(s, Load(ref row, 56), z7);
            row = ref Unsafe.Add(ref row, 64);
        }

        VectorMath.Relu(z0).StoreUnsafe(ref y, 0);
        VectorMath.Relu(z1).StoreUnsafe(ref y, 8);
        VectorMath.Relu(z2).StoreUnsafe(ref y, 16);
        VectorMath.Relu(z3).StoreUnsafe(ref y, 24);
        VectorMath.Relu(z4).StoreUnsafe(ref y, 32);
        VectorMath.Relu(z5).StoreUnsafe(ref y, 40);
        VectorMath.Relu(z6).StoreUnsafe(ref y, 48);
        VectorMath.Relu(z7).StoreUnsafe(ref y, 56);
    }

    /// <summary>Net C on 512-bit vectors (packed with 16 lanes).</summary>
    public void C512(float[] input, float[] output)
    {
        const int W1 = 0, B1 = W1 + 32 * 64, W2 = B1 + 64, B2 = W2 + 64 * 64, W3 = B2 + 64, B3 = W3 + 64 * 16;
        ref float w = ref Weights;
        ref float h = ref MemoryMarshal.GetArrayDataReference(_scratch);
        Hidden512(ref w, W1, B1, 32, ref MemoryMarshal.GetArrayDataReference(input), ref h);
        Hidden512(ref w, W2, B2, 64, ref h, ref Unsafe.Add(ref h, 64));

        // Layer 3: one output vector (8 of 16 lanes used), four partial sums.
        ref float a = ref Unsafe.Add(ref h, 64);
        V512 c0 = Load512(ref w, B3), c1 = V512.Zero, c2 = V512.Zero, c3 = V512.Zero;
        for (int i = 0; i < 64; i += 4)
        {
            ref float row = ref Unsafe.Add(ref w, W3 + i * 16);
            c0 = Fma(Vector512.Create(Unsafe.Add(ref a, i)), Load512(ref row, 0), c0);
            c1 = Fma(Vector512.Create(Unsafe.Add(ref a, i + 1)), Load512(ref row, 16), c1);
            c2 = Fma(Vector512.Create(Unsafe.Add(ref a, i + 2)), Load512(ref row, 32), c2);
            c3 = Fma(Vector512.Create(Unsafe.Add(ref a, i + 3)), Load512(ref row, 48), c3);
        }

        ((c0 + c1) + (c2 + c3)).GetLower().StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(output));
    }

    /// <summary>A 64-unit ReLU layer of net C at 512 bits: four output vectors, two partial sums each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Hidden512(ref float w, int weights, int bias, int fanIn, ref float x, ref float y)
    {
        V512 z0 = Load512(ref w, bias), z1 = Load512(ref w, bias + 16), z2 = Load512(ref w, bias + 32), z3 = Load512(ref w, bias + 48);
        V512 u0 = V512.Zero, u1 = V512.Zero, u2 = V512.Zero, u3 = V512.Zero;
        ref float row = ref Unsafe.Add(ref w, weights);
        for (int i = 0; i < fanIn; i += 2)
        {
            V512 s = Vector512.Create(Unsafe.Add(ref x, i)), t = Vector512.Create(Unsafe.Add(ref x, i + 1));
            z0 = Fma(s, Load512(ref row, 0), z0);
            z1 = Fma(s, Load512(ref row, 16), z1);
            z2 = Fma(s, Load512(ref row, 32), z2);
            z3 = Fma(s, Load512(ref row, 48), z3);
            u0 = Fma(t, Load512(ref row, 64), u0);
            u1 = Fma(t, Load512(ref row, 80), u1);
            u2 = Fma(t, Load512(ref row, 96), u2);
            u3 = Fma(t, Load512(ref row, 112), u3);
            row = ref Unsafe.Add(ref row, 128);
        }

        VectorMath.Relu(z0 + u0).StoreUnsafe(ref y, 0);
        VectorMath.Relu(z1 + u1).StoreUnsafe(ref y, 16);
        VectorMath.Relu(z2 + u2).StoreUnsafe(ref y, 32);
        VectorMath.Relu(z3 + u3).StoreUnsafe(ref y, 48);
    }

    // ---- Net D: 784 → 128 relu → 10 softmax ----

    /// <summary>Net D on 256-bit vectors (packed with 8 lanes): 16 accumulators over the 784 inputs.</summary>
    public void D256(float[] input, float[] output)
    {
        const int W1 = 0, B1 = W1 + 784 * 128, W2 = B1 + 128, B2 = W2 + 128 * 16;
        ref float w = ref Weights;
        ref float x = ref MemoryMarshal.GetArrayDataReference(input);
        ref float h = ref MemoryMarshal.GetArrayDataReference(_scratch);

        V256 z0 = Load(ref w, B1), z1 = Load(ref w, B1 + 8), z2 = Load(ref w, B1 + 16), z3 = Load(ref w, B1 + 24);
        V256 z4 = Load(ref w, B1 + 32), z5 = Load(ref w, B1 + 40), z6 = Load(ref w, B1 + 48), z7 = Load(ref w, B1 + 56);
        V256 z8 = Load(ref w, B1 + 64), z9 = Load(ref w, B1 + 72), z10 = Load(ref w, B1 + 80), z11 = Load(ref w, B1 + 88);
        V256 z12 = Load(ref w, B1 + 96), z13 = Load(ref w, B1 + 104), z14 = Load(ref w, B1 + 112), z15 = Load(ref w, B1 + 120);
        ref float row = ref Unsafe.Add(ref w, W1);
        for (int i = 0; i < 784; i++)
        {
            V256 s = Vector256.Create(Unsafe.Add(ref x, i));
            z0 = Fma(s, Load(ref row, 0), z0);
            z1 = Fma(s, Load(ref row, 8), z1);
            z2 = Fma(s, Load(ref row, 16), z2);
            z3 = Fma(s, Load(ref row, 24), z3);
            z4 = Fma(s, Load(ref row, 32), z4);
            z5 = Fma(s, Load(ref row, 40), z5);
            z6 = Fma(s, Load(ref row, 48), z6);
            z7 = Fma(s, Load(ref row, 56), z7);
            z8 = Fma(s, Load(ref row, 64), z8);
            z9 = Fma(s, Load(ref row, 72), z9);
            z10 = Fma(s, Load(ref row, 80), z10);
            z11 = Fma(s, Load(ref row, 88), z11);
            z12 = Fma(s, Load(ref row, 96), z12);
            z13 = Fma(s, Load(ref row, 104), z13);
            z14 = Fma(s, Load(ref row, 112), z14);
            z15 = Fma(s, Load(ref row, 120), z15);
            row = ref Unsafe.Add(ref row, 128);
        }

        VectorMath.Relu(z0).StoreUnsafe(ref h, 0);
        VectorMath.Relu(z1).StoreUnsafe(ref h, 8);
        VectorMath.Relu(z2).StoreUnsafe(ref h, 16);
        VectorMath.Relu(z3).StoreUnsafe(ref h, 24);
        VectorMath.Relu(z4).StoreUnsafe(ref h, 32);
        VectorMath.Relu(z5).StoreUnsafe(ref h, 40);
        VectorMath.Relu(z6).StoreUnsafe(ref h, 48);
        VectorMath.Relu(z7).StoreUnsafe(ref h, 56);
        VectorMath.Relu(z8).StoreUnsafe(ref h, 64);
        VectorMath.Relu(z9).StoreUnsafe(ref h, 72);
        VectorMath.Relu(z10).StoreUnsafe(ref h, 80);
        VectorMath.Relu(z11).StoreUnsafe(ref h, 88);
        VectorMath.Relu(z12).StoreUnsafe(ref h, 96);
        VectorMath.Relu(z13).StoreUnsafe(ref h, 104);
        VectorMath.Relu(z14).StoreUnsafe(ref h, 112);
        VectorMath.Relu(z15).StoreUnsafe(ref h, 120);

        // Layer 2: two output vectors (10 of 16 lanes used), inputs split over four partial sums.
        V256 a0 = Load(ref w, B2), a1 = Load(ref w, B2 + 8), b0 = V256.Zero, b1 = V256.Zero;
        V256 c0 = V256.Zero, c1 = V256.Zero, d0 = V256.Zero, d1 = V256.Zero;
        row = ref Unsafe.Add(ref w, W2);
        for (int i = 0; i < 128; i += 4)
        {
            V256 s = Vector256.Create(Unsafe.Add(ref h, i)), t = Vector256.Create(Unsafe.Add(ref h, i + 1));
            V256 u = Vector256.Create(Unsafe.Add(ref h, i + 2)), v = Vector256.Create(Unsafe.Add(ref h, i + 3));
            a0 = Fma(s, Load(ref row, 0), a0);
            a1 = Fma(s, Load(ref row, 8), a1);
            b0 = Fma(t, Load(ref row, 16), b0);
            b1 = Fma(t, Load(ref row, 24), b1);
            c0 = Fma(u, Load(ref row, 32), c0);
            c1 = Fma(u, Load(ref row, 40), c1);
            d0 = Fma(v, Load(ref row, 48), d0);
            d1 = Fma(v, Load(ref row, 56), d1);
            row = ref Unsafe.Add(ref row, 64);
        }

        Softmax10((a0 + b0) + (c0 + d0), (a1 + b1) + (c1 + d1), output);
    }

    /// <summary>Net D on 512-bit vectors (packed with 16 lanes): 8 accumulators over the 784 inputs.</summary>
    public void D512(float[] input, float[] output)
    {
        const int W1 = 0, B1 = W1 + 784 * 128, W2 = B1 + 128, B2 = W2 + 128 * 16;
        ref float w = ref Weights;
        ref float x = ref MemoryMarshal.GetArrayDataReference(input);
        ref float h = ref MemoryMarshal.GetArrayDataReference(_scratch);

        V512 z0 = Load512(ref w, B1), z1 = Load512(ref w, B1 + 16), z2 = Load512(ref w, B1 + 32), z3 = Load512(ref w, B1 + 48);
        V512 z4 = Load512(ref w, B1 + 64), z5 = Load512(ref w, B1 + 80), z6 = Load512(ref w, B1 + 96), z7 = Load512(ref w, B1 + 112);
        ref float row = ref Unsafe.Add(ref w, W1);
        for (int i = 0; i < 784; i++)
        {
            V512 s = Vector512.Create(Unsafe.Add(ref x, i));
            z0 = Fma(s, Load512(ref row, 0), z0);
            z1 = Fma(s, Load512(ref row, 16), z1);
            z2 = Fma(s, Load512(ref row, 32), z2);
            z3 = Fma(s, Load512(ref row, 48), z3);
            z4 = Fma(s, Load512(ref row, 64), z4);
            z5 = Fma(s, Load512(ref row, 80), z5);
            z6 = Fma(s, Load512(ref row, 96), z6);
            z7 = Fma(s, Load512(ref row, 112), z7);
            row = ref Unsafe.Add(ref row, 128);
        }

        VectorMath.Relu(z0).StoreUnsafe(ref h, 0);
        VectorMath.Relu(z1).StoreUnsafe(ref h, 16);
        VectorMath.Relu(z2).StoreUnsafe(ref h, 32);
        VectorMath.Relu(z3).StoreUnsafe(ref h, 48);
        VectorMath.Relu(z4).StoreUnsafe(ref h, 64);
        VectorMath.Relu(z5).StoreUnsafe(ref h, 80);
        VectorMath.Relu(z6).StoreUnsafe(ref h, 96);
        VectorMath.Relu(z7).StoreUnsafe(ref h, 112);

        // Layer 2: one output vector (10 of 16 lanes used), four partial sums.
        V512 c0 = Load512(ref w, B2), c1 = V512.Zero, c2 = V512.Zero, c3 = V512.Zero;
        row = ref Unsafe.Add(ref w, W2);
        for (int i = 0; i < 128; i += 4)
        {
            c0 = Fma(Vector512.Create(Unsafe.Add(ref h, i)), Load512(ref row, 0), c0);
            c1 = Fma(Vector512.Create(Unsafe.Add(ref h, i + 1)), Load512(ref row, 16), c1);
            c2 = Fma(Vector512.Create(Unsafe.Add(ref h, i + 2)), Load512(ref row, 32), c2);
            c3 = Fma(Vector512.Create(Unsafe.Add(ref h, i + 3)), Load512(ref row, 48), c3);
            row = ref Unsafe.Add(ref row, 64);
        }

        V512 z = (c0 + c1) + (c2 + c3);
        Softmax10(z.GetLower(), z.GetUpper(), output);
    }

    /// <summary>Softmax of the 10 logits held in lanes 0…7 of <paramref name="low"/> and 0…1 of <paramref name="high"/>, on vectors.</summary>
    private static void Softmax10(V256 low, V256 high, float[] output)
    {
        // The padding lanes 10…15 become −∞ so that they neither win the maximum nor add to the sum.
        V256 valid = Vector256.LessThan(Vector256.Create(8, 9, 10, 11, 12, 13, 14, 15), Vector256.Create(10)).AsSingle();
        high = Vector256.ConditionalSelect(valid, high, Vector256.Create(float.NegativeInfinity));
        V256 m = Vector256.Max(low, high);
        m = Vector256.Max(m, Vector256.Shuffle(m, Vector256.Create(4, 5, 6, 7, 0, 1, 2, 3)));
        m = Vector256.Max(m, Vector256.Shuffle(m, Vector256.Create(2, 3, 0, 1, 6, 7, 4, 5)));
        m = Vector256.Max(m, Vector256.Shuffle(m, Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6)));
        V256 e0 = VectorMath.Exp(low - m), e1 = VectorMath.Exp(high - m);
        V256 scale = Vector256.Create(1f / Vector256.Sum(e0 + e1));
        ref float y = ref MemoryMarshal.GetArrayDataReference(output);
        (e0 * scale).StoreUnsafe(ref y);
        Unsafe.Add(ref y, 8) = e1.GetElement(0) * scale.GetElement(0);
        Unsafe.Add(ref y, 9) = e1.GetElement(1) * scale.GetElement(0);
    }
}
