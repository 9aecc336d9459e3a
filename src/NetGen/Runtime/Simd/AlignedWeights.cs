#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Runtime;

/// <summary>
/// Float arrays read from a 64-byte boundary: the packed weight copy that batch-1 <c>Predict</c>'s neuron kernels
/// stream. A vector load that straddles two cache lines costs two; with the array wherever the GC put it (8-byte
/// aligned), half of the 256-bit loads and every 512-bit load straddle, which measured 35–55 % slower on a network
/// whose weights fit in the L1 cache (benchmarks/README.md, issue 15). The array is allocated pinned (on the pinned
/// object heap, never moved), so the offset of its first 64-byte boundary never changes.
/// This type is infrastructure for generated code; it is not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AlignedWeights
{
    /// <summary>The floats allocated beyond the requested length: room to start at the next 64-byte boundary.</summary>
    public const int Slack = 64 / sizeof(float) - 1;

    /// <summary>A zeroed, pinned array with room for <paramref name="length"/> floats from <see cref="Start"/> on.</summary>
    /// <param name="length">The floats the caller reads and writes from <see cref="Start"/>.</param>
    /// <returns>The array (<paramref name="length"/> + <see cref="Slack"/> floats).</returns>
    public static float[] Allocate(int length) => GC.AllocateArray<float>(length + Slack, pinned: true);

    /// <summary>The first element of <paramref name="array"/> that lies on a 64-byte boundary.</summary>
    /// <param name="array">An array from <see cref="Allocate"/> (pinned: for any other array the answer can go stale).</param>
    /// <returns>A reference to that element; the caller's <c>length</c> floats follow it.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref float Start(float[] array)
    {
        ref float first = ref MemoryMarshal.GetArrayDataReference(array);
        nint address = Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref first);
        return ref Unsafe.Add(ref first, (int)((nuint)(-address) % 64 / sizeof(float)));
    }
}
#endif
