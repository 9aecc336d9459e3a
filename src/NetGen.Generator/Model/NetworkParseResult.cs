namespace NetGen.Generator.Model;

/// <summary>What the first pipeline step extracts from one <c>[Network]</c> class: the spec when valid, and its diagnostics.</summary>
internal sealed record NetworkParseResult(string HintName, NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? WeightsLocation = null);
