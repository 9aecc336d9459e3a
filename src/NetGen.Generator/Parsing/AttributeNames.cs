namespace NetGen.Generator.Parsing;

/// <summary>Metadata names of the runtime's attributes and the names the generator gives its members.</summary>
internal static class AttributeNames
{
    public const string Network = "NetGen.NetworkAttribute";
    public const string Input = "NetGen.InputAttribute";
    public const string Dense = "NetGen.DenseAttribute";
    public const string Dropout = "NetGen.DropoutAttribute";
    public const string Gru = "NetGen.GruAttribute";
    public const string Lstm = "NetGen.LstmAttribute";
    public const string Rnn = "NetGen.RnnAttribute";
    public const string CausalConv1D = "NetGen.CausalConv1DAttribute";

    /// <summary>Members generated on sequence networks only (a user's member of that name clashes only there).</summary>
    public static readonly string[] SequenceMembers =
    {
        "State", "ResetState", "PredictSequence", "SequenceLength", "StateSize",
        "NetGenStep", "NetGenSequenceGradient", "NetGenSequenceBatch", "NetGenTrainingForwardKernel", "NetGenCarryGradientKernel", "NetGenSequenceLaneKernels",
        "NetGenStepVector128", "NetGenStepVector256", "NetGenPredictSequences", "NetGenPredictParts", "_netgenStepPacked", "_netgenState", "_netgenSequence",
    };

    /// <summary>True for a name in <see cref="SequenceMembers"/> or a private helper of the sequence drivers.</summary>
    public static bool IsSequenceMember(string name)
        => System.Array.IndexOf(SequenceMembers, name) >= 0 || name.StartsWith("_netgenSequence", System.StringComparison.Ordinal);

    /// <summary>Members NetGen generates on the user's class; a user member with one of these names is a clash.</summary>
    public static readonly string[] GeneratedMembers =
    {
        "InputSize", "OutputSize", "ParameterCount", "Parameters", "SetParameters", "LearningRate",
        "Predict", "PredictBatch", "Gradient", "GradientBatch", "TrainStep", "TrainBatch", "Evaluate",
        "Save", "Load", "Restore", "LayoutFingerprint",
        // Emitted when the consumer references ILGPU.
        "GpuTrainer",
        "LoadSafetensors", "SaveSafetensors", "NetGenSafetensorsTensors", "NetGenBakedWeights",
        // Private helpers and fields of the generated part.
        "NetGenForwardKernel", "NetGenLossKernel", "NetGenGradientKernel", "NetGenBatchGradient", "NetGenApplyOptimizerStep",
        "NetGenParametersWritten", "NetGenReadFile", "NetGenRestore", "NetGenPack", "NetGenPackedLength", "_netgenPacked",
        "_netgenParameters", "_netgenGradient", "_netgenVelocity", "_netgenAdamM", "_netgenAdamV", "_netgenStep", "_netgenLearningRate",
        "NetGenDrawMask", "_netgenDropout", "_netgenLayers",
    };

    /// <summary>True for a generated name, including the numbered parts of a split kernel (<c>NetGenGradientKernelPart3</c>).</summary>
    public static bool IsGenerated(string name)
        => System.Array.IndexOf(GeneratedMembers, name) >= 0
            || (name.StartsWith("NetGen", System.StringComparison.Ordinal) && (name.Contains("KernelPart") || name.Contains("Lanes")))
            || name == "_netgenLaneGradient"
            || name.StartsWith("NetGenGpu", System.StringComparison.Ordinal);
}
