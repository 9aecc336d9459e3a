using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static NetGen.Benchmarks.HandWritten.HandMath;

namespace NetGen.Benchmarks.HandWritten;

/// <summary>
/// What a tile of <see cref="GemmKernels.Multiply{TEpilogue}"/> does with its accumulators: adds the bias and applies the
/// activation (forward), or multiplies by the activation's derivative (backward), and stores. A struct type argument,
/// so the JIT compiles one kernel per epilogue with the epilogue inlined.
/// </summary>
public interface ITileEpilogue
{
    /// <summary>Finishes and stores one vector of the result: <paramref name="offset"/> = row·ldc + column.</summary>
    void Store(Vector256<float> accumulator, nint offset, int column);
}

/// <summary>
/// Register-blocked matrix kernels on <see cref="Vector256{T}"/> for the hand-written trainer (<see cref="HandTrainer"/>):
/// every tile keeps its accumulators in registers for the whole reduction and stores once.
/// </summary>
public static unsafe class GemmKernels
{
    /// <summary>
    /// C[n, N] = X[n, K] · Y[K, N] (row-major, N a multiple of 8), finished by <paramref name="epilogue"/>. Tiles of
    /// 4 rows × 16 columns (8 accumulators; per k: 4 broadcasts of X, 2 loads of Y, 8 FMAs), then 4 × 8, and single
    /// rows for n % 4. Forward: X = activations of the layer below, Y = Wᵀ [in, out]. Backward: X = δ [n, out],
    /// Y = W [out, in], so C = δ·W.
    /// </summary>
    public static void Multiply<TEpilogue>(int n, int k, int columns, float* x, int ldx, float* y, int ldy, int ldc, TEpilogue epilogue)
        where TEpilogue : struct, ITileEpilogue
    {
        int s = 0;
        for (; s + 4 <= n; s += 4)
        {
            float* xs = x + (nint)s * ldx;
            int j = 0;
            for (; j + 16 <= columns; j += 16) Tile4x16(k, xs, ldx, y + j, ldy, (nint)s * ldc + j, ldc, j, ref epilogue);
            if (j < columns) Tile4x8(k, xs, ldx, y + j, ldy, (nint)s * ldc + j, ldc, j, ref epilogue);
        }

        for (; s < n; s++)
        {
            for (int j = 0; j < columns; j += 8) Tile1x8(k, x + (nint)s * ldx, y + j, ldy, (nint)s * ldc + j, j, ref epilogue);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x16<TEpilogue>(int k, float* x, int ldx, float* y, int ldy, nint offset, int ldc, int column, ref TEpilogue epilogue)
        where TEpilogue : struct, ITileEpilogue
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        float* x1 = x + ldx, x2 = x1 + ldx, x3 = x2 + ldx;
        for (int i = 0; i < k; i++, y += ldy)
        {
            Vector256<float> y0 = Vector256.Load(y), y1 = Vector256.Load(y + 8);
            Vector256<float> a = Vector256.Create(x[i]);
            c00 = MulAdd(a, y0, c00);
            c01 = MulAdd(a, y1, c01);
            a = Vector256.Create(x1[i]);
            c10 = MulAdd(a, y0, c10);
            c11 = MulAdd(a, y1, c11);
            a = Vector256.Create(x2[i]);
            c20 = MulAdd(a, y0, c20);
            c21 = MulAdd(a, y1, c21);
            a = Vector256.Create(x3[i]);
            c30 = MulAdd(a, y0, c30);
            c31 = MulAdd(a, y1, c31);
        }

        epilogue.Store(c00, offset, column);
        epilogue.Store(c01, offset + 8, column + 8);
        offset += ldc;
        epilogue.Store(c10, offset, column);
        epilogue.Store(c11, offset + 8, column + 8);
        offset += ldc;
        epilogue.Store(c20, offset, column);
        epilogue.Store(c21, offset + 8, column + 8);
        offset += ldc;
        epilogue.Store(c30, offset, column);
        epilogue.Store(c31, offset + 8, column + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x8<TEpilogue>(int k, float* x, int ldx, float* y, int ldy, nint offset, int ldc, int column, ref TEpilogue epilogue)
        where TEpilogue : struct, ITileEpilogue
    {
        // Two accumulators per row (even and odd k) keep 8 chains in flight.
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
        Vector256<float> d0 = default, d1 = default, d2 = default, d3 = default;
        float* x1 = x + ldx, x2 = x1 + ldx, x3 = x2 + ldx;
        int i = 0;
        for (; i + 2 <= k; i += 2, y += 2 * (nint)ldy)
        {
            Vector256<float> y0 = Vector256.Load(y), y1 = Vector256.Load(y + ldy);
            c0 = MulAdd(Vector256.Create(x[i]), y0, c0);
            d0 = MulAdd(Vector256.Create(x[i + 1]), y1, d0);
            c1 = MulAdd(Vector256.Create(x1[i]), y0, c1);
            d1 = MulAdd(Vector256.Create(x1[i + 1]), y1, d1);
            c2 = MulAdd(Vector256.Create(x2[i]), y0, c2);
            d2 = MulAdd(Vector256.Create(x2[i + 1]), y1, d2);
            c3 = MulAdd(Vector256.Create(x3[i]), y0, c3);
            d3 = MulAdd(Vector256.Create(x3[i + 1]), y1, d3);
        }

        if (i < k)
        {
            Vector256<float> y0 = Vector256.Load(y);
            c0 = MulAdd(Vector256.Create(x[i]), y0, c0);
            c1 = MulAdd(Vector256.Create(x1[i]), y0, c1);
            c2 = MulAdd(Vector256.Create(x2[i]), y0, c2);
            c3 = MulAdd(Vector256.Create(x3[i]), y0, c3);
        }

        epilogue.Store(c0 + d0, offset, column);
        epilogue.Store(c1 + d1, offset + ldc, column);
        epilogue.Store(c2 + d2, offset + 2 * (nint)ldc, column);
        epilogue.Store(c3 + d3, offset + 3 * (nint)ldc, column);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile1x8<TEpilogue>(int k, float* x, float* y, int ldy, nint offset, int column, ref TEpilogue epilogue)
        where TEpilogue : struct, ITileEpilogue
    {
        Vector256<float> c = default;
        for (int i = 0; i < k; i++, y += ldy) c = MulAdd(Vector256.Create(x[i]), Vector256.Load(y), c);
        epilogue.Store(c, offset, column);
    }

    /// <summary>Samples per pass of <see cref="GradientStep"/>: its packed panels stay in L1 and L2.</summary>
    public const int SampleBlock = 256;

    /// <summary>
    /// Row stride of A (floats) from which <see cref="GradientStep"/> packs: a column block read down rows 1 KB or
    /// more apart falls into a few L1 sets and would come from L2 at every row tile. Measured on net C (strides of 32 and
    /// 64 floats) packing cost 10 % at 256 samples; on D (784) it gained up to 8 %, on PolicyRelu (256) it was neutral.
    /// </summary>
    public const int PackStride = 256;

    /// <summary>Floats of the scratch buffer <see cref="GradientStep"/> needs for <paramref name="rows"/> rows.</summary>
    public static int GradientScratch(int rows) => SampleBlock * (16 + rows);

    /// <summary>
    /// The weight gradient and SGD step in one pass: W[m, j] −= scale · Σₛ D[s, m]·A[s, j] for m &lt; rows (a multiple
    /// of 4) and j &lt; columns (a multiple of 8). Column blocks of 16 outer, tiles of 4 rows × 16 columns inner:
    /// 8 accumulators over all samples (per sample: 4 broadcasts of D, 2 loads of A, 8 FMAs), then one
    /// read-modify-write of W. A last block of 8 columns goes in tiles of 8 rows × 8 columns. Batches over
    /// <see cref="SampleBlock"/> samples run in passes of that many, each subtracting its part of the gradient; where the
    /// rows of A are far apart (<see cref="PackStride"/>), D is first packed as [row tile][sample][4] and each
    /// column block of A as [sample][16] into <paramref name="scratch"/> (<see cref="GradientScratch"/> floats), so the
    /// tiles read contiguous panels that stay in cache (the standard packing of blocked matrix products).
    /// </summary>
    public static void GradientStep(int n, int rows, int columns, float* d, int ldd, float* a, int lda, float* w, int ldw, float scale, float* scratch)
    {
        Vector256<float> step = Vector256.Create(scale);
        for (int first = 0; first < n; first += SampleBlock)
        {
            int count = Math.Min(SampleBlock, n - first);
            float* dBlock = d + (nint)first * ldd, aBlock = a + (nint)first * lda;
            bool pack = rows >= 32 && lda >= PackStride && count >= 64;
            float* packedA = scratch, packedD = scratch + 16 * SampleBlock;
            if (pack)
            {
                // D [count, rows] → [rows / 4][count][4].
                for (int s = 0; s < count; s++)
                {
                    float* source = dBlock + (nint)s * ldd, target = packedD + 4 * s;
                    for (int m = 0; m < rows; m += 4, target += 4 * (nint)count) Vector128.Load(source + m).Store(target);
                }
            }

            int j = 0;
            for (; j + 16 <= columns; j += 16)
            {
                if (pack)
                {
                    float* source = aBlock + j;
                    for (int s = 0; s < count; s++, source += lda)
                    {
                        Vector256.Load(source).Store(packedA + 16 * s);
                        Vector256.Load(source + 8).Store(packedA + 16 * s + 8);
                    }

                    for (int m = 0; m < rows; m += 4)
                    {
                        GradientTile4x16(count, packedD + (nint)m * count, 4, packedA, 16, w + (nint)m * ldw + j, ldw, step);
                    }
                }
                else
                {
                    for (int m = 0; m < rows; m += 4) GradientTile4x16(count, dBlock + m, ldd, aBlock + j, lda, w + (nint)m * ldw + j, ldw, step);
                }
            }

            if (j < columns)
            {
                int m = 0;
                for (; m + 8 <= rows; m += 8) GradientTile8x8(count, dBlock + m, ldd, aBlock + j, lda, w + (nint)m * ldw + j, ldw, step);
                if (m < rows) GradientTile4x8(count, dBlock + m, ldd, aBlock + j, lda, w + (nint)m * ldw + j, ldw, step);
            }
        }
    }

    private static void GradientTile4x16(int n, float* d, int ldd, float* a, int lda, float* w, int ldw, Vector256<float> step)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int s = 0; s < n; s++, d += ldd, a += lda)
        {
            Vector256<float> y0 = Vector256.Load(a), y1 = Vector256.Load(a + 8);
            Vector256<float> x = Vector256.Create(d[0]);
            c00 = MulAdd(x, y0, c00);
            c01 = MulAdd(x, y1, c01);
            x = Vector256.Create(d[1]);
            c10 = MulAdd(x, y0, c10);
            c11 = MulAdd(x, y1, c11);
            x = Vector256.Create(d[2]);
            c20 = MulAdd(x, y0, c20);
            c21 = MulAdd(x, y1, c21);
            x = Vector256.Create(d[3]);
            c30 = MulAdd(x, y0, c30);
            c31 = MulAdd(x, y1, c31);
        }

        Update(w, c00, step);
        Update(w + 8, c01, step);
        w += ldw;
        Update(w, c10, step);
        Update(w + 8, c11, step);
        w += ldw;
        Update(w, c20, step);
        Update(w + 8, c21, step);
        w += ldw;
        Update(w, c30, step);
        Update(w + 8, c31, step);
    }

    private static void GradientTile8x8(int n, float* d, int ldd, float* a, int lda, float* w, int ldw, Vector256<float> step)
    {
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
        Vector256<float> c4 = default, c5 = default, c6 = default, c7 = default;
        for (int s = 0; s < n; s++, d += ldd, a += lda)
        {
            Vector256<float> y = Vector256.Load(a);
            c0 = MulAdd(Vector256.Create(d[0]), y, c0);
            c1 = MulAdd(Vector256.Create(d[1]), y, c1);
            c2 = MulAdd(Vector256.Create(d[2]), y, c2);
            c3 = MulAdd(Vector256.Create(d[3]), y, c3);
            c4 = MulAdd(Vector256.Create(d[4]), y, c4);
            c5 = MulAdd(Vector256.Create(d[5]), y, c5);
            c6 = MulAdd(Vector256.Create(d[6]), y, c6);
            c7 = MulAdd(Vector256.Create(d[7]), y, c7);
        }

        Update(w, c0, step);
        Update(w + ldw, c1, step);
        Update(w + 2 * (nint)ldw, c2, step);
        Update(w + 3 * (nint)ldw, c3, step);
        Update(w + 4 * (nint)ldw, c4, step);
        Update(w + 5 * (nint)ldw, c5, step);
        Update(w + 6 * (nint)ldw, c6, step);
        Update(w + 7 * (nint)ldw, c7, step);
    }

    private static void GradientTile4x8(int n, float* d, int ldd, float* a, int lda, float* w, int ldw, Vector256<float> step)
    {
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
        for (int s = 0; s < n; s++, d += ldd, a += lda)
        {
            Vector256<float> y = Vector256.Load(a);
            c0 = MulAdd(Vector256.Create(d[0]), y, c0);
            c1 = MulAdd(Vector256.Create(d[1]), y, c1);
            c2 = MulAdd(Vector256.Create(d[2]), y, c2);
            c3 = MulAdd(Vector256.Create(d[3]), y, c3);
        }

        Update(w, c0, step);
        Update(w + ldw, c1, step);
        Update(w + 2 * (nint)ldw, c2, step);
        Update(w + 3 * (nint)ldw, c3, step);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(float* w, Vector256<float> gradient, Vector256<float> step) =>
        NegMulAdd(gradient, step, Vector256.Load(w)).Store(w);

    /// <summary>b[m] −= scale · Σₛ D[s, m] for m &lt; columns (a multiple of 8).</summary>
    public static void BiasStep(int n, int columns, float* d, int ldd, float* b, float scale)
    {
        Vector256<float> step = Vector256.Create(scale);
        for (int j = 0; j < columns; j += 8)
        {
            Vector256<float> s0 = default, s1 = default;
            float* p = d + j;
            int s = 0;
            for (; s + 2 <= n; s += 2, p += 2 * (nint)ldd)
            {
                s0 += Vector256.Load(p);
                s1 += Vector256.Load(p + ldd);
            }

            if (s < n) s0 += Vector256.Load(p);
            Update(b + j, s0 + s1, step);
        }
    }

    /// <summary>Wᵀ [columns, rows] ← W [rows, columns], both multiples of 8, in 8 × 8 blocks transposed in registers.</summary>
    public static void Transpose(int rows, int columns, float* w, float* wt)
    {
        if (!Avx.IsSupported)
        {
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++) wt[(nint)c * rows + r] = w[(nint)r * columns + c];
            }

            return;
        }

        for (int r = 0; r < rows; r += 8)
        {
            for (int c = 0; c < columns; c += 8)
            {
                float* source = w + (nint)r * columns + c;
                Vector256<float> r0 = Avx.LoadVector256(source), r1 = Avx.LoadVector256(source + columns);
                Vector256<float> r2 = Avx.LoadVector256(source + 2 * (nint)columns), r3 = Avx.LoadVector256(source + 3 * (nint)columns);
                Vector256<float> r4 = Avx.LoadVector256(source + 4 * (nint)columns), r5 = Avx.LoadVector256(source + 5 * (nint)columns);
                Vector256<float> r6 = Avx.LoadVector256(source + 6 * (nint)columns), r7 = Avx.LoadVector256(source + 7 * (nint)columns);
                Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
                Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
                Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
                Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
                Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
                Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
                Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
                Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
                float* target = wt + (nint)c * rows + r;
                Avx.Store(target, Avx.Permute2x128(u0, u4, 0x20));
                Avx.Store(target + rows, Avx.Permute2x128(u1, u5, 0x20));
                Avx.Store(target + 2 * (nint)rows, Avx.Permute2x128(u2, u6, 0x20));
                Avx.Store(target + 3 * (nint)rows, Avx.Permute2x128(u3, u7, 0x20));
                Avx.Store(target + 4 * (nint)rows, Avx.Permute2x128(u0, u4, 0x31));
                Avx.Store(target + 5 * (nint)rows, Avx.Permute2x128(u1, u5, 0x31));
                Avx.Store(target + 6 * (nint)rows, Avx.Permute2x128(u2, u6, 0x31));
                Avx.Store(target + 7 * (nint)rows, Avx.Permute2x128(u3, u7, 0x31));
            }
        }
    }
}
