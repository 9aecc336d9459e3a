namespace NetGen.Generator.Emit;

/// <summary>
/// The state around the packed weight copy of <see cref="NeuronLayout"/>, as DESIGN.md pins it: the
/// <c>Parameters</c> getter marks the copy stale (a version number, since the caller writes after the getter
/// returns); <c>Predict</c> checks the version on entry and rebuilds a stale copy into a new array that it then
/// publishes (never one another thread may be reading); optimizer steps keep an existing copy current in place
/// (training members are not thread-safe with <c>Predict</c>).
/// </summary>
internal static class PackedCopyEmitter
{
    private const string Volatile = "global::System.Threading.Volatile";

    public static void EmitFields(IndentedWriter w, NeuronLayout layout)
    {
        w.Line($"private const int NetGenPackedLength = {layout.Length};");
        w.Line("private int _netgenParametersVersion;");
        w.Line("private NetGenPackedCopy? _netgenPacked;");
    }

    /// <summary>The <c>Parameters</c> getter's body, which marks the copy stale.</summary>
    public static void EmitParametersGetter(IndentedWriter w)
    {
        using (w.Block("get"))
        {
            w.Comment("The caller may write through the span: from now on the packed copy Predict reads is stale.");
            w.Line("global::System.Threading.Interlocked.Increment(ref _netgenParametersVersion);");
            w.Line("return _netgenParameters;");
        }
    }

    public static void EmitMembers(IndentedWriter w, NeuronLayout layout)
    {
        w.Line();
        w.Line("/// <summary>A published packed copy of the parameters, and the parameter version it was made from.</summary>");
        using (w.Block("private sealed class NetGenPackedCopy"))
        {
            w.Line("public NetGenPackedCopy(float[] data, int version) { Data = data; Version = version; }");
            w.Line("public readonly float[] Data;");
            w.Line("public int Version;");
        }
        w.Line();
        w.Comment("The packed copy for Predict; a stale one (Parameters handed out since) is rebuilt into a new array and published.");
        using (w.Block("private float[] NetGenPackedWeights()"))
        {
            w.Line($"NetGenPackedCopy? copy = {Volatile}.Read(ref _netgenPacked);");
            w.Line($"int version = {Volatile}.Read(ref _netgenParametersVersion);");
            w.Line("if (copy != null && copy.Version == version) return copy.Data;");
            w.Line("float[] data = new float[NetGenPackedLength];");
            w.Line("NetGenPack(_netgenParameters, data);");
            w.Line($"{Volatile}.Write(ref _netgenPacked, new NetGenPackedCopy(data, version));");
            w.Line("return data;");
        }
        w.Line();
        w.Comment("After an optimizer step: an existing packed copy follows the parameters, in place.");
        using (w.Block("private void NetGenRefreshPacked()"))
        {
            w.Line("NetGenPackedCopy? copy = _netgenPacked;");
            w.Line("if (copy == null) return;");
            w.Line("NetGenPack(_netgenParameters, copy.Data);");
            w.Line($"copy.Version = {Volatile}.Read(ref _netgenParametersVersion);");
        }
        w.Line();
        NeuronKernelEmitter.EmitPack(w, layout);
    }

    /// <summary>Predict's body: the across-neuron kernel of the preferred width, else the scalar kernel.</summary>
    public static void EmitPredictDispatch(IndentedWriter w, System.Collections.Generic.IEnumerable<VectorWidth> widths)
    {
        w.Line("int width = global::NetGen.Runtime.SimdOptions.PreferredWidth;");
        bool first = true;
        foreach (var width in widths)
        {
            w.Line($"{(first ? "if" : "else if")} (width >= {width.Bits}) {NeuronKernelEmitter.MethodName(width)}(NetGenPackedWeights(), input, output);");
            first = false;
        }
        w.Line("else NetGenForwardKernel(_netgenParameters, input, output);");
    }
}
