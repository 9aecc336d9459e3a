namespace NetGen.CodeFixes;

/// <summary>IDs of the diagnostics these fixes handle (the descriptors live in NetGen.Generator; a test keeps them in step).</summary>
internal static class DiagnosticIds
{
    public const string ClassNotPartial = "NG0001";
    public const string DuplicateInput = "NG0004";
    public const string LossActivationMismatch = "NG0009";
    public const string ContainingTypeNotPartial = "NG0017";
}
