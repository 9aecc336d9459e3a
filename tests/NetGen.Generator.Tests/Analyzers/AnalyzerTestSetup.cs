using Microsoft.CodeAnalysis.Testing;
using NetGen.Generator.Tests.Driving;

namespace NetGen.Generator.Tests.Analyzers;

/// <summary>
/// References for Microsoft.CodeAnalysis.Testing's analyzer and code-fix tests, with nothing downloaded while tests run.
/// </summary>
/// <remarks>
/// <c>ReferenceAssemblies.Net.*</c> and the framework's default both name a reference-assembly package that the
/// framework fetches through NuGet at test time. A <see cref="ReferenceAssemblies"/> built from a target framework
/// alone has no package, no package list and no assembly names, so its resolution installs nothing and yields no
/// reference (it only reads the NuGet settings). The references come instead from the running runtime's shared
/// framework (its TRUSTED_PLATFORM_ASSEMBLIES) and NetGen.dll, as <see cref="TestReferences"/> gives them to the
/// generator tests.
/// </remarks>
internal static class AnalyzerTestSetup
{
    /// <summary>No package: nothing to download.</summary>
    public static readonly ReferenceAssemblies NoPackages = new("net10.0");

    /// <summary>Gives <paramref name="test"/> the local references (call it on every test before running).</summary>
    public static T WithLocalReferences<T>(this T test)
        where T : AnalyzerTest<DefaultVerifier>
    {
        test.ReferenceAssemblies = NoPackages;
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        return test;
    }
}
