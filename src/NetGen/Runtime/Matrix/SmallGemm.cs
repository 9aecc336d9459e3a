#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Runtime.Matrix;

/// <summary>
/// C += A·B on row-major matrices with 256-bit vectors: the layered networks' training passes (a convolution's forward
/// pass, weight gradient and input gradient as products with its unrolled windows; a Dense layer's three products over a
/// block of samples). Tiles of 4 rows × 16 columns keep 8 sums in registers over the whole reduction (each step one
/// broadcast of A per row, two loads of B, eight multiply-adds); the edges use 4 × 8, 1 × 16, 1 × 8 tiles and scalar
/// columns (AVX's masked loads and stores where the processor has them). For generated code; not part of NetGen's public contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SmallGemm
{
    /// <summary>
    /// <c>C[i·ldc + j] += Σ_p A[i·lda + p] · B[p·ldb + j]</c> for i &lt; <paramref name="m"/>, j &lt; <paramref name="n"/>,
    /// p &lt; <paramref name="k"/>. Multiply-adds are fused where the processor has FMA (<see cref="VectorMath.MultiplyAdd(Vector256{float}, Vector256{float}, Vector256{float})"/>).
    /// </summary>
    /// <param name="a">A, row-major with row stride <paramref name="lda"/>.</param>
    /// <param name="lda">A's row stride (≥ <paramref name="k"/>).</param>
    /// <param name="b">B, row-major with row stride <paramref name="ldb"/>.</param>
    /// <param name="ldb">B's row stride (≥ <paramref name="n"/>).</param>
    /// <param name="c">C, row-major with row stride <paramref name="ldc"/>; the products are added to it.</param>
    /// <param name="ldc">C's row stride (≥ <paramref name="n"/>).</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <exception cref="ArgumentException">A span is too short for its matrix, or a stride or size is negative or too small.</exception>
    public static void MultiplyAdd(ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, int m, int n, int k)
    {
        if (m <= 0 || n <= 0 || k <= 0) return;
        if (lda < k || ldb < n || ldc < n) throw new ArgumentException("A row stride is smaller than its row.");
        if (a.Length < (long)(m - 1) * lda + k) throw new ArgumentException("A is too short for " + m + "×" + k + " values.", nameof(a));
        if (b.Length < (long)(k - 1) * ldb + n) throw new ArgumentException("B is too short for " + k + "×" + n + " values.", nameof(b));
        if (c.Length < (long)(m - 1) * ldc + n) throw new ArgumentException("C is too short for " + m + "×" + n + " values.", nameof(c));
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        ref float rc = ref MemoryMarshal.GetReference(c);
        if (!Vector256.IsHardwareAccelerated)
        {
            Scalar(ref ra, lda, ref rb, ldb, ref rc, ldc, 0, m, 0, n, k);
            return;
        }
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            int j = 0;
            for (; j + 16 <= n; j += 16) Tile4x16(ref ra, lda, ref rb, ldb, ref rc, ldc, i, j, k);
            for (; j + 8 <= n; j += 8) Tile4x8(ref ra, lda, ref rb, ldb, ref rc, ldc, i, j, k);
            if (j < n && Avx.IsSupported) Tile4xMasked(ref ra, lda, ref rb, ldb, ref rc, ldc, i, j, n - j, k);
            else if (j < n) Scalar(ref ra, lda, ref rb, ldb, ref rc, ldc, i, i + 4, j, n, k);
        }
        for (; i < m; i++)
        {
            int j = 0;
            for (; j + 16 <= n; j += 16) Tile1x16(ref ra, lda, ref rb, ldb, ref rc, ldc, i, j, k);
            for (; j + 8 <= n; j += 8) Tile1x8(ref ra, lda, ref rb, ldb, ref rc, ldc, i, j, k);
            if (j < n && Avx.IsSupported) Tile1xMasked(ref ra, lda, ref rb, ldb, ref rc, ldc, i, j, n - j, k);
            else if (j < n) Scalar(ref ra, lda, ref rb, ldb, ref rc, ldc, i, i + 1, j, n, k);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(ref float at, int offset) => Vector256.LoadUnsafe(ref at, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> value, ref float at, int offset) => Vector256.StoreUnsafe(value, ref at, (nuint)offset);

    private static void Tile4x16(ref float a, int lda, ref float b, int ldb, ref float c, int ldc, int i, int j, int k)
    {
        int c0 = i * ldc + j, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        Vector256<float> s00 = Load(ref c, c0), s01 = Load(ref c, c0 + 8);
        Vector256<float> s10 = Load(ref c, c1), s11 = Load(ref c, c1 + 8);
        Vector256<float> s20 = Load(ref c, c2), s21 = Load(ref c, c2 + 8);
        Vector256<float> s30 = Load(ref c, c3), s31 = Load(ref c, c3 + 8);
        int a0 = i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        int bp = j;
        for (int p = 0; p < k; p++, bp += ldb)
        {
            Vector256<float> b0 = Load(ref b, bp), b1 = Load(ref b, bp + 8);
            Vector256<float> x = Vector256.Create(Unsafe.Add(ref a, a0 + p));
            s00 = VectorMath.MultiplyAdd(x, b0, s00);
            s01 = VectorMath.MultiplyAdd(x, b1, s01);
            x = Vector256.Create(Unsafe.Add(ref a, a1 + p));
            s10 = VectorMath.MultiplyAdd(x, b0, s10);
            s11 = VectorMath.MultiplyAdd(x, b1, s11);
            x = Vector256.Create(Unsafe.Add(ref a, a2 + p));
            s20 = VectorMath.MultiplyAdd(x, b0, s20);
            s21 = VectorMath.MultiplyAdd(x, b1, s21);
            x = Vector256.Create(Unsafe.Add(ref a, a3 + p));
            s30 = VectorMath.MultiplyAdd(x, b0, s30);
            s31 = VectorMath.MultiplyAdd(x, b1, s31);
        }
        Store(s00, ref c, c0); Store(s01, ref c, c0 + 8);
        Store(s10, ref c, c1); Store(s11, ref c, c1 + 8);
        Store(s20, ref c, c2); Store(s21, ref c, c2 + 8);
        Store(s30, ref c, c3); Store(s31, ref c, c3 + 8);
    }

    private static void Tile4x8(ref float a, int lda, ref float b, int ldb, ref float c, int ldc, int i, int j, int k)
    {
        int c0 = i * ldc + j, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        Vector256<float> s0 = Load(ref c, c0), s1 = Load(ref c, c1), s2 = Load(ref c, c2), s3 = Load(ref c, c3);
        int a0 = i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        int bp = j;
        for (int p = 0; p < k; p++, bp += ldb)
        {
            Vector256<float> b0 = Load(ref b, bp);
            s0 = VectorMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a, a0 + p)), b0, s0);
            s1 = VectorMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a, a1 + p)), b0, s1);
            s2 = VectorMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a, a2 + p)), b0, s2);
            s3 = VectorMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a, a3 + p)), b0, s3);
        }
        Store(s0, ref c, c0); Store(s1, ref c, c1); Store(s2, ref c, c2); Store(s3, ref c, c3);
    }

    private static void Tile1x16(ref float a, int lda, ref float b, int ldb, ref float c, int ldc, int i, int j, int k)
    {
        int c0 = i * ldc + j;
        Vector256<float> s0 = Load(ref c, c0), s1 = Load(ref c, c0 + 8);
        // Two partial sums per vector: the chain of dependent multiply-adds is halved.
        Vector256<float> t0 = Vector256<float>.Zero, t1 = Vector256<float>.Zero;
        int a0 = i * lda;
        int bp = j, p = 0;
        for (; p + 2 <= k; p += 2, bp += 2 * ldb)
        {
            Vector256<float> x = Vector256.Create(Unsafe.Add(ref a, a0 + p));
            s0 = VectorMath.MultiplyAdd(x, Load(ref b, bp), s0);
            s1 = VectorMath.MultiplyAdd(x, Load(ref b, bp + 8), s1);
            Vector256<float> y = Vector256.Create(Unsafe.Add(ref a, a0 + p + 1));
            t0 = VectorMath.MultiplyAdd(y, Load(ref b, bp + ldb), t0);
            t1 = VectorMath.MultiplyAdd(y, Load(ref b, bp + ldb + 8), t1);
        }
        if (p < k)
        {
            Vector256<float> x = Vector256.Create(Unsafe.Add(ref a, a0 + p));
            s0 = VectorMath.MultiplyAdd(x, Load(ref b, bp), s0);
            s1 = VectorMath.MultiplyAdd(x, Load(ref b, bp + 8), s1);
        }
        Store(s0 + t0, ref c, c0); Store(s1 + t1, ref c, c0 + 8);
    }

    private static void Tile1x8(ref float a, int lda, ref float b, int ldb, ref float c, int ldc, int i, int j, int k)
    {
        int c0 = i * ldc + j;
        Vector256<float> s0 = Load(ref c, c0);
        int a0 = i * lda;
        int bp = j;
        for (int p = 0; p < k; p++, bp += ldb) s0 = VectorMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a, a0 + p)), Load(ref b, bp), s0);
        Store(s0, ref c, c0);
    }

    /// <summary>The first <paramref name="columns"/> (1 to 7) lanes set: AVX's masked loads and stores touch only those.</summary>
    private static Vector256<float> Mask(int columns) =>
        Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(columns)).AsSingle();

    private static unsafe void Tile4xMasked(ref float a, int lda, ref float b, int ldb, ref float c, int ldc, int i, int j, int columns, int k)
    {
        var mask = Mask(columns);
        fixed (float* pb = &b)
        fixed (float* pc = &c)
        {
            float* c0 = pc + i * ldc + j, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
            Vector256<float> s0 = Avx.MaskLoad(c0, mask), s1 = Avx.MaskLoad(c1, mask), s2 = Avx.MaskLoad(c2, mask), s3 = Avx.MaskLoad(c3, mask);
            int a0 = i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
            float* bp = pb + j;
            for (int p = 0; p < k; p++, bp += ldb)
            {
                Vector256<float> b0 = Avx.MaskLoad(bp, mask);
                s0 = VectorMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a, a0 + p)), b0, s0);
                s1 = VectorMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a, a1 + p)), b0, s1);
                s2 = VectorMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a, a2 + p)), b0, s2);
                s3 = VectorMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a, a3 + p)), b0, s3);
            }
            Avx.MaskStore(c0, mask, s0); Avx.MaskStore(c1, mask, s1); Avx.MaskStore(c2, mask, s2); Avx.MaskStore(c3, mask, s3);
        }
    }

    private static unsafe void Tile1xMasked(ref float a, int lda, ref float b, int ldb, ref float c, int ldc, int i, int j, int columns, int k)
    {
        var mask = Mask(columns);
        fixed (float* pb = &b)
        fixed (float* pc = &c)
        {
            float* c0 = pc + i * ldc + j;
            Vector256<float> s0 = Avx.MaskLoad(c0, mask);
            int a0 = i * lda;
            float* bp = pb + j;
            for (int p = 0; p < k; p++, bp += ldb) s0 = VectorMath.MultiplyAdd(Vector256.Create(Unsafe.Add(ref a, a0 + p)), Avx.MaskLoad(bp, mask), s0);
            Avx.MaskStore(c0, mask, s0);
        }
    }

    private static void Scalar(ref float a, int lda, ref float b, int ldb, ref float c, int ldc, int rowStart, int rowEnd, int columnStart, int columnEnd, int k)
    {
        for (int i = rowStart; i < rowEnd; i++)
        {
            for (int j = columnStart; j < columnEnd; j++)
            {
                float sum = Unsafe.Add(ref c, i * ldc + j);
                for (int p = 0; p < k; p++) sum = VectorMath.MultiplyAdd(Unsafe.Add(ref a, i * lda + p), Unsafe.Add(ref b, p * ldb + j), sum);
                Unsafe.Add(ref c, i * ldc + j) = sum;
            }
        }
    }
}
#endif
