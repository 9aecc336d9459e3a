using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace NetGen.Benchmarks.HandWritten;

/// <summary>
/// Hands out 64-byte-aligned, zeroed float buffers that never move: each lives in a pinned array (the pinned object
/// heap) a little longer than asked for, and the pointer is rounded up to the next cache line. The arena keeps the
/// arrays alive as long as it lives, so the owner of the pointers holds the arena.
/// </summary>
public sealed unsafe class AlignedArena
{
    private readonly List<float[]> _arrays = new();

    /// <summary>A zeroed buffer of <paramref name="length"/> floats at a 64-byte boundary.</summary>
    public float* Allocate(int length)
    {
        float[] array = GC.AllocateArray<float>(length + 16, pinned: true);
        _arrays.Add(array);
        nuint address = (nuint)Unsafe.AsPointer(ref array[0]);
        return (float*)((address + 63) & ~(nuint)63);
    }
}
