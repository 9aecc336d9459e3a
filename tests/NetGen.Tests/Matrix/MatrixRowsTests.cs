using System;
using NetGen.Runtime.Matrix;

namespace NetGen.Tests.Matrix;

/// <summary>
/// The runtime's row helpers of the matrix path against one-value-at-a-time references: the panel packer (8 × 8 blocks
/// transposed in registers where the processor has AVX) on shapes with and without whole blocks and with a narrower last
/// panel, and the element-wise sum and quotient.
/// </summary>
public sealed class MatrixRowsTests
{
    [Theory]
    [InlineData(64, 32, 64)]     // whole 8 × 8 blocks, two full panels
    [InlineData(10, 784, 16)]    // D's output layer: 10 neurons (one block and 2 rows one by one), one 16-wide panel
    [InlineData(40, 13, 48)]     // 13 inputs (one block and 5 columns one by one), a 32-wide and a 16-wide panel
    [InlineData(3, 5, 16)]       // no whole block at all
    [InlineData(256, 256, 256)]  // PolicyRelu's hidden layers
    public void PackPanels_WritesEveryWeightWhereThePanelsHoldIt(int rows, int columns, int stride)
    {
        const int panel = 32;
        var random = new Random(rows * 1000 + columns);
        var weights = new float[rows * columns];
        for (int k = 0; k < weights.Length; k++) weights[k] = (float)random.NextDouble() - 0.5f;
        var target = new float[stride * columns];
        Array.Fill(target, float.NaN);
        MatrixRows.PackPanels(weights, rows, columns, target, stride, panel);
        for (int j = 0; j < rows; j++)
        {
            int first = j / panel * panel, row = Math.Min(panel, stride - first);
            for (int i = 0; i < columns; i++)
            {
                float packed = target[first * columns + i * row + (j - first)];
                Assert.True(packed.Equals(weights[j * columns + i]), $"W[{j}, {i}] = {weights[j * columns + i]} packed as {packed}");
            }
        }
        // The padding neurons (rows … stride − 1) are never written.
        for (int j = rows; j < stride; j++)
        {
            int first = j / panel * panel, row = Math.Min(panel, stride - first);
            for (int i = 0; i < columns; i++) Assert.True(float.IsNaN(target[first * columns + i * row + (j - first)]), $"padding neuron {j} written");
        }
    }

    [Fact]
    public void PackPanels_RejectsShortSpansAndBadPanels()
    {
        var weights = new float[16];
        Assert.Throws<ArgumentException>(() => MatrixRows.PackPanels(weights, 4, 5, new float[16 * 5], 16, 32));
        Assert.Throws<ArgumentException>(() => MatrixRows.PackPanels(weights, 4, 4, new float[10], 16, 32));
        Assert.Throws<ArgumentOutOfRangeException>(() => MatrixRows.PackPanels(weights, 4, 4, new float[64], 16, 12));
    }

    [Fact]
    public void AddAndDivide_AreTheScalarLoops()
    {
        var random = new Random(7);
        var a = new float[37];
        var b = new float[37];
        for (int k = 0; k < a.Length; k++) { a[k] = (float)random.NextDouble(); b[k] = (float)random.NextDouble(); }
        var sum = (float[])a.Clone();
        MatrixRows.Add(sum, b);
        var quotient = new float[37];
        MatrixRows.Divide(b, quotient, 3f);
        for (int k = 0; k < a.Length; k++)
        {
            Assert.Equal(a[k] + b[k], sum[k]);
            Assert.Equal(b[k] / 3f, quotient[k]);
        }
    }
}
