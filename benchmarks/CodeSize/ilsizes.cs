// IL bytes of a built network DLL per section, grouped like breakdown.sh groups the generated C#
// (docs/design/code-size.md). A .NET 10 file-based app, no project needed:
//   dotnet run benchmarks/CodeSize/ilsizes.cs -- benchmarks/CodeSize/Networks/Classifier/bin/Release/net10.0/Classifier.dll
// Counts each method body's IL bytes (System.Reflection.Metadata); the rest of the DLL (metadata, headers,
// signatures, strings) is printed as one line.
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

if (args.Length != 1) { Console.Error.WriteLine("usage: dotnet run ilsizes.cs -- NETWORK.dll"); return 2; }
using var stream = File.OpenRead(args[0]);
using var pe = new PEReader(stream);
var md = pe.GetMetadataReader();
var sections = new SortedDictionary<string, (long Bytes, int Methods)>(StringComparer.Ordinal);
long ilTotal = 0;
foreach (var handle in md.MethodDefinitions)
{
    var method = md.GetMethodDefinition(handle);
    if (method.RelativeVirtualAddress == 0) continue;
    var body = pe.GetMethodBody(method.RelativeVirtualAddress);
    // Whole method body: header, IL, exception regions (the bytes it takes in the file, without alignment).
    long bytes = body.Size;
    string name = md.GetString(method.Name);
    string group = Group(name);
    sections.TryGetValue(group, out var s);
    sections[group] = (s.Bytes + bytes, s.Methods + 1);
    ilTotal += bytes;
}
long file = new FileInfo(args[0]).Length;
Console.WriteLine($"{args[0]}: {file} bytes, method bodies {ilTotal} bytes");
Console.WriteLine();
Console.WriteLine("| Section | Method-body bytes | Share of DLL | Methods |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var (group, (bytes, methods)) in sections)
    Console.WriteLine($"| {group} | {bytes} | {100.0 * bytes / file:F1} % | {methods} |");
Console.WriteLine($"| everything else (metadata, strings, headers) | {file - ilTotal} | {100.0 * (file - ilTotal) / file:F1} % | |");
return 0;

static string Group(string name)
{
    if (Regex.IsMatch(name, "Gpu|Ilgpu|ILGPU")) return "GPU";
    if (name.StartsWith("NetGenForwardKernel")) return "scalar kernels: forward";
    if (name.StartsWith("NetGenLossKernel")) return "scalar kernels: loss";
    if (name.StartsWith("NetGenGradientKernel")) return "scalar kernels: gradient";
    var m = Regex.Match(name, "^NetGen(Forward|Loss|Gradient)Lanes([0-9]+)");
    if (m.Success) return $"lane kernels {m.Groups[2].Value}: {m.Groups[1].Value.ToLowerInvariant()}";
    m = Regex.Match(name, "^NetGen(PredictBatch|Evaluate|BatchGradient)Lanes([0-9]+)$");
    if (m.Success) return $"lane drivers {m.Groups[2].Value}";
    m = Regex.Match(name, "^NetGenPredictNeurons([0-9]+)$");
    if (m.Success) return $"neuron kernels {m.Groups[1].Value}";
    if (name == "NetGenPack") return "neuron kernels: packing";
    return "class members";
}
