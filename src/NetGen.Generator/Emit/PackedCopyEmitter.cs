namespace NetGen.Generator.Emit;

/// <summary>
/// The packed weight copy of <see cref="NeuronLayout"/> that batch-1 <c>Predict</c> reads. It is allocated with the
/// instance and rewritten in place by every write of the parameters (<c>SetParameters</c>, <c>Restore</c>,
/// <c>LoadSafetensors</c>, the constructors and every optimizer step all end in <c>NetGenParametersWritten</c>), so it
/// is never stale and never reallocated. <c>Parameters</c> is a read-only view: nothing can write the parameters
/// without passing through that one path.
/// </summary>
internal static class PackedCopyEmitter
{
    public static void EmitFields(IndentedWriter w, NeuronLayout layout)
    {
        w.Line($"private const int NetGenPackedLength = {layout.Length};");
        w.Comment("Pinned, so that the kernels can read it from its first 64-byte boundary (AlignedWeights.Start): no vector load straddles two cache lines.");
        w.Line("private readonly float[] _netgenPacked = global::NetGen.Runtime.AlignedWeights.Allocate(NetGenPackedLength);");
    }

    /// <summary>The body of <c>NetGenParametersWritten</c> when there is a packed copy: repack it in place.</summary>
    public static void EmitRefresh(IndentedWriter w)
    {
        w.Comment("The transposed, padded copy batch-1 Predict reads follows the parameters, in place.");
        w.Line("NetGenPack(_netgenParameters, _netgenPacked);");
    }

    public static void EmitMembers(IndentedWriter w, NeuronLayout layout)
    {
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
            w.Line($"{(first ? "if" : "else if")} (width >= {width.Bits}) {NeuronKernelEmitter.MethodName(width)}(_netgenPacked, input, output);");
            first = false;
        }
        w.Line("else NetGenForwardKernel(_netgenParameters, input, output);");
    }
}
