using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using NetGen.Tests.Runtime;
using NetGen.Tests.Safetensors;

namespace NetGen.Tests.Files;

/// <summary>
/// Property tests (CsCheck) of both file readers against mutated valid files: bit flips, truncations, byte
/// insertions and deletions, appended bytes, rewritten length fields and, for safetensors, edits of the header's
/// numbers and names. Every outcome is either a correct load or InvalidDataException / EndOfStreamException, the
/// network is unchanged on failure, and no case allocates more than the network's own size plus a constant.
/// A safetensors load is correct when it gives what <see cref="ReferenceSafetensorsReader"/> reads from the same bytes
/// (and each rejects what the other rejects); a Save file load is correct when saving the loaded network gives the
/// original file back.
/// </summary>
public sealed class FileMutationPropertyTests
{
    private const int P = Game8x16x16x4.ParameterCount;
    private const long NetworkBytes = 8L * P;
    private static readonly (int Index, int Units)[] GameLayers = { (0, 16), (2, 16), (4, 4) };
    private static readonly (string Name, int Offset, int[] Shape)[] GameTensors =
    {
        ("0.weight", 0, new[] { 16, 8 }), ("0.bias", 128, new[] { 16 }),
        ("2.weight", 144, new[] { 16, 16 }), ("2.bias", 400, new[] { 16 }),
        ("4.weight", 416, new[] { 4, 16 }), ("4.bias", 480, new[] { 4 }),
    };

    private static readonly string[] Names =
    {
        "0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias", "6.weight", "1.weight", "__metadata__",
        "dtype", "shape", "data_offsets", "F32", "F16", "BF16", "F64", "I64", "", "0.weight ",
    };

    private static readonly string[] Numbers =
    {
        "0", "1", "2", "4", "8", "16", "64", "1936", "3872", "7744", "2147483579", "2147483591", "4294967296",
        "9223372036854775807", "99999999999999999999", "-1", "1.0", "1e2", "01",
    };

    /// <summary>Valid safetensors files for Game8x16x16x4: F32, F16, BF16 and F64 from the tests' writer, and PyTorch's own.</summary>
    private static readonly byte[][] SafetensorsFiles = BuildSafetensorsFiles();

    /// <summary>Valid Save files: the game net (plain SGD: no optimizer sections) and MixedModules (Adam: two sections).</summary>
    private static readonly (byte[] File, Func<Stream, byte[]> LoadAndSave)[] SaveFiles =
    {
        (Saved(new Game8x16x16x4(4)), s => Saved(Game8x16x16x4.Load(s))),
        (Saved(new MixedModules(4)), s => Saved(MixedModules.Load(s))),
    };

