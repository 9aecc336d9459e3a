using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using NetGen.Generator.Diagnostics.Analyzers;
using NetGen.Generator.Tests.Analyzers;

namespace NetGen.Generator.Tests.CodeFixes;

/// <summary>Runs a code fix of NetGen.CodeFixes against <see cref="NetworkAnalyzer"/> with local references only.</summary>
internal static class CodeFixTestSetup
{
    /// <summary>
    /// Verifies that <typeparamref name="TCodeFix"/> turns <paramref name="source"/> into <paramref name="fixedSource"/>.
    /// The generator is not part of these tests, so the fixed code is checked with the analyzer alone: it must be
    /// clean of NG diagnostics (the analyzer test framework fails on any diagnostic not expected); a diagnostic
    /// the fix leaves on purpose is marked up in <paramref name="fixedSource"/> (the fixed state's expected diagnostics).
    /// </summary>
    public static Task VerifyFix<TCodeFix>(string source, string fixedSource, string? equivalenceKey = null, int? index = null, int? iterations = null)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<NetworkAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
            CodeActionIndex = index,
        }.WithLocalReferences();
        if (iterations is int n)
        {
            // A fix that uncovers the next diagnostic of the same kind (NG0017 moves outwards one containing type at a time).
            test.NumberOfIncrementalIterations = n;
            test.NumberOfFixAllIterations = n;
        }
        // FixedState inherits TestState's references (AdditionalReferences are inherited unless FixedState sets its own).
        return test.RunAsync();
    }
}
