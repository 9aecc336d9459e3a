namespace NetGen.Generator.Model;

/// <summary>
/// One weight file as the generator receives it (the base64 text NetGen.targets writes for a <c>NetGenWeights</c>
/// item): the item's name as written in the project, its decoded bytes, or why they could not be decoded.
/// </summary>
internal sealed record WeightsFile(string Name, EquatableArray<byte> Bytes, string? Error);

/// <summary>What is generated for one network: its spec (with baked weights when it has them) and the weight diagnostics.</summary>
internal sealed record GenerationInput(string HintName, NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