    private static byte[][] BuildSafetensorsFiles()
    {
        var random = new Random(13);
        float[] values = Enumerable.Range(0, P)
            .Select(_ => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits((float)(random.NextDouble() * 2 - 1)) & unchecked((int)0xFFFF0000)))
            .ToArray();
        var files = new List<byte[]>();
        foreach (string dtype in new[] { "F32", "F16", "BF16", "F64" }) files.Add(TestSafetensorsWriter.ForLayers(8, GameLayers, values, dtype).ToBytes());
        files.Add(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "game-8-16-16-4.safetensors")));
        return files.ToArray();
    }

    private static byte[] Saved(INetwork network)
    {
        var stream = new MemoryStream();
        network.Save(stream);
        return stream.ToArray();
    }

    /// <summary>One edit of a file; positions are reduced modulo the length of the file it is applied to.</summary>
    private sealed record Mutation(string Description, Func<byte[], byte[]> Apply)
    {
        public override string ToString() => Description;
    }

    private static readonly Gen<int> Position = Gen.Int[0, int.MaxValue];

    private static readonly Gen<Mutation> ByteMutation = Gen.OneOf(
        Gen.Select(Position, Gen.Int[0, 7], (p, bit) => new Mutation($"flip bit {bit} of byte #{p}", b =>
        {
            if (b.Length == 0) return b;
            var c = (byte[])b.Clone();
            c[p % c.Length] ^= (byte)(1 << bit);
            return c;
        })),
        Position.Select(p => new Mutation($"truncate at #{p}", b => b[..(p % (b.Length + 1))])),
        Gen.Select(Position, Gen.Byte, (p, v) => new Mutation($"insert 0x{v:X2} at #{p}", b =>
        {
            int at = p % (b.Length + 1);
            return FileSurgery.Concat(b[..at], new[] { v }, b[at..]);
        })),
        Gen.Select(Position, Gen.Int[1, 16], (p, n) => new Mutation($"delete {n} bytes at #{p}", b =>
        {
            if (b.Length == 0) return b;
            int at = p % b.Length;
            return FileSurgery.Concat(b[..at], b[Math.Min(b.Length, at + n)..]);
        })),
        Gen.Byte.Array[1, 4].Select(extra => new Mutation($"append {extra.Length} bytes", b => FileSurgery.Concat(b, extra))));

    private static readonly Gen<ulong> LengthValue = Gen.OneOf(
        Gen.OneOf(0UL, 1UL, 2UL, 7UL, 64UL * 1024 + 6 * 1024, 64UL * 1024 + 6 * 1024 + 1, 99_999_999UL, uint.MaxValue, ulong.MaxValue),
        Gen.Int[0, 4096].Select(i => (ulong)i));

    private static readonly Gen<Mutation> SafetensorsMutation = Gen.Frequency(
        (6, ByteMutation),
        (1, LengthValue.Select(v => new Mutation($"length field = {v}", b => b.Length < 8 ? b : FileSurgery.WithUInt64(b, 0, v)))),
        (1, Gen.Int[-8, 8].Select(d => new Mutation($"length field {d:+#;-#;0}", b =>
            b.Length < 8 ? b : FileSurgery.WithUInt64(b, 0, BinaryPrimitives.ReadUInt64LittleEndian(b) + (ulong)(long)d)))),
        (2, Gen.Select(Position, Gen.OneOf(Numbers), (p, n) => new Mutation($"number #{p} = {n}", b => EditToken(b, @"-?\d+", p, _ => n)))),
        (2, Gen.Select(Position, Gen.OneOf(Names), (p, n) => new Mutation($"string #{p} = \"{n}\"", b => EditToken(b, "\"[^\"]*\"", p, _ => "\"" + n + "\"")))),
        (1, Gen.Select(Position, Gen.Char['!', '~'], (p, c) => new Mutation($"string #{p} gets '{c}'", b => EditToken(b, "\"[^\"]*\"", p, s => s.Insert(1 + p % (s.Length - 1), c.ToString()))))));

    private static readonly Gen<Mutation> SaveMutation = Gen.Frequency(
        (6, ByteMutation),
        (2, Gen.Select(Gen.OneOf(16, 20 + 4 * P + 12, 20 + 4 * 53 + 12, 20 + 4 * 53 + 16 + 4 * 53), Gen.OneOf(0, 1, 53, P, P + 1, -1, int.MaxValue, int.MinValue), (at, v) =>
            new Mutation($"int32 at {at} = {v}", b => b.Length < at + 4 ? b : FileSurgery.WithInt32(b, at, v)))));

    /// <summary>Replaces the p-th match of <paramref name="pattern"/> in the header (if the file has a readable one), keeping the length field right.</summary>
    private static byte[] EditToken(byte[] file, string pattern, int p, Func<string, string> edit)
    {
        if (file.Length < 8) return file;
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (length > (ulong)(file.Length - 8)) return file;
        string header;
        try
        {
            header = new UTF8Encoding(false, true).GetString(file, 8, (int)length);
        }
        catch (ArgumentException)
        {
            return file;
        }
        var matches = Regex.Matches(header, pattern);
        if (matches.Count == 0) return file;
        var m = matches[p % matches.Count];
        string edited = header[..m.Index] + edit(m.Value) + header[(m.Index + m.Length)..];
        return FileSurgery.Build(edited, file[(8 + (int)length)..]);
    }

    private static string Print(int file, bool seekable, Mutation[] mutations)
        => $"file {file}, {(seekable ? "seekable" : "non-seekable")}: " + string.Join("; ", mutations.Select(m => m.Description));

    [Fact]
    public void MutatedSafetensorsFiles_LoadCorrectlyOrThrowTheDocumentedExceptions()
    {
        Gen.Select(Gen.Int[0, SafetensorsFiles.Length - 1], Gen.Bool, SafetensorsMutation.Array[1, 3])
            .Sample((file, seekable, mutations) =>
            {
                byte[] bytes = SafetensorsFiles[file];
                foreach (var m in mutations) bytes = m.Apply(bytes);
                float[]? expected = ReferenceSafetensorsReader.Read(bytes, GameTensors, P);

                var net = new Game8x16x16x4(5);
                float[] before = net.Parameters.ToArray();
                Stream stream = seekable ? new MemoryStream(bytes, writable: false) : new TrickleStream(bytes, 61);
                var (error, allocated) = AllocationMeter.Measure(() => net.LoadSafetensors(stream));

                if (error is null)
                {
                    Assert.True(expected is not null, "loaded a file the reference rejects");
                    Assert.Equal(expected, net.Parameters.ToArray());
                }
                else
                {
                    Assert.True(error is InvalidDataException or EndOfStreamException, $"{error.GetType().Name}: {error.Message}");
                    Assert.True(expected is null, $"rejected a file the reference reads: {error.Message}");
                    Assert.Equal(before, net.Parameters.ToArray());
                }
                Assert.True(allocated < NetworkBytes + AllocationMeter.Slack, $"{allocated} bytes allocated");
            }, iter: 4000, print: t => Print(t.Item1, t.Item2, t.Item3));
    }

    [Fact]
    public void MutatedSaveFiles_LoadTheOriginalOrThrowTheDocumentedExceptions()
    {
        // Loading constructs the network: allow its own allocation (measured on the intact file) on top of the reader's.
        long construct = SaveFiles.Max(f => AllocationMeter.Measure(() => f.LoadAndSave(new MemoryStream(f.File))).Allocated);
        Gen.Select(Gen.Int[0, SaveFiles.Length - 1], Gen.Bool, SaveMutation.Array[1, 3])
            .Sample((file, seekable, mutations) =>
            {
                var (original, loadAndSave) = SaveFiles[file];
                byte[] bytes = original;
                foreach (var m in mutations) bytes = m.Apply(bytes);

                byte[]? saved = null;
                Stream stream = seekable ? new MemoryStream(bytes, writable: false) : new TrickleStream(bytes, 61);
                var (error, allocated) = AllocationMeter.Measure(() => saved = loadAndSave(stream));

                if (error is null) Assert.Equal(original, saved);
                else Assert.True(error is InvalidDataException or EndOfStreamException, $"{error.GetType().Name}: {error.Message}");
                Assert.True(allocated < construct + 16L * P + AllocationMeter.Slack, $"{allocated} bytes allocated");
            }, iter: 3000, print: t => Print(t.Item1, t.Item2, t.Item3));
    }

    /// <summary>Whitespace between tokens, padding after the header and metadata edits change nothing.</summary>
    [Fact]
    public void HarmlessSafetensorsEdits_LoadTheSameParameters()
    {
        var harmless = Gen.OneOf(
            Gen.Select(Position, Gen.OneOf(" ", "\n", "\t", "\r\n", "    "), (p, ws) => new Mutation($"whitespace #{p}", b =>
                EditToken(b, @"[{}\[\],:]", p, s => p % 2 == 0 ? ws + s : s + ws))),
            Gen.Int[1, 64].Select(n => new Mutation($"pad {n}", b => FileSurgery.EditHeader(b, h => h + new string(' ', n)))),
            Gen.OneOf("pt", "", "np", "\\u00e9\\\"x\\\"").Select(v => new Mutation($"metadata \"{v}\"", b =>
                FileSurgery.EditHeader(b, h => h.Replace("\"format\":\"pt\"", "\"format\":\"" + v + "\"").Replace("\"format\": \"pt\"", "\"format\": \"" + v + "\"")))));
        Gen.Select(Gen.Int[0, SafetensorsFiles.Length - 1], Gen.Bool, harmless.Array[1, 5])
            .Sample((file, seekable, mutations) =>
            {
                byte[] bytes = SafetensorsFiles[file];
                float[] expected = ReferenceSafetensorsReader.Read(bytes, GameTensors, P)!;
                foreach (var m in mutations) bytes = m.Apply(bytes);
                var net = new Game8x16x16x4(5);
                net.LoadSafetensors(seekable ? new MemoryStream(bytes, writable: false) : new TrickleStream(bytes, 61));
                Assert.Equal(expected, net.Parameters.ToArray());
                Assert.Equal(expected, ReferenceSafetensorsReader.Read(bytes, GameTensors, P));
            }, iter: 500, print: t => Print(t.Item1, t.Item2, t.Item3));
    }
}
