using System;
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
}

/// <summary>Net C's batch-1 Predict before issue 15.</summary>
public sealed partial class BeforeNetC
{
    private const int InputSize = 32, OutputSize = 8;

    /// <summary>Packs <paramref name="network"/>'s parameters as the old class did.</summary>
    public BeforeNetC(NetC network) => NetGenPack(network.Parameters.ToArray(), _netgenPacked);
}

/// <summary>Net D's batch-1 Predict before issue 15.</summary>
public sealed partial class BeforeNetD
{
    private const int InputSize = 784, OutputSize = 10;

    /// <summary>Packs <paramref name="network"/>'s parameters as the old class did.</summary>
    public BeforeNetD(NetD network) => NetGenPack(network.Parameters.ToArray(), _netgenPacked);
}
