using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NetGen.Runtime;

namespace NetGen.Tests.Simd;

/// <summary>
/// The runtime pieces batch-1 Predict's neuron kernels call (issue 15): the packed copy's 64-byte-aligned start
/// (<see cref="AlignedWeights"/>) and the maximum across the lanes of a vector (<see cref="VectorMath.MaxAcross(Vector256{float})"/>)
/// that the vector softmax shifts by.
/// </summary>
public sealed class PredictKernelSupportTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(688)]
    [InlineData(102_560)]
    public void AlignedWeights_StartOnA64ByteBoundary_WithRoomForTheLength_AndStayThere(int length)
    {
        for (int n = 0; n < 20; n++)
        {
            float[] array = AlignedWeights.Allocate(length);
            Assert.Equal(length + AlignedWeights.Slack, array.Length);
            ref float start = ref AlignedWeights.Start(array);
            Assert.Equal(0, Address(ref start) % 64);
            long before = Unsafe.ByteOffset(ref MemoryMarshal.GetArrayDataReference(array), ref start) / sizeof(float);
            Assert.InRange(before, 0, AlignedWeights.Slack);
            Assert.True(before + length <= array.Length, $"start {before} + length {length} past the array's {array.Length}");
            Assert.All(array, value => Assert.Equal(0f, value));

            // Pinned: a full compacting collection does not move it, so the start found once stays right.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            Assert.True(Unsafe.AreSame(ref start, ref AlignedWeights.Start(array)));
        }
    }

    [Fact]
    public void MaxAcross_IsTheLargestLane_InEveryLane_AtEveryWidth()
    {
        var random = new Random(15);
        for (int trial = 0; trial < 200; trial++)
        {
            var values = new float[16];
            for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 200 - 100);
            if (trial % 3 == 0) values[random.Next(16)] = float.NegativeInfinity;
            AssertAllLanes(Max(values, 4), VectorMath.MaxAcross(Vector128.Create(values.AsSpan(0, 4))));
            AssertAllLanes(Max(values, 8), VectorMath.MaxAcross(Vector256.Create(values.AsSpan(0, 8))));
            AssertAllLanes(Max(values, 16), VectorMath.MaxAcross(Vector512.Create(values.AsSpan(0, 16))));
        }
    }

    [Fact]
    public void MaxAcross_PropagatesNaN_AtEveryWidth()
    {
        for (int lane = 0; lane < 16; lane++)
        {
            var values = new float[16];
            values[lane] = float.NaN;
            if (lane < 4) Assert.True(float.IsNaN(VectorMath.MaxAcross(Vector128.Create(values.AsSpan(0, 4))).ToScalar()), $"128 bits, NaN in lane {lane}");
            if (lane < 8) Assert.True(float.IsNaN(VectorMath.MaxAcross(Vector256.Create(values.AsSpan(0, 8))).ToScalar()), $"256 bits, NaN in lane {lane}");
            Assert.True(float.IsNaN(VectorMath.MaxAcross(Vector512.Create(values)).ToScalar()), $"512 bits, NaN in lane {lane}");
        }
    }

    private static long Address(ref float value) => (long)Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref value);

    private static float Max(float[] values, int count)
    {
        float max = values[0];
        for (int i = 1; i < count; i++) max = Math.Max(max, values[i]);
        return max;
    }

    private static void AssertAllLanes<T>(float expected, T vector) where T : struct
    {
        var lanes = MemoryMarshal.Cast<T, float>(MemoryMarshal.CreateReadOnlySpan(ref vector, 1));
        foreach (float lane in lanes) Assert.Equal(expected, lane);
    }
}
