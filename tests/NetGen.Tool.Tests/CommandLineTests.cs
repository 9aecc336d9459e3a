using System;
using System.IO;
using System.Linq;
using Xunit;

namespace NetGen.Tool.Tests;

/// <summary>The command line: usage errors (exit 2) name the argument and what was expected; files are never half-written.</summary>
public sealed class CommandLineTests
{
    private static string Model => ModelFixture.Load("mlp_relu").OnnxPath;

    [Theory]
    [InlineData(new string[0], "Usage")]
    [InlineData(new[] { "convert" }, "Unknown command 'convert'")]
    [InlineData(new[] { "import" }, "needs the model file")]
    [InlineData(new[] { "import", "model.onnx" }, "needs --class")]
    [InlineData(new[] { "import", "missing.onnx", "--class", "Policy" }, "does not exist")]
    [InlineData(new[] { "import", "MODEL", "--class", "2Policy" }, "--class '2Policy' is not a C# identifier")]
    [InlineData(new[] { "import", "MODEL", "--class", "class" }, "--class 'class' is not a C# identifier")]
    [InlineData(new[] { "import", "MODEL", "--class", "Policy", "--namespace", "Game..AI" }, "--namespace 'Game..AI'")]
    [InlineData(new[] { "import", "MODEL", "--class", "Policy", "--out", "Policy.txt" }, "must name a .cs file")]
    [InlineData(new[] { "import", "MODEL", "--class", "Policy", "--colour" }, "'--colour' is not an option")]
    [InlineData(new[] { "import", "MODEL", "--class" }, "--class needs a value")]
    [InlineData(new[] { "import", "MODEL", "--class", "A", "--class", "B" }, "--class is given twice")]
    [InlineData(new[] { "import", "MODEL", "--class", "Policy", "--sequence-length", "0" }, "--sequence-length '0'")]
    [InlineData(new[] { "import", "MODEL", "--class", "Policy", "--sequence-length", "8" }, "applies to sequence networks only")]
    [InlineData(new[] { "inspect" }, "inspect takes one model file")]
    public void Usage_errors_exit_with_2_and_say_what_is_wrong(string[] args, string message)
    {
        var (code, output, error) = ToolRunner.Run(Array.ConvertAll(args, a => a == "MODEL" ? Model : a));
        Assert.Equal(2, code);
        Assert.Contains(message, output + error);
    }

