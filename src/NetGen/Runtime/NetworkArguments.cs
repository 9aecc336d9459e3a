using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>
/// Argument checks shared by the members NetGen generates. This type is infrastructure for generated code;
/// it is not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkArguments
{
    /// <summary>Checks that a span has exactly the length a generated member requires.</summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="expected">The length the member requires.</param>
    /// <param name="paramName">The name of the member's parameter, reported as <see cref="ArgumentException.ParamName"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="actual"/> differs from <paramref name="expected"/>.</exception>
    /// <remarks>Inlined into the caller (one compare and a branch never taken); the throw is out of line.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckLength(int actual, int expected, string paramName)
    {
        if (actual != expected)
        {
            ThrowLength(actual, expected, paramName);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLength(int actual, int expected, string paramName) =>
        throw new ArgumentException($"Expected length {expected}, got {actual}.", paramName);

    /// <summary>
    /// Checks the spans of a batch member: <paramref name="inputsLength"/> must hold a whole number <c>n</c> of samples of
    /// <paramref name="inputSize"/> values, and <paramref name="otherLength"/> exactly <c>n</c> rows of
    /// <paramref name="otherSize"/> values (the outputs or the targets).
    /// </summary>
    /// <param name="inputsLength">The length of the inputs span.</param>
    /// <param name="inputSize">The number of inputs of one sample (positive).</param>
    /// <param name="inputsName">The name of the inputs parameter, reported as <see cref="ArgumentException.ParamName"/>.</param>
    /// <param name="otherLength">The length of the second span (outputs or targets).</param>
    /// <param name="otherSize">The number of values of one row of the second span (positive).</param>
    /// <param name="otherName">The name of the second parameter, reported as <see cref="ArgumentException.ParamName"/>.</param>
    /// <param name="allowEmpty">Whether an empty batch (<c>n = 0</c>) is accepted.</param>
    /// <returns>The number of samples <c>n</c>.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="inputsLength"/> is not a multiple of <paramref name="inputSize"/>, or the batch is empty and
    /// <paramref name="allowEmpty"/> is <see langword="false"/> (<see cref="ArgumentException.ParamName"/> is
    /// <paramref name="inputsName"/>); or <paramref name="otherLength"/> is not <c>n·</c><paramref name="otherSize"/>
    /// (<see cref="ArgumentException.ParamName"/> is <paramref name="otherName"/>).
    /// </exception>
    public static int CheckBatch(
        int inputsLength,
        int inputSize,
        string inputsName,
        int otherLength,
        int otherSize,
        string otherName,
        bool allowEmpty)
    {
        if (inputSize <= 0 || inputsLength % inputSize != 0)
        {
            throw new ArgumentException(
                $"Expected a length that is a multiple of {inputSize} (one row per sample), got {inputsLength}.",
                inputsName);
        }

        int n = inputsLength / inputSize;
        if (n == 0 && !allowEmpty)
        {
            throw new ArgumentException(
                $"At least one sample is required: expected a length that is a positive multiple of {inputSize}, got 0.",
                inputsName);
        }

        long expectedOther = (long)n * otherSize;
        if (otherLength != expectedOther)
        {
            throw new ArgumentException(
                $"Expected length {expectedOther} ({n} samples × {otherSize}), got {otherLength}.",
                otherName);
        }

        return n;
    }

    /// <summary>
    /// Checks that every target of a cross-entropy loss (<c>CrossEntropy</c>, <c>BinaryCrossEntropy</c>) is a probability: a
    /// number in [0, 1]. PyTorch's <c>nn.BCELoss</c> requires the same; for <c>nn.CrossEntropyLoss</c> with probability
    /// targets a value outside [0, 1] gives a meaningless (possibly negative) loss. One comparison per target value.
    /// </summary>
    /// <param name="targets">The targets of one sample or of a batch (any number of rows).</param>
    /// <param name="rowSize">Values per sample, to name the sample and the output in the message (positive).</param>
    /// <param name="paramName">The name of the member's parameter, reported as <see cref="ArgumentException.ParamName"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A target is NaN or outside [0, 1] (the message names the sample, the output and the value).</exception>
    public static void CheckProbabilities(ReadOnlySpan<float> targets, int rowSize, string paramName)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            float t = targets[i];
            if (!(t >= 0f && t <= 1f))
            {
                throw new ArgumentOutOfRangeException(
                    paramName,
                    t,
                    $"Targets of a cross-entropy loss must be probabilities in [0, 1]: sample {i / rowSize}, output {i % rowSize} is {t.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.");
            }
        }
    }
}
