namespace NetGen.Generator.Emit;

/// <summary>
/// What one "sample" of the own-loss members (<c>Backward</c>, <c>BackwardBatch</c>, <c>InputGradient</c>) is: a feed-forward or
/// layered network's one input row, or a sequence network's whole window of <c>SequenceLength</c> steps. The members are
/// printed once (<see cref="NetworkClassEmitter.WriteBackward"/>) from these lengths and words.
/// </summary>
/// <param name="InputLength">The C# expression of one sample's input length.</param>
/// <param name="OutputLength">The C# expression of one sample's output length (and so of its ∂L/∂y).</param>
/// <param name="TargetLength">The C# expression of one sample's target length (<c>InputGradient</c>).</param>
/// <param name="Input">Doc text of one sample's input.</param>
/// <param name="OutputGradient">Doc text of one sample's ∂L/∂y.</param>
/// <param name="InputGradient">Doc text of one sample's ∂L/∂x.</param>
/// <param name="Target">Doc text of one sample's targets.</param>
/// <param name="Rows">Doc text of a batch's shape prefix, with n.</param>
/// <param name="Outputs">Doc text naming y.</param>
internal sealed record OwnLossShape(string InputLength, string OutputLength, string TargetLength, string Input, string OutputGradient,
    string InputGradient, string Target, string Rows, string Outputs)
{
    /// <summary>One input row of <c>InputSize</c> values (feed-forward and layered networks).</summary>
    public static readonly OwnLossShape Sample = new(
        "InputSize", "OutputSize", "OutputSize",
        "The sample's <see cref=\"InputSize\"/> features.",
        "∂L/∂y for the sample's <see cref=\"OutputSize\"/> outputs",
        "the <see cref=\"InputSize\"/> values ∂L/∂x",
        "The sample's <see cref=\"OutputSize\"/> targets.",
        "n",
        "y is what <see cref=\"Predict\"/>");

    /// <summary>One window of <c>SequenceLength</c> steps (sequence networks), targets as <c>SequenceLoss</c> says.</summary>
    /// <param name="targetLength">One sequence's target length.</param>
    /// <param name="targetShape">Doc text of that shape.</param>
    public static OwnLossShape Sequence(string targetLength, string targetShape) => new(
        "SequenceLength * InputSize", "SequenceLength * OutputSize", targetLength,
        "The sequence's row-major <c>[SequenceLength, InputSize]</c> features.",
        "∂L/∂y(t) for the sequence's outputs at every step, row-major <c>[SequenceLength, OutputSize]</c>",
        "the row-major <c>[SequenceLength, InputSize]</c> values ∂L/∂x(t)",
        $"The sequence's targets, {targetShape}.",
        "n, SequenceLength",
        "y(t) is what <see cref=\"PredictSequence\"/>");
}
