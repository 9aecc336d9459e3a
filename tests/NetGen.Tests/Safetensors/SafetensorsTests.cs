using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace NetGen.Tests.Safetensors;

/// <summary>
/// LoadSafetensors / SaveSafetensors: nn.Sequential names and shapes, exact round trips, F16/BF16/F64 conversion,
/// every kind of bad file (exception naming the tensor, instance unchanged) and a file written by real PyTorch.
/// Files come from the tests' own <see cref="TestSafetensorsWriter"/>, not from the runtime's writer.
/// </summary>
public sealed class SafetensorsTests
{
    // MixedModules: Input(3) → Dense(4) → Dense(5, Relu) → Dense(2, Sigmoid) is nn.Sequential(Linear, Linear, ReLU, Linear, Sigmoid).
    private static readonly (int Index, int Units)[] MixedLayers = { (0, 4), (1, 5), (3, 2) };

    private static float[] RandomParameters(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    /// <summary>The tensor names of a safetensors file's header (without <c>__metadata__</c>), sorted ordinally.</summary>
    private static string[] TensorNames(byte[] file)
    {
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, (int)BitConverter.ToUInt64(file, 0)));
        return header.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n != "__metadata__").OrderBy(n => n, StringComparer.Ordinal).ToArray();
    }

    private static MixedModules LoadedMixed(byte[] file)
    {
        var net = new MixedModules();
        net.LoadSafetensors(TestSafetensorsWriter.Stream(file));
        return net;
    }

    [Fact]
    public void Load_F32_SetsEveryParameterExactly_AndPredictSeesThem()
    {
        var expected = RandomParameters(MixedModules.ParameterCount, 1);
        var net = LoadedMixed(TestSafetensorsWriter.ForLayers(3, MixedLayers, expected).ToBytes());
        Assert.Equal(expected, net.Parameters.ToArray());

        var direct = new MixedModules(99);
        direct.SetParameters(expected);
        float[] input = { 0.3f, -1.2f, 0.7f }, a = new float[2], b = new float[2];
        net.Predict(input, a);
        direct.Predict(input, b);
        Assert.Equal(b, a);
    }

    [Fact]
    public void Save_WritesSequentialNamesShapesAndF32Data()
    {
        var net = new MixedModules(3);
        var stream = new MemoryStream();
        net.SaveSafetensors(stream);
        byte[] file = stream.ToArray();

        ulong headerLength = BitConverter.ToUInt64(file, 0);
        Assert.Equal(0UL, (8 + headerLength) % 8);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, (int)headerLength));
        Assert.Equal(new[] { "0.bias", "0.weight", "1.bias", "1.weight", "3.bias", "3.weight" }, TensorNames(file));

        var expectedShapes = new Dictionary<string, int[]>
        {
            ["0.weight"] = new[] { 4, 3 }, ["0.bias"] = new[] { 4 },
            ["1.weight"] = new[] { 5, 4 }, ["1.bias"] = new[] { 5 },
            ["3.weight"] = new[] { 2, 5 }, ["3.bias"] = new[] { 2 },
        };
        // Parameter order: 0.weight, 0.bias, 1.weight, 1.bias, 3.weight, 3.bias.
        string[] order = { "0.weight", "0.bias", "1.weight", "1.bias", "3.weight", "3.bias" };
        var parameters = net.Parameters.ToArray();
        int offset = 0;
        foreach (string name in order)
        {
            var entry = header.RootElement.GetProperty(name);
            Assert.Equal("F32", entry.GetProperty("dtype").GetString());
            Assert.Equal(expectedShapes[name], entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray());
            var range = entry.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            int count = expectedShapes[name].Aggregate(1, (x, y) => x * y);
            Assert.Equal(4 * count, range[1] - range[0]);
            int data = 8 + (int)headerLength;
            for (int k = 0; k < count; k++)
            {
                Assert.Equal(parameters[offset + k], BitConverter.ToSingle(file, data + range[0] + 4 * k));
            }
            offset += count;
        }
        Assert.Equal(MixedModules.ParameterCount, offset);
    }

    /// <summary>
    /// A [Dropout] is an nn.Dropout module of the nn.Sequential: DropTanhSigmoidBce (Dense(5, Tanh), Dropout, Dense(4,
    /// Sigmoid), Dropout, Dense(2, Sigmoid)) is Linear 0, Tanh 1, Dropout 2, Linear 3, Sigmoid 4, Dropout 5, Linear 6.
    /// </summary>
    [Fact]
    public void Save_CountsDropoutAsAModule()
    {
        var net = new NetGen.Tests.Dropout.DropTanhSigmoidBce(5);
        var stream = new MemoryStream();
        net.SaveSafetensors(stream);
        Assert.Equal(new[] { "0.bias", "0.weight", "3.bias", "3.weight", "6.bias", "6.weight" }, TensorNames(stream.ToArray()));

        var loaded = new NetGen.Tests.Dropout.DropTanhSigmoidBce(6);
        stream.Position = 0;
        loaded.LoadSafetensors(stream);
        Assert.Equal(net.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Fact]
    public void SaveThenLoad_RoundTripsExactly()
    {
        var source = new Game8x16x16x4(11);
        var stream = new MemoryStream();
        source.SaveSafetensors(stream);
        var target = new Game8x16x16x4(12);
        Assert.NotEqual(source.Parameters.ToArray(), target.Parameters.ToArray());
        stream.Position = 0;
        target.LoadSafetensors(stream);
        Assert.Equal(source.Parameters.ToArray(), target.Parameters.ToArray());
    }

    [Fact]
    public void Load_F16_ConvertsExactly_IncludingSubnormalsAndExtremes()
    {
        var values = RandomParameters(MixedModules.ParameterCount, 2).Select(v => (float)(Half)(v * 3)).ToArray();
        // Extremes of binary16: largest finite, smallest normal, smallest subnormal, a subnormal, negative zero.
        values[0] = 65504f;
        values[1] = (float)BitConverter.UInt16BitsToHalf(0x0400);
        values[2] = (float)BitConverter.UInt16BitsToHalf(0x0001);
        values[3] = -(float)BitConverter.UInt16BitsToHalf(0x03FF);
        values[4] = -0f;
        values[5] = -65504f;
        var net = LoadedMixed(TestSafetensorsWriter.ForLayers(3, MixedLayers, values, "F16").ToBytes());
        var loaded = net.Parameters.ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(values[i]), BitConverter.SingleToInt32Bits(loaded[i]));
        }
    }

    [Fact]
    public void Load_BF16_ConvertsExactly()
    {
        var values = RandomParameters(MixedModules.ParameterCount, 3)
            .Select(v => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(v * 100) & unchecked((int)0xFFFF0000))).ToArray();
        var net = LoadedMixed(TestSafetensorsWriter.ForLayers(3, MixedLayers, values, "BF16").ToBytes());
        Assert.Equal(values, net.Parameters.ToArray());
    }

    [Fact]
    public void Load_F64_RoundsToNearestFloat()
    {
        var random = new Random(4);
        var doubles = Enumerable.Range(0, MixedModules.ParameterCount).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        // The test writer takes floats; build the F64 file from doubles by hand to keep precision past float.
        var writer = new TestSafetensorsWriter();
        int offset = 0, fanIn = 3;
        var tensors = new List<(string, int[], double[])>();
        foreach (var (index, units) in MixedLayers)
        {
            tensors.Add(($"{index}.weight", new[] { units, fanIn }, doubles.Skip(offset).Take(units * fanIn).ToArray()));
            offset += units * fanIn;
            tensors.Add(($"{index}.bias", new[] { units }, doubles.Skip(offset).Take(units).ToArray()));
            offset += units;
            fanIn = units;
        }
        var header = new StringBuilder("{");
        var data = new List<byte>();
        foreach (var (name, shape, values) in tensors)
        {
            header.Append($"\"{name}\":{{\"dtype\":\"F64\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{data.Count},{data.Count + 8 * values.Length}]}},");
            foreach (double d in values) data.AddRange(BitConverter.GetBytes(d));
        }
        header.Length--;
        header.Append('}');
        byte[] headerBytes = Encoding.UTF8.GetBytes(header.ToString());
        byte[] file = BitConverter.GetBytes((ulong)headerBytes.Length).Concat(headerBytes).Concat(data).ToArray();

        var net = LoadedMixed(file);
        Assert.Equal(doubles.Select(d => (float)d).ToArray(), net.Parameters.ToArray());
        Assert.Contains(doubles, d => (double)(float)d != d);
    }

    [Fact]
    public void Load_IgnoresMetadata_AndAcceptsFilesWithoutIt()
    {
        var expected = RandomParameters(MixedModules.ParameterCount, 5);
        var writer = TestSafetensorsWriter.ForLayers(3, MixedLayers, expected);
        writer.Metadata = "{\"format\":\"pt\",\"note\":\"a \\\"quoted\\\" \\u00e9 value\"}";
        Assert.Equal(expected, LoadedMixed(writer.ToBytes()).Parameters.ToArray());
        writer.Metadata = null;
        Assert.Equal(expected, LoadedMixed(writer.ToBytes()).Parameters.ToArray());
    }

    // ---- bad files: the exception names the tensor and the instance is unchanged ----

    private static TException LoadFails<TException>(byte[] file) where TException : Exception
    {
        var net = new MixedModules(21);
        var before = net.Parameters.ToArray();
        var e = Assert.Throws<TException>(() => net.LoadSafetensors(TestSafetensorsWriter.Stream(file)));
        Assert.Equal(before, net.Parameters.ToArray());
        return e;
    }

    private static TestSafetensorsWriter Valid() => TestSafetensorsWriter.ForLayers(3, MixedLayers, RandomParameters(MixedModules.ParameterCount, 6));

    [Fact]
    public void Load_MissingTensor_NamesIt()
    {
        var parameters = RandomParameters(MixedModules.ParameterCount, 6);
        var writer = new TestSafetensorsWriter()
            .Add("0.weight", new[] { 4, 3 }, parameters.Take(12)).Add("0.bias", new[] { 4 }, parameters.Skip(12).Take(4))
            .Add("1.weight", new[] { 5, 4 }, parameters.Skip(16).Take(20)).Add("1.bias", new[] { 5 }, parameters.Skip(36).Take(5))
            .Add("3.weight", new[] { 2, 5 }, parameters.Skip(41).Take(10));
        var e = LoadFails<InvalidDataException>(writer.ToBytes());
        Assert.Contains("'3.bias'", e.Message);
    }

    [Fact]
    public void Load_ExtraTensor_NamesIt()
    {
        var e = LoadFails<InvalidDataException>(Valid().Add("4.weight", new[] { 1, 2 }, new[] { 1f, 2f }).ToBytes());
        Assert.Contains("'4.weight'", e.Message);
    }

    [Fact]
    public void Load_TransposedWeight_NamesItAndBothShapes()
    {
        var writer = new TestSafetensorsWriter();
        var parameters = RandomParameters(MixedModules.ParameterCount, 6);
        writer.Add("0.weight", new[] { 3, 4 }, parameters.Take(12)).Add("0.bias", new[] { 4 }, parameters.Skip(12).Take(4))
            .Add("1.weight", new[] { 5, 4 }, parameters.Skip(16).Take(20)).Add("1.bias", new[] { 5 }, parameters.Skip(36).Take(5))
            .Add("3.weight", new[] { 2, 5 }, parameters.Skip(41).Take(10)).Add("3.bias", new[] { 2 }, parameters.Skip(51).Take(2));
        var e = LoadFails<InvalidDataException>(writer.ToBytes());
        Assert.Contains("'0.weight'", e.Message);
        Assert.Contains("[3, 4]", e.Message);
        Assert.Contains("[4, 3]", e.Message);
    }

    [Fact]
    public void Load_UnsupportedDtype_NamesTensorAndDtype()
    {
        var e = LoadFails<InvalidDataException>(TestSafetensorsWriter.ForLayers(3, MixedLayers, new float[MixedModules.ParameterCount], "I64").ToBytes());
        Assert.Contains("I64", e.Message);
        Assert.Matches(@"'\d\.(weight|bias)'", e.Message);
    }

    [Fact]
    public void Load_DataOffsetsOfTheWrongSize_NamesTheTensor()
    {
        var parameters = RandomParameters(MixedModules.ParameterCount, 6);
        var writer = TestSafetensorsWriter.ForLayers(3, new[] { (0, 4), (1, 5) }, parameters.Take(41).ToArray())
            .Add("3.weight", new[] { 2, 5 }, parameters.Skip(41).Take(10))
            .AddRaw("3.bias", "F32", new[] { 2 }, 0, 4);
        var e = LoadFails<InvalidDataException>(writer.ToBytes());
        Assert.Contains("'3.bias'", e.Message);
    }

    [Fact]
    public void Load_TruncatedData_ThrowsEndOfStream_NamingTheTensor()
    {
        byte[] file = Valid().ToBytes();
        var e = LoadFails<EndOfStreamException>(file[..^3]);
        Assert.Contains("'3.", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(40)]
    public void Load_TruncatedHeader_ThrowsEndOfStream(int length)
    {
        LoadFails<EndOfStreamException>(Valid().ToBytes()[..length]);
    }

    [Theory]
    [InlineData("{\"0.weight\": {\"dtype\": \"F32\", \"shape\": [4, 3], \"data_offsets\": [0, 48]}")]      // unclosed object
    [InlineData("[1, 2, 3]")]                                                                             // not an object
    [InlineData("{\"0.weight\": 5}")]                                                                     // entry not an object
    [InlineData("{\"0.weight\": {\"shape\": [4, 3], \"data_offsets\": [0, 48]}}")]                        // no dtype
    [InlineData("{\"0.weight\": {\"dtype\": \"F32\", \"shape\": [4, -3], \"data_offsets\": [0, 48]}}")]    // negative dimension
    [InlineData("{\"0.weight\": {\"dtype\": \"F32\", \"shape\": [4, 3], \"data_offsets\": [48, 0]}}")]     // reversed range
    [InlineData("{\"a\": 1, \"a\": 2}")]                                                                  // duplicate key
    [InlineData("{\"a\": tru}")]                                                                          // bad literal
    public void Load_BadHeader_ThrowsInvalidData(string header)
    {
        LoadFails<InvalidDataException>(Valid().Build(Encoding.UTF8.GetBytes(header)));
    }

    [Fact]
    public void Load_AbsurdHeaderLength_ThrowsInvalidData()
    {
        byte[] file = Valid().ToBytes();
        BitConverter.GetBytes(ulong.MaxValue - 3).CopyTo(file, 0);
        LoadFails<InvalidDataException>(file);
    }

    [Fact]
    public void Load_RandomBytes_NeverSucceedsOrThrowsSomethingElse()
    {
        var random = new Random(8);
        for (int i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (bytes.Length >= 8 && i % 2 == 0) BitConverter.GetBytes((ulong)random.Next(0, bytes.Length)).CopyTo(bytes, 0);
            var net = new MixedModules(21);
            var before = net.Parameters.ToArray();
            var e = Record.Exception(() => net.LoadSafetensors(TestSafetensorsWriter.Stream(bytes)));
            Assert.True(e is InvalidDataException or EndOfStreamException, $"case {i}: {e?.GetType().Name}: {e?.Message}");
            Assert.Equal(before, net.Parameters.ToArray());
        }
    }

    [Fact]
    public void NullStream_ThrowsArgumentNull()
    {
        var net = new MixedModules();
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => net.LoadSafetensors((Stream)null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => net.SaveSafetensors((Stream)null!)).ParamName);
    }

    // ---- PyTorch ----

    [Fact]
    public void Load_FileWrittenByPyTorch_PredictsAsPyTorch()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "game-8-16-16-4.json")));
        var net = new Game8x16x16x4();
        using (var stream = File.OpenRead(Path.Combine(folder, "game-8-16-16-4.safetensors"))) net.LoadSafetensors(stream);

        var inputs = json.RootElement.GetProperty("inputs").EnumerateArray().ToArray();
        var outputs = json.RootElement.GetProperty("outputs").EnumerateArray().ToArray();
        Assert.Equal(6, inputs.Length);
        var output = new float[4];
        for (int s = 0; s < inputs.Length; s++)
        {
            float[] x = inputs[s].EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
            double[] expected = outputs[s].EnumerateArray().Select(e => e.GetDouble()).ToArray();
            net.Predict(x, output);
            for (int k = 0; k < 4; k++) Assert.True(Math.Abs(output[k] - expected[k]) <= 1e-5 + 1e-5 * Math.Abs(expected[k]), $"sample {s} output {k}: {output[k]} vs PyTorch {expected[k]}");
        }
    }
}
