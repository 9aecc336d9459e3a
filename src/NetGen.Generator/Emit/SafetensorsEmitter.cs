using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>Writes <c>LoadSafetensors</c>, <c>SaveSafetensors</c> and the table of tensor names they use.</summary>
internal static class SafetensorsEmitter
{
    private const string Tensor = "global::NetGen.Runtime.SafetensorsTensor";

    public static void Write(IndentedWriter w, NetworkSpec spec)
    {
        w.Line();
        w.Comment("Tensor names and shapes of the equivalent torch.nn.Sequential, with their offsets in the parameters.");
        w.Line($"private static readonly {Tensor}[] NetGenSafetensorsTensors = new {Tensor}[]");
        w.Line("{");
        int parameters = (int)spec.ParameterCountLong;
        foreach (var tensor in SequentialTensors.Of(spec).Concat(SequentialTensors.Statistics(spec, parameters)))
        {
            string shape = string.Join(", ", tensor.Shape);
            string arguments = tensor.Integer ? (shape.Length == 0 ? "true" : "true, " + shape) : shape;
            w.Line($"    new {Tensor}(\"{tensor.Name}\", {tensor.Offset}, {arguments}), // {tensor.Description}");
        }
        w.Line("};");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Replaces the parameters with those of a safetensors file (PyTorch's <c>safetensors.torch.save_file(model.state_dict(), …)</c>)");
        w.Line("/// holding exactly this network's tensors, named as the equivalent <c>torch.nn.Sequential</c> names them");
        w.Line(spec.IsLayered
            ? "/// (<c>0.weight</c> <c>[out, in, k, k]</c>, <c>0.bias</c>, …; every layer takes one index and each non-Identity activation one more" + (spec.StatisticsSize > 0 ? "; a BatchNorm's <c>running_mean</c>, <c>running_var</c> and <c>num_batches_tracked</c> (I64) too" : "") + "). F32, F16, BF16 and F64"
            : "/// (<c>0.weight</c> <c>[out, in]</c>, <c>0.bias</c>, …; each non-Identity activation takes one index). F32, F16, BF16 and F64");
        w.Line("/// tensors are read (converted to float); <c>__metadata__</c> is ignored. The optimizer state is left as it is.");
        w.Line("/// The whole file is checked before anything is written, so a bad file leaves the network unchanged.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"stream\">A readable stream positioned at the start of the file.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"stream\"/> is null.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.InvalidDataException\">The header is invalid or over its bound (64 KiB plus 1 KiB per tensor), a tensor is missing, extra, mis-shaped or of another dtype, tensors overlap or leave a gap, bytes follow the last tensor, or a weight is NaN or infinite (the message names the tensor). The header is checked before any data is read, so a hostile length or offset never causes an OutOfMemoryException.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.EndOfStreamException\">The stream ends before the file does.</exception>");
        bool statistics = spec.StatisticsSize > 0;
        using (w.Block("public void LoadSafetensors(global::System.IO.Stream stream)"))
        {
            if (statistics)
            {
                w.Comment("The parameters, then the BatchNorm running statistics (running_mean, running_var, num_batches_tracked).");
                w.Line("float[] loaded = global::NetGen.Runtime.SafetensorsFile.Read(stream, NetGenSafetensorsTensors, ParameterCount + RunningStatisticsSize);");
                Layered.StatisticsEmitter.WriteVarianceCheck(w, spec, "loaded", "ParameterCount");
                w.Line("global::System.Array.Copy(loaded, ParameterCount, _netgenStatistics, 0, RunningStatisticsSize);");
                w.Comment("Through SetParameters, the one path that brings the copies derived from the parameters up to date.");
                w.Line("SetParameters(global::System.MemoryExtensions.AsSpan(loaded, 0, ParameterCount));");
            }
            else
            {
                w.Line("float[] loaded = global::NetGen.Runtime.SafetensorsFile.Read(stream, NetGenSafetensorsTensors, ParameterCount);");
                w.Comment("Through SetParameters, the one path that brings the copies derived from the parameters up to date.");
                w.Line("SetParameters(loaded);");
            }
        }
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Writes the parameters as a safetensors file of F32 tensors named as the equivalent <c>torch.nn.Sequential</c> names them,");
        w.Line("/// which <c>model.load_state_dict(safetensors.torch.load_file(…))</c> reads.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"stream\">A writable stream; the file is written with one call.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"stream\"/> is null.</exception>");
        using (w.Block("public void SaveSafetensors(global::System.IO.Stream stream)"))
        {
            if (statistics)
            {
                w.Line("float[] values = new float[ParameterCount + RunningStatisticsSize];");
                w.Line("global::System.Array.Copy(_netgenParameters, values, ParameterCount);");
                w.Line("global::System.Array.Copy(_netgenStatistics, 0, values, ParameterCount, RunningStatisticsSize);");
                w.Line("global::NetGen.Runtime.SafetensorsFile.Write(stream, NetGenSafetensorsTensors, values);");
            }
            else
            {
                w.Line("global::NetGen.Runtime.SafetensorsFile.Write(stream, NetGenSafetensorsTensors, _netgenParameters);");
            }
        }
        FileOverloadsEmitter.WriteLoadSafetensors(w);
        FileOverloadsEmitter.WriteSave(w, "SaveSafetensors", "the parameters as a safetensors file");
    }
}
