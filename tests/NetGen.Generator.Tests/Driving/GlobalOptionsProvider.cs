using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NetGen.Generator.Tests.Driving;

/// <summary>
/// Global analyzer-config options (what MSBuild writes for each CompilerVisibleProperty, as
/// <c>build_property.Name = value</c>), none per file: the options a generator sees in a build that sets those properties.
/// </summary>
internal sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
{
    private static readonly AnalyzerConfigOptions Empty = new Options(new Dictionary<string, string>());

    public GlobalOptionsProvider(IReadOnlyDictionary<string, string> values) => GlobalOptions = new Options(values);

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly IReadOnlyDictionary<string, string> _values;

        public Options(IReadOnlyDictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    }
}
