#if NET8_0_OR_GREATER
using System;

namespace NetGen.Runtime.Matrix;

/// <summary>
/// How NetGen's matrix batch loops split a batch: blocks of <c>BlockRows</c> samples in order, dealt round-robin to at most
/// <see cref="Slots"/> slots (block b goes to slot b mod <see cref="Slots"/>). Each slot sums its blocks in block order and
/// the slots are summed in slot order. The split depends on the batch size only, never on how many threads run the slots,
/// so every result is the same bit for bit on any thread count.
/// </summary>
internal static class MatrixPartition
{
    /// <summary>The most slots a batch is split into: the most threads one batch can use.</summary>
    public const int Slots = 4;

    /// <summary>
    /// Multiply-adds of a batch (samples × multiply-adds per sample) below which a batch stays on the calling thread: waking a
    /// worker costs a few microseconds, about the time of 200,000 multiply-adds on one core.
    /// </summary>
    public const long ParallelMinimum = 1_000_000;

    /// <summary>Blocks of a batch of <paramref name="n"/> samples.</summary>
    public static int Blocks(int n, int blockRows) => (n + blockRows - 1) / blockRows;

    /// <summary>Slots used by a batch of <paramref name="blocks"/> blocks.</summary>
    public static int SlotsFor(int blocks) => Math.Min(Slots, blocks);

    /// <summary>Whether a batch is worth more than one thread (the result is the same either way).</summary>
    public static bool Parallel(int n, long multiplyAdds, int slots) =>
        slots > 1 && Threading.BatchParallelism.MaxThreads > 1 && n * multiplyAdds >= ParallelMinimum;
}
#endif
