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
    public const string Conv1D = "NetGen.Conv1DAttribute";
    public const string Conv2D = "NetGen.Conv2DAttribute";
    public const string MaxPool1D = "NetGen.MaxPool1DAttribute";
    public const string MaxPool2D = "NetGen.MaxPool2DAttribute";
    public const string AvgPool1D = "NetGen.AvgPool1DAttribute";
    public const string AvgPool2D = "NetGen.AvgPool2DAttribute";
    public const string GlobalAvgPool = "NetGen.GlobalAvgPoolAttribute";
    public const string Flatten = "NetGen.FlattenAttribute";
    public const string LayerNorm = "NetGen.LayerNormAttribute";
    public const string BatchNorm = "NetGen.BatchNormAttribute";

    /// <summary>The attributes of the shaped and normalisation layers, by metadata name, with the kind each declares.</summary>
    public static readonly System.Collections.Generic.Dictionary<string, ParsedLayerKind> ShapedLayers = new()
    {
        [Conv1D] = ParsedLayerKind.Conv1D,
        [Conv2D] = ParsedLayerKind.Conv2D,
        [MaxPool1D] = ParsedLayerKind.MaxPool1D,
        [MaxPool2D] = ParsedLayerKind.MaxPool2D,
        [AvgPool1D] = ParsedLayerKind.AvgPool1D,
        [AvgPool2D] = ParsedLayerKind.AvgPool2D,
        [GlobalAvgPool] = ParsedLayerKind.GlobalAvgPool,
        [Flatten] = ParsedLayerKind.Flatten,
        [LayerNorm] = ParsedLayerKind.LayerNorm,
        [BatchNorm] = ParsedLayerKind.BatchNorm,
    };

    /// <summary>Members generated on networks with BatchNorm layers only (a user's member of that name clashes only there).</summary>
    public static readonly string[] StatisticsMembers = { "RunningStatistics", "RunningStatisticsSize", "_netgenStatistics" };

    /// <summary>Members generated on sequence networks only (a user's member of that name clashes only there).</summary>
    public static readonly string[] SequenceMembers =
    {
        "State", "ResetState", "PredictSequence", "SequenceLength", "StateSize",
        "NetGenStep", "NetGenSequenceGradient", "NetGenSequenceBatch", "NetGenTrainingForwardKernel", "NetGenCarryGradientKernel", "NetGenSequenceLaneKernels",
        "NetGenCarryInputGradientKernel", "NetGenSequenceStates", "NetGenSequenceBackward", "NetGenSequenceInputGradient",
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
        "LoadSafetensors", "SaveSafetensors", "NetGenSafetensorsTensors", "NetGenBakedWeights", "SaveOnnx",
        "Backward", "BackwardBatch", "ApplyGradient", "InputGradient",
        // Private helpers and fields of the generated part.
        "NetGenForwardKernel", "NetGenLossKernel", "NetGenGradientKernel", "NetGenBackwardKernel", "NetGenBackwardInputKernel", "NetGenInputGradientKernel", "NetGenBatchGradient", "NetGenApplyOptimizerStep",
        "NetGenParametersWritten", "NetGenReadFile", "NetGenRestore", "NetGenPack", "NetGenPackedLength", "_netgenPacked",
        "_netgenParameters", "_netgenGradient", "_netgenVelocity", "_netgenAdamM", "_netgenAdamV", "_netgenStep", "_netgenLearningRate",
        "NetGenDrawMask", "_netgenDropout", "_netgenLayers",
    };

    /// <summary>True for a generated name, including the numbered parts of a split kernel (<c>NetGenGradientKernelPart3</c>).</summary>
    public static bool IsGenerated(string name)
        => System.Array.IndexOf(GeneratedMembers, name) >= 0
            || (name.StartsWith("NetGen", System.StringComparison.Ordinal) && (name.Contains("KernelPart") || name.Contains("Lanes")))
            || name == "_netgenLaneGradient"
            || name.StartsWith("NetGenLayer", System.StringComparison.Ordinal) || name.StartsWith("_netgenLayer", System.StringComparison.Ordinal)
            || name.StartsWith("NetGenGpu", System.StringComparison.Ordinal);
}
