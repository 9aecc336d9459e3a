using System;

namespace NetGen.Benchmarks.Baseline;

// The old generated classes predate INetwork's layer description (issue 14): the benchmarks never read it, so each
// old class reports no layers. Everything else of INetwork the old code implements itself.

/// <summary>Old net B: the layer description it predates.</summary>
public partial class OldNetB
{
    ReadOnlySpan<LayerDescription> IInferenceNetwork.Layers => default;
}

/// <summary>Old net C: the layer description it predates.</summary>
public partial class OldNetC
{
    ReadOnlySpan<LayerDescription> IInferenceNetwork.Layers => default;
}

/// <summary>Old net D: the layer description it predates.</summary>
public partial class OldNetD
{
    ReadOnlySpan<LayerDescription> IInferenceNetwork.Layers => default;
}
