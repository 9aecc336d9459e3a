using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>
/// What a real <c>dotnet build</c> prints for a NetGen mistake: one error line, also next to an unrelated compile
/// error and in a build that skips analyzers. A parse error elsewhere hides it: csc then runs neither generators nor
/// analyzers (the trade documented in docs/diagnostics/README.md). One small project in a temporary folder, restored
/// once and built four times (a few seconds each), referencing the NetGen.dll and NetGen.Generator.dll next to the
/// tests and NetGen.targets from the repository.
/// </summary>
public sealed class DotnetBuildOutputTests : IDisposable
{
    private const string Mistake = "using NetGen;\n\n[Network(Loss.MeanSquaredError)]\n[Dense(1, Activation.Sigmoid)]\npublic partial class NoInput { }\n";

    private static readonly Regex ErrorLine = new(@"^\s*(?<file>[^\s(]+)\(\d+,\d+\): error (?<id>[A-Z]+\d+):", RegexOptions.CultureInvariant | RegexOptions.Multiline);

    private static readonly Regex ErrorCount = new(@"^\s*(?<count>\d+) Error\(s\)", RegexOptions.CultureInvariant | RegexOptions.Multiline);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "netgen-build-" + Guid.NewGuid().ToString("N"));

    public DotnetBuildOutputTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void OneMistake_IsOneErrorLine_AloneNextToACompileErrorAndWithoutAnalyzers_ButNotAfterAParseError()
    {
        string root = RepositoryRoot();
        string targets = Path.Combine(root, "src", "NetGen", "build", "NetGen.targets");
        File.WriteAllText(Path.Combine(_folder, "Tiny.csproj"), $@"<Project Sdk=""Microsoft.NET.Sdk"">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>disable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <Reference Include=""{typeof(NetGen.NetworkAttribute).Assembly.Location}"" />
    <Analyzer Include=""{typeof(NetworkGenerator).Assembly.Location}"" />
  </ItemGroup>
  <Import Project=""{targets}"" />
</Project>
");
        File.WriteAllText(Path.Combine(_folder, "Network.cs"), Mistake);

        var alone = Build("-restore");
        Assert.Equal(new[] { "Network.cs NG0003" }, alone.Errors);
        Assert.Equal(1, alone.Count);

        File.WriteAllText(Path.Combine(_folder, "Unrelated.cs"), "public static class Unrelated { public static int M() { int x = \"s\"; return x; } }\n");
        var withCompileError = Build();
        Assert.Equal(new[] { "Network.cs NG0003", "Unrelated.cs CS0029" }, withCompileError.Errors);
        Assert.Equal(2, withCompileError.Count);

        // RunAnalyzers=false: NetGen.targets tells the generator, which reports the error instead of the analyzer.
        var withoutAnalyzers = Build("-p:RunAnalyzers=false");
        Assert.Equal(new[] { "Network.cs NG0003", "Unrelated.cs CS0029" }, withoutAnalyzers.Errors);
        Assert.Equal(2, withoutAnalyzers.Count);

        // A parse error anywhere: csc stops after parsing, before generators and analyzers, so only it is printed.
        File.WriteAllText(Path.Combine(_folder, "Unrelated.cs"), "public static class Unrelated { public static int M() { int x = ; return x; } }\n");
        var withParseError = Build();
        Assert.Equal(new[] { "Unrelated.cs CS1525" }, withParseError.Errors);
        Assert.Equal(1, withParseError.Count);
    }

    /// <summary>Builds the project; returns each distinct error as "file ID" (sorted) and the summary's error count.</summary>
    private (IReadOnlyList<string> Errors, int Count) Build(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "build", "Tiny.csproj", "-nologo", "--disable-build-servers", "-p:TreatWarningsAsErrors=false" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        // The test host inherits MSBuild's settings from `dotnet test`; the child build must find its own.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("dotnet build took over two minutes:\n" + output);
        }
        output += stderr.Result;

        var errors = ErrorLine.Matches(output)
            .Select(m => Path.GetFileName(m.Groups["file"].Value) + " " + m.Groups["id"].Value)
            .Distinct()
            .OrderBy(e => e, StringComparer.Ordinal)
            .ToList();
        var count = ErrorCount.Match(output);
        Assert.True(count.Success, "No error count in the build's output:\n" + output);
        return (errors, int.Parse(count.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln")) && File.Exists(Path.Combine(dir.FullName, "src", "NetGen", "build", "NetGen.targets")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No NetGen.sln above {AppContext.BaseDirectory}.");
    }
}
