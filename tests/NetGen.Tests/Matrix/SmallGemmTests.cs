using System;
using NetGen.Runtime.Matrix;
using Xunit;

namespace NetGen.Tests.Matrix;

/// <summary>SmallGemm (the layered networks' training products) against a naive triple loop in double precision, every tile edge.</summary>
public sealed class SmallGemmTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 16, 3)]
    [InlineData(5, 17, 9)]
    [InlineData(3, 7, 1)]
    [InlineData(8, 24, 64)]
    [InlineData(7, 9, 192)]
    [InlineData(32, 256, 9)]
    [InlineData(13, 31, 5)]
    public void MultiplyAdd_EqualsTheNaiveProduct_PlusWhatCHeld(int m, int n, int k)
    {
        var random = new Random(m * 1000 + n * 10 + k);
        int lda = k + 3, ldb = n + 2, ldc = n + 5;
        var a = Fill(random, (m - 1) * lda + k);
        var b = Fill(random, (k - 1) * ldb + n);
        var c = Fill(random, (m - 1) * ldc + n);
        var expected = new double[c.Length];
        for (int i = 0; i < c.Length; i++) expected[i] = c[i];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += (double)a[i * lda + p] * b[p * ldb + j];
                expected[i * ldc + j] += sum;
            }
        }
        SmallGemm.MultiplyAdd(a, lda, b, ldb, c, ldc, m, n, k);
        for (int i = 0; i < c.Length; i++)
        {
            Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-5 * (1 + Math.Abs(expected[i])) * Math.Sqrt(k), $"c[{i}] = {c[i]}, expected {expected[i]}");
        }
        // C's values past n in each row kept their values (checked above, expected holds them); A is not written.
        var untouched = Fill(new Random(m * 1000 + n * 10 + k), (m - 1) * lda + k);
        Assert.Equal(a, untouched);
    }

    [Fact]
    public void MultiplyAdd_ShortSpans_ThrowNamingTheMatrix()
    {
        var small = new float[3];
        var big = new float[100];
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => SmallGemm.MultiplyAdd(small, 4, big, 4, big, 4, 2, 4, 4)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => SmallGemm.MultiplyAdd(big, 4, small, 4, big, 4, 2, 4, 4)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentException>(() => SmallGemm.MultiplyAdd(big, 4, big, 4, small, 4, 2, 4, 4)).ParamName);
    }

    private static float[] Fill(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