    [Fact]
    public void Import_refuses_to_overwrite_without_force_and_leaves_the_files_as_they_were()
    {
        string folder = ToolRunner.TemporaryFolder();
        try
        {
            string cs = Path.Combine(folder, "Policy.cs");
            File.WriteAllText(cs, "// mine");
            var (code, _, error) = ToolRunner.Run("import", Model, "--class", "Policy", "--out", cs);
            Assert.Equal(2, code);
            Assert.Contains("pass --force", error);
            Assert.Equal("// mine", File.ReadAllText(cs));
            Assert.False(File.Exists(Path.Combine(folder, "Policy.safetensors")));

            Assert.Equal(0, ToolRunner.Run("import", Model, "--class", "Policy", "--out", cs, "--force").Code);
            Assert.Contains("[Dense(12, Activation.Relu)]", File.ReadAllText(cs));
            Assert.Equal(new[] { "Policy.cs", "Policy.safetensors" }, Array.ConvertAll(Directory.GetFiles(folder), Path.GetFileName!).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Import_writes_the_class_with_its_namespace_weights_reference_and_default_loss()
    {
        string folder = ToolRunner.TemporaryFolder();
        try
        {
            var (code, output, _) = ToolRunner.Run("import", ModelFixture.Load("mlp_softmax").OnnxPath, "--class", "Classifier", "--namespace", "Game.AI", "--out", Path.Combine(folder, "Classifier.cs"), "--trainable");
            Assert.Equal(0, code);
            Assert.Contains("<NetGenWeights Include=\"Classifier.safetensors\" />", output);
            string source = File.ReadAllText(Path.Combine(folder, "Classifier.cs"));
            Assert.Contains("namespace Game.AI", source);
            Assert.Contains("[Network(Loss.CrossEntropy, Weights = \"Classifier.safetensors\")]", source);
            Assert.Contains("[Dense(12, Activation.LeakyRelu)]", source);
            Assert.Contains("[Dense(5, Activation.Softmax)]", source);
            Assert.Contains("'/2/Gemm' (Gemm) + '/3/Softmax' (Softmax)", source);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_trainable_sequence_network_needs_a_window_when_the_time_axis_is_not_fixed()
    {
        string folder = ToolRunner.TemporaryFolder();
        try
        {
            string cs = Path.Combine(folder, "Seq.cs");
            var (code, _, error) = ToolRunner.Run("import", ModelFixture.Load("gru_last").OnnxPath, "--class", "Seq", "--out", cs, "--trainable");
            Assert.Equal(2, code);
            Assert.Contains("--sequence-length", error);
            Assert.Empty(Directory.GetFiles(folder));
            Assert.Equal(0, ToolRunner.Run("import", ModelFixture.Load("gru_last").OnnxPath, "--class", "Seq", "--out", cs, "--trainable", "--sequence-length", "16").Code);
            Assert.Contains("SequenceLength = 16, SequenceLoss = SequenceLoss.LastStep", File.ReadAllText(cs));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Several_outputs_need_output_and_constants_are_ignored()
    {
        string model = ModelFixture.Load("multi_output").OnnxPath;
        var (code, output, _) = ToolRunner.Run("inspect", model);
        Assert.Equal(0, code);
        Assert.Contains("Ignored: output 'version_number': a constant", output);
        Assert.Contains("Ignored: output 'memory_size': a constant", output);
        Assert.Contains("[Dense(2)]", output);

        var (wrong, _, error) = ToolRunner.Run("inspect", model, "--output", "nothing");
        Assert.Equal(1, wrong);
        Assert.Contains("no tensor named 'nothing'", error + ToolRunner.Run("inspect", model, "--output", "nothing").Output);
    }

    [Fact]
    public void Inspect_prints_the_graph_and_the_layers_it_maps_to()
    {
        var (code, output, _) = ToolRunner.Run("inspect", ModelFixture.Load("cnn2d_bn_unfused").OnnxPath);
        Assert.Equal(0, code);
        Assert.Contains("opset 17", output);
        Assert.Contains("'/bn/BatchNormalization' (BatchNormalization)", output);
        Assert.Contains("[Input(1, 12, 12)]", output);
        Assert.Contains("[BatchNorm(Activation.Relu)]", output);
        Assert.Contains("[Dense(10, Activation.Softmax)]", output);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(-1)]
    public void Corrupt_files_are_a_clear_error_never_a_crash(int cut)
    {
        string folder = ToolRunner.TemporaryFolder();
        try
        {
            byte[] bytes = File.ReadAllBytes(Model);
            byte[] broken = cut >= 0 ? bytes[..Math.Min(cut, bytes.Length)] : Random(bytes.Length);
            string path = Path.Combine(folder, "broken.onnx");
            File.WriteAllBytes(path, broken);
            var (code, _, error) = ToolRunner.Run("import", path, "--class", "Policy", "--out", Path.Combine(folder, "Policy.cs"));
            Assert.Equal(1, code);
            Assert.Contains("netgen:", error);
            Assert.Single(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static byte[] Random(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }
}

/// <summary>Damaged models: every byte flip of a model file gives exit code 0 or 1 with a message, never an unhandled exception.</summary>
public sealed class DamagedModelTests
{
    [Theory]
    [InlineData("mlp_relu")]
    [InlineData("cnn2d_bn_unfused")]
    [InlineData("gru")]
    public void Flipped_bytes_never_crash_the_tool(string name)
    {
        byte[] original = File.ReadAllBytes(ModelFixture.Load(name).OnnxPath);
        string folder = ToolRunner.TemporaryFolder();
        try
        {
            var random = new Random(11);
            string path = Path.Combine(folder, "damaged.onnx");
            for (int trial = 0; trial < 60; trial++)
            {
                byte[] bytes = (byte[])original.Clone();
                for (int k = 0; k < 3; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                File.WriteAllBytes(path, bytes);
                var (code, _, error) = ToolRunner.Run("inspect", path);
                Assert.True(code is 0 or 1, $"trial {trial}: exit code {code}\n{error}");
                if (code == 1 && error.Length > 0) Assert.StartsWith("netgen: ", error);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
