using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Runtime;

namespace NetGen.Generator.Emit;

/// <summary>
/// Matches a network's <c>Weights = "…"</c> to a weight file and reads its parameters with the runtime's own
/// safetensors code (linked into the generator): the same names, shapes and dtype rules as <c>LoadSafetensors</c>.
/// Any problem becomes a diagnostic at the <c>Weights</c> argument, never an exception.
/// </summary>
internal static class BakedWeightsResolver
{
    public static GenerationInput Resolve(string hintName, NetworkSpec? spec, LocationInfo? location, EquatableArray<WeightsFile> files)
    {
        if (spec?.Weights is not string weights) return new GenerationInput(hintName, spec, EquatableArray<DiagnosticInfo>.Empty);

        WeightsFile? file = null;
        foreach (var candidate in files)
        {
            if (WeightsFileReader.Matches(candidate.Name, weights)) { file = candidate; break; }
        }
        DiagnosticInfo? error;
        if (file is null)
        {
            error = DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotFound, location, weights, spec.ClassName);
        }
        else
        {
            float[]? parameters;
            string? invalid, mismatch;
            try
            {
                (parameters, invalid, mismatch) = Read(file, spec);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Never into the compiler: anything unforeseen in a weight file is reported as an invalid file.
                (parameters, invalid, mismatch) = (null, e.GetType().Name + ": " + Sentence(e.Message), null);
            }
            if (parameters is not null) return new GenerationInput(hintName, spec with { BakedWeights = new EquatableArray<float>(parameters) }, EquatableArray<DiagnosticInfo>.Empty);
            error = invalid is not null
                ? DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileInvalid, location, weights, spec.ClassName, invalid)
                : DiagnosticInfo.Create(DiagnosticDescriptors.WeightsDoNotMatch, location, weights, spec.ClassName, mismatch!);
        }
        // The network is still generated (without baked weights) so that the error is the only one the user sees.
        return new GenerationInput(hintName, spec, new EquatableArray<DiagnosticInfo>(new[] { error }));
    }

    /// <summary>
    /// The parameters, or why the file is not safetensors (<c>Invalid</c>: a bad header, overlapping or non-contiguous
    /// tensors, a file shorter or longer than its data, a non-finite value), or why it does not fit (<c>Mismatch</c>:
    /// a tensor missing, extra, mis-shaped, of another dtype or of the wrong byte size).
    /// </summary>
    private static (float[]? Parameters, string? Invalid, string? Mismatch) Read(WeightsFile file, NetworkSpec spec)
    {
        if (file.Error is not null) return (null, file.Error, null);
        byte[] bytes = file.Bytes.AsSpan().ToArray();

        // The parameters, then a BatchNorm network's running statistics (as SaveSafetensors writes them): both are baked.
        int parameterCount = (int)spec.ParameterCountLong;
        var tensors = SequentialTensors.Of(spec);
        tensors.AddRange(SequentialTensors.Statistics(spec, parameterCount));
        var names = new string[tensors.Count];
        var offsets = new int[tensors.Count];
        var shapes = new int[tensors.Count][];
        var integers = new bool[tensors.Count];
        for (int t = 0; t < tensors.Count; t++)
        {
            names[t] = tensors[t].Name;
            offsets[t] = tensors[t].Offset;
            shapes[t] = tensors[t].Shape.AsSpan().ToArray();
            integers[t] = tensors[t].Integer;
        }

        Dictionary<string, SafetensorsEntry> entries;
        string? extra;
        int dataOffset;
        try
        {
            if (bytes.Length < 8) return (null, $"it has {bytes.Length} bytes, fewer than the 8-byte header length", null);
            int headerLength = SafetensorsFormat.HeaderLength(bytes, 0, names.Length);
            if (8L + headerLength > bytes.Length) return (null, $"its header length is {headerLength} bytes but the file has only {bytes.Length - 8} after it", null);
            entries = SafetensorsFormat.ParseHeader(bytes, 8, headerLength, names, out extra);
            dataOffset = 8 + headerLength;
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or FormatException or OverflowException)
        {
            return (null, Sentence(e.Message), null);
        }

        SafetensorsEntry[] matched;
        try
        {
            matched = SafetensorsFormat.Match(entries, extra, names, shapes, integers);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or OverflowException)
        {
            return (null, null, Sentence(e.Message));
        }

        try
        {
            long dataLength = SafetensorsFormat.CheckLayout(matched, names, out int[] order);
            SafetensorsFormat.CheckAvailable(matched, names, order, dataLength, bytes.Length - dataOffset);
            return (SafetensorsFormat.Decode(matched, bytes, dataOffset, names, offsets, parameterCount + spec.StatisticsSize), null, null);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException or OverflowException)
        {
            return (null, Sentence(e.Message), null);
        }
    }

    /// <summary>The message without its final period (the diagnostic's format adds none after it).</summary>
    private static string Sentence(string message) => message.TrimEnd('.');
}
