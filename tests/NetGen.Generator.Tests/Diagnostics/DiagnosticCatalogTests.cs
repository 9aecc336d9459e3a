using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using NetGen.CodeFixes;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Diagnostics.Analyzers;
using Xunit;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>
/// Keeps the diagnostics' descriptors, their docs pages (docs/diagnostics/), the release tracking
/// (AnalyzerReleases.*.md), the analyzer and the code fixes in step with one another.
/// </summary>
public sealed class DiagnosticCatalogTests
{
    private static readonly Regex IdPattern = new(@"^NG\d{4}$", RegexOptions.CultureInvariant);

    /// <summary>Every <see cref="DiagnosticDescriptor"/> field of <see cref="DiagnosticDescriptors"/>, by field name.</summary>
    private static readonly IReadOnlyList<(string Field, DiagnosticDescriptor Descriptor)> Descriptors =
        typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (f.Name, (DiagnosticDescriptor)f.GetValue(null)!))
            .OrderBy(d => d.Item2.Id, StringComparer.Ordinal)
            .ToList();

    private static readonly Lazy<string> RepositoryRoot = new(FindRepositoryRoot);

    private static string DocsFolder => Path.Combine(RepositoryRoot.Value, "docs", "diagnostics");

    private static string GeneratorFolder => Path.Combine(RepositoryRoot.Value, "src", "NetGen.Generator");

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var (_, descriptor) in Descriptors) data.Add(descriptor.Id);
        return data;
    }

    private static DiagnosticDescriptor Descriptor(string id) => Descriptors.Single(d => d.Descriptor.Id == id).Descriptor;

    /// <summary>The folder holding NetGen.sln, walking up from the test assembly.</summary>
    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln")) && Directory.Exists(Path.Combine(dir.FullName, "docs", "diagnostics")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No NetGen.sln with docs/diagnostics above {AppContext.BaseDirectory}.");
    }

    // ---- descriptors ----

    [Fact]
    public void Descriptors_CoverNG0001ToNG0024_NG0030ToNG0033_NG0040_NG0050ToNG0056_NG0060ToNG0068_AndNG0099()
    {
        var ids = Descriptors.Select(d => d.Descriptor.Id).ToList();
        // NG0021–NG0023: weights files; NG0024: ILGPU without NetGen.Ilgpu; NG0030–NG0033: [Dropout]; NG0040: Trainable = false;
        // NG0050–NG0056: sequence layers and settings; NG0060–NG0067: layered networks (convolution, pooling, normalisation); NG0068: no GPU trainer for AdamW, weight decay or clipping
        var expected = Enumerable.Range(1, 24).Concat(Enumerable.Range(30, 4))
            .Append(40).Concat(Enumerable.Range(50, 7)).Concat(Enumerable.Range(60, 9))
            .Select(i => $"NG{i:D4}").Append("NG0099").ToList();
        Assert.Equal(expected, ids);
    }

    [Fact]
    public void Ids_AreUniqueAndWellFormed()
    {
        var duplicates = Descriptors.GroupBy(d => d.Descriptor.Id).Where(g => g.Count() > 1).Select(g => g.Key + ": " + string.Join(", ", g.Select(d => d.Field))).ToList();
        Assert.True(duplicates.Count == 0, "Duplicate IDs: " + string.Join("; ", duplicates));
        Assert.All(Descriptors, d => Assert.Matches(IdPattern, d.Descriptor.Id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_HasTitleMessageCategoryAndHelpLink(string id)
    {
        var descriptor = Descriptor(id);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()));
        Assert.Equal("NetGen", descriptor.Category);
        Assert.True(descriptor.IsEnabledByDefault);
        // The repository's URL (NetGenRepositoryUrl) then the page's path in the repository, which exists.
        Assert.Equal($"{RepositoryInfo.Url}/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        Assert.True(File.Exists(Path.Combine(DocsFolder, id + ".md")), $"{id}: its help link names docs/diagnostics/{id}.md, which does not exist");
        Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps,
            $"{id}: help link '{descriptor.HelpLinkUri}' is not an absolute https URI");
    }

    [Fact]
    public void HelpLinkRoot_IsTheRepositoryUrlOfDirectoryBuildProps()
    {
        // One place sets the repository URL; the generator's constant is written from it at build time.
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryRoot.Value, "Directory.Build.props"));
        var urls = props.Descendants("NetGenRepositoryUrl").Select(e => e.Value.Trim()).ToList();
        string url = Assert.Single(urls);
        Assert.Equal(RepositoryInfo.Url, url.TrimEnd('/'));
        Assert.StartsWith("https://", url, StringComparison.Ordinal);

        // The package's metadata comes from the same property.
        string project = File.ReadAllText(Path.Combine(RepositoryRoot.Value, "src", "NetGen", "NetGen.csproj"));
        Assert.Contains("<PackageProjectUrl>$(NetGenRepositoryUrl)</PackageProjectUrl>", project, StringComparison.Ordinal);
        Assert.Contains("<RepositoryUrl>$(NetGenRepositoryUrl)</RepositoryUrl>", project, StringComparison.Ordinal);
    }

    // ---- docs/diagnostics ----

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_HasADocsPage_WithItsTitleAndSeverity(string id)
    {
        var descriptor = Descriptor(id);
        string path = Path.Combine(DocsFolder, id + ".md");
        Assert.True(File.Exists(path), $"{id} has no page {path}");
        var lines = File.ReadAllLines(path);
        Assert.Equal($"# {id}: {descriptor.Title}", lines[0].TrimEnd());
        string severityLine = lines.FirstOrDefault(l => l.Contains("**Severity:**", StringComparison.Ordinal)) ?? "";
        Assert.Contains($"**Severity:** {descriptor.DefaultSeverity}", severityLine, StringComparison.Ordinal);
        Assert.Contains($"**Category:** {descriptor.Category}", severityLine, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryDocsPage_HasADescriptor()
    {
        var ids = Descriptors.Select(d => d.Descriptor.Id).ToHashSet();
        var pages = Directory.GetFiles(DocsFolder, "*.md").Select(Path.GetFileNameWithoutExtension).Where(n => n != "README").ToList();
        Assert.NotEmpty(pages);
        var orphans = pages.Where(p => !ids.Contains(p!)).ToList();
        Assert.True(orphans.Count == 0, "Docs pages without a descriptor: " + string.Join(", ", orphans));
    }

    [Fact]
    public void DocsReadme_HasOneRowPerDescriptor_WithItsSeverityAndTitle()
    {
        var rows = new Dictionary<string, string[]>();
        foreach (string line in File.ReadAllLines(Path.Combine(DocsFolder, "README.md")))
        {
            var match = Regex.Match(line, @"^\|\s*\[(NG\d{4})\]\((NG\d{4})\.md\)\s*\|");
            if (!match.Success) continue;
            string id = match.Groups[1].Value;
            Assert.Equal(id, match.Groups[2].Value);
            Assert.False(rows.ContainsKey(id), $"README.md lists {id} twice");
            rows[id] = line.Split('|').Select(c => c.Trim()).ToArray();
        }

        var ids = Descriptors.Select(d => d.Descriptor.Id).ToList();
        Assert.Equal(ids, rows.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList());
        foreach (var (_, descriptor) in Descriptors)
        {
            var cells = rows[descriptor.Id]; // "", link, severity, title, summary, ""
            Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
            Assert.Equal(descriptor.Title.ToString(), cells[3]);
        }
    }

    // ---- release tracking ----

    private sealed record ReleaseEntry(string Id, string Category, string Severity, string File);

    /// <summary>The rules of AnalyzerReleases.Shipped.md then Unshipped.md, as the release-tracking analyzer reads them.</summary>
    private static (Dictionary<string, ReleaseEntry> Current, List<ReleaseEntry> Added) ReadReleaseTracking()
    {
        var current = new Dictionary<string, ReleaseEntry>();
        var added = new List<ReleaseEntry>();
        foreach (string file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            string path = Path.Combine(GeneratorFolder, file);
            Assert.True(File.Exists(path), $"{path} is missing");
            string section = "";
            foreach (string raw in File.ReadAllLines(path))
            {
                string line = raw.Trim();
                if (line.StartsWith("### ", StringComparison.Ordinal)) { section = line.Substring(4).Trim(); continue; }
                var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (cells.Length < 3 || !IdPattern.IsMatch(cells[0])) continue;
                switch (section)
                {
                    case "New Rules":
                        var entry = new ReleaseEntry(cells[0], cells[1], cells[2], file);
                        added.Add(entry);
                        current[entry.Id] = entry;
                        break;
                    case "Changed Rules": // Rule ID | New Category | New Severity | Old Category | Old Severity | Notes
                        current[cells[0]] = new ReleaseEntry(cells[0], cells[1], cells[2], file);
                        break;
                    case "Removed Rules":
                        current.Remove(cells[0]);
                        break;
                    default:
                        Assert.Fail($"{file}: rule row '{line}' outside a New/Changed/Removed Rules section");
                        break;
                }
            }
        }
        return (current, added);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_IsInReleaseTracking_WithItsCategoryAndSeverity(string id)
    {
        var descriptor = Descriptor(id);
        var (current, _) = ReadReleaseTracking();
        Assert.True(current.TryGetValue(id, out var entry), $"{id} is in neither AnalyzerReleases.Shipped.md nor Unshipped.md");
        Assert.Equal(descriptor.Category, entry!.Category);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), entry.Severity);
    }

    [Fact]
    public void EveryReleaseTrackingEntry_HasADescriptor_AndIsAddedOnce()
    {
        var ids = Descriptors.Select(d => d.Descriptor.Id).ToHashSet();
        var (current, added) = ReadReleaseTracking();
        Assert.NotEmpty(added);
        var orphans = current.Keys.Where(id => !ids.Contains(id)).ToList();
        Assert.True(orphans.Count == 0, "Release-tracking entries without a descriptor: " + string.Join(", ", orphans));
        var twice = added.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => g.Key + " (" + string.Join(", ", g.Select(e => e.File)) + ")").ToList();
        Assert.True(twice.Count == 0, "Rules added more than once: " + string.Join(", ", twice));
    }

    // ---- analyzer and code fixes ----

    /// <summary>
    /// Diagnostics only the generator reports: the internal error, the baked-weights checks, which need the weight
    /// files that only the generator pipeline decodes (an analyzer would decode them again on every analysis), and
    /// NG0024, NG0055, NG0064 and NG0068, which need the compilation's references (ILGPU, NetGen.Ilgpu).
    /// </summary>
    private static readonly string[] GeneratorOnly = { "NG0021", "NG0022", "NG0023", "NG0024", "NG0055", "NG0064", "NG0068", "NG0099" };

    [Fact]
    public void Analyzer_SupportsEveryDescriptorButTheGeneratorOnlyOnes()
    {
        var supported = new NetworkAnalyzer().SupportedDiagnostics;
        var expected = Descriptors.Select(d => d.Descriptor).Where(d => !GeneratorOnly.Contains(d.Id)).Select(d => d.Id).ToList();
        Assert.Equal(expected, supported.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal).ToList());
        // The same descriptor objects, so title, severity and help link cannot drift.
        Assert.All(supported, d => Assert.Same(Descriptor(d.Id), d));
    }

    private static IReadOnlyList<CodeFixProvider> CodeFixProviders()
        => typeof(MakePartialCodeFixProvider).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();

    [Fact]
    public void CodeFixes_FixOnlyDiagnosticsTheAnalyzerReports()
    {
        var providers = CodeFixProviders();
        Assert.Equal(3, providers.Count);
        var supported = new NetworkAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet();
        foreach (var provider in providers)
        {
            Assert.NotEmpty(provider.FixableDiagnosticIds);
            foreach (string id in provider.FixableDiagnosticIds)
            {
                Assert.True(Descriptors.Any(d => d.Descriptor.Id == id), $"{provider.GetType().Name} fixes {id}, which has no descriptor");
                Assert.True(supported.Contains(id), $"{provider.GetType().Name} fixes {id}, which the analyzer does not report");
            }
        }
        var fixable = providers.SelectMany(p => p.FixableDiagnosticIds).OrderBy(id => id, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "NG0001", "NG0004", "NG0009", "NG0017" }, fixable);
    }

    [Fact]
    public void CodeFixIdConstants_MatchTheDescriptorsOfTheSameName()
    {
        var constants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .ToList();
        Assert.NotEmpty(constants);
        foreach (var constant in constants)
        {
            var match = Descriptors.Where(d => d.Field == constant.Name).ToList();
            Assert.True(match.Count == 1, $"DiagnosticIds.{constant.Name} has no descriptor of that name");
            Assert.Equal(match[0].Descriptor.Id, (string)constant.GetRawConstantValue()!);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void DocsPage_SaysCodeFix_ExactlyForTheFixableDiagnostics(string id)
    {
        bool fixable = CodeFixProviders().Any(p => p.FixableDiagnosticIds.Contains(id));
        string text = File.ReadAllText(Path.Combine(DocsFolder, id + ".md"));
        Assert.Equal(fixable, text.Contains("**Code fix:** yes", StringComparison.Ordinal));
    }
}
