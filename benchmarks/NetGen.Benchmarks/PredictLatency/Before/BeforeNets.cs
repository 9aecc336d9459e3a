using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.Benchmarks.Suite;

namespace NetGen.Benchmarks.PredictLatency.Before;

// What the copied members of Before/*.g.cs (make-before.sh) need from the rest of their old class: the sizes, and a
// constructor that fills the packed copy from a network's parameters (the old NetGenPack, as every parameter write did).

/// <summary>Net B's batch-1 Predict before issue 15.</summary>
public sealed partial class BeforeNetB
{
    private const int InputSize = 8, OutputSize = 4;

    /// <summary>Packs <paramref name="network"/>'s parameters as the old class did.</summary>
    public BeforeNetB(NetB network) => NetGenPack(network.Parameters.ToArray(), _netgenPacked);

    /// <summary>Where the old packed array's data starts, modulo 64 bytes (wherever the GC put it).</summary>
    public int PackedAlignment => BeforeNets.Alignment(_netgenPacked);
}

/// <summary>Net C's batch-1 Predict before issue 15.</summary>
public sealed partial class BeforeNetC
{
    private const int InputSize = 32, OutputSize = 8;

    /// <summary>Packs <paramref name="network"/>'s parameters as the old class did.</summary>
    public BeforeNetC(NetC network) => NetGenPack(network.Parameters.ToArray(), _netgenPacked);

    /// <summary>Where the old packed array's data starts, modulo 64 bytes (wherever the GC put it).</summary>
    public int PackedAlignment => BeforeNets.Alignment(_netgenPacked);
}

/// <summary>Net D's batch-1 Predict before issue 15.</summary>
public sealed partial class BeforeNetD
{
    private const int InputSize = 784, OutputSize = 10;

    /// <summary>Packs <paramref name="network"/>'s parameters as the old class did.</summary>
    public BeforeNetD(NetD network) => NetGenPack(network.Parameters.ToArray(), _netgenPacked);

    /// <summary>Where the old packed array's data starts, modulo 64 bytes (wherever the GC put it).</summary>
    public int PackedAlignment => BeforeNets.Alignment(_netgenPacked);
}

/// <summary>The alignment the old packed arrays happened to get.</summary>
public static class BeforeNets
{
    /// <summary>The address of <paramref name="array"/>'s first element modulo 64 bytes (0: every vector load within one cache line).</summary>
    public static int Alignment(float[] array) =>
        (int)((nuint)Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref MemoryMarshal.GetArrayDataReference(array)) % 64);
}
