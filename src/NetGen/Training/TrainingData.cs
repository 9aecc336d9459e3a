using System;
using NetGen.Runtime;

namespace NetGen.Training;

/// <summary>
/// Small helpers around training data: the index of the largest output (<see cref="ArgMax(ReadOnlySpan{float})"/>),
/// classification accuracy, one-hot targets from class labels and a seeded train/validation split. Every method checks its
/// arguments and names the bad one (<see cref="ArgumentException.ParamName"/>).
/// </summary>
public static class TrainingData
{
    /// <summary>
    /// The index of the largest value, the first one when several are equal (as <c>torch.argmax</c>); a NaN counts as larger
    /// than every number (as PyTorch's), so the first NaN wins.
    /// </summary>
    /// <param name="values">At least one value.</param>
    /// <returns>An index into <paramref name="values"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty) throw new ArgumentException("There is no value to take the largest of.", nameof(values));
        int best = 0;
        float max = values[0];
        if (float.IsNaN(max)) return 0;
        for (int i = 1; i < values.Length; i++)
        {
            float v = values[i];
            if (float.IsNaN(v)) return i;
            if (v > max)
            {
                max = v;
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// <see cref="ArgMax(ReadOnlySpan{float})"/> of each row of a row-major <c>[n, width]</c> span (network outputs from
    /// <c>PredictBatch</c>, one-hot targets).
    /// </summary>
    /// <param name="rows"><c>n · width</c> values.</param>
    /// <param name="width">The values of one row (≥ 1).</param>
    /// <param name="result">Receives the <c>n</c> indices; exactly <c>n</c> long.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The length of <paramref name="rows"/> is not a multiple of <paramref name="width"/>, or <paramref name="result"/> is not one index per row.</exception>
    public static void ArgMax(ReadOnlySpan<float> rows, int width, Span<int> result)
    {
        int n = Rows(rows, width, nameof(rows));
        if (result.Length != n) throw new ArgumentException($"Expected {n} indices (one per row), got {result.Length}.", nameof(result));
        for (int i = 0; i < n; i++) result[i] = ArgMax(rows.Slice(i * width, width));
    }

    /// <summary>
    /// The fraction of rows classified right: the argmax of the output row equals the argmax of the target row (one-hot or
    /// probability targets). With <paramref name="width"/> 1 (a single Sigmoid output) a row is right when
    /// <c>output ≥ 0.5</c> and <c>target ≥ 0.5</c> agree.
    /// </summary>
    /// <param name="outputs">Row-major <c>[n, width]</c> outputs (<c>PredictBatch</c>).</param>
    /// <param name="targets">Row-major <c>[n, width]</c> targets, as long as <paramref name="outputs"/>.</param>
    /// <param name="width">The values of one row (the network's <c>OutputSize</c>, ≥ 1).</param>
    /// <returns>A value in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputs"/> is empty or not a multiple of <paramref name="width"/>, or <paramref name="targets"/> has another length.</exception>
    public static float Accuracy(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int width)
    {
        int n = Rows(outputs, width, nameof(outputs));
        if (n == 0) throw new ArgumentException("There are no samples.", nameof(outputs));
        if (targets.Length != outputs.Length) throw new ArgumentException($"Expected {outputs.Length} targets (as many as outputs), got {targets.Length}.", nameof(targets));
        int right = 0;
        for (int i = 0; i < n; i++)
        {
            bool ok = width == 1
                ? outputs[i] >= 0.5f == targets[i] >= 0.5f
                : ArgMax(outputs.Slice(i * width, width)) == ArgMax(targets.Slice(i * width, width));
            if (ok) right++;
        }

        return (float)right / n;
    }

    /// <summary>One-hot targets <c>[n, classes]</c> from class labels: a 1 at each label, 0 elsewhere (<c>F.one_hot(labels, classes).float()</c>).</summary>
    /// <param name="labels">Class indices in <c>[0, classes)</c>.</param>
    /// <param name="classes">The number of classes (≥ 1).</param>
    /// <returns>A new array of <c>labels.Length · classes</c> values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is less than 1, or a label is outside <c>[0, classes)</c> (<see cref="ArgumentException.ParamName"/> "labels").</exception>
    /// <exception cref="ArgumentException"><c>labels.Length · classes</c> is too large for an array.</exception>
    public static float[] OneHot(ReadOnlySpan<int> labels, int classes)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "There must be at least one class.");
        long length = (long)labels.Length * classes;
        if (length > int.MaxValue) throw new ArgumentException($"{labels.Length} labels of {classes} classes are too many values for one array.", nameof(labels));
        var result = new float[length];
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            if ((uint)label >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(labels), label, $"Label {i} is {label}, outside [0, {classes}).");
            result[i * classes + label] = 1f;
        }

        return result;
    }

    /// <summary>
    /// Splits samples into a training and a validation set, shuffled by a seeded Fisher–Yates shuffle on NetGen's own
    /// SplitMix64 generator (<see cref="DeterministicRandom"/> from <see cref="DeterministicRandom.SeedFrom"/>), so that a
    /// seed gives the same split on every platform and runtime. The first <c>round(n · validationFraction)</c> shuffled
    /// samples (midpoints away from zero) go to validation, the others to training, both in shuffled order; each sample's
    /// input row and target row stay together.
    /// </summary>
    /// <param name="inputs">Row-major <c>[n, inputSize]</c> inputs.</param>
    /// <param name="targets">Row-major <c>[n, targetSize]</c> targets, the same <c>n</c>.</param>
    /// <param name="inputSize">Values of one input row (≥ 1).</param>
    /// <param name="targetSize">Values of one target row (≥ 1).</param>
    /// <param name="validationFraction">The share of samples for validation, in [0, 1].</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <returns>The four arrays.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1, or <paramref name="validationFraction"/> is outside [0, 1] or NaN.</exception>
    /// <exception cref="ArgumentException">A length is not a multiple of its row size, or the inputs and targets hold different numbers of samples.</exception>
    public static TrainValidationSplit Split(
        ReadOnlySpan<float> inputs,
        ReadOnlySpan<float> targets,
        int inputSize,
        int targetSize,
        float validationFraction,
        int seed)
    {
        int n = Rows(inputs, inputSize, nameof(inputs));
        int m = Rows(targets, targetSize, nameof(targets));
        if (m != n) throw new ArgumentException($"The inputs hold {n} samples but the targets {m}.", nameof(targets));
        if (!(validationFraction >= 0f && validationFraction <= 1f)) throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in [0, 1].");

        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var random = new DeterministicRandom(DeterministicRandom.SeedFrom(seed));
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)(random.NextUInt64() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        int validation = (int)Math.Round((double)n * validationFraction, MidpointRounding.AwayFromZero);
        int training = n - validation;
        var split = new TrainValidationSplit(
            new float[training * inputSize], new float[training * targetSize], new float[validation * inputSize], new float[validation * targetSize]);
        for (int k = 0; k < n; k++)
        {
            int sample = order[k];
            bool toValidation = k < validation;
            int row = toValidation ? k : k - validation;
            inputs.Slice(sample * inputSize, inputSize).CopyTo((toValidation ? split.ValidationInputs : split.TrainingInputs).AsSpan(row * inputSize, inputSize));
            targets.Slice(sample * targetSize, targetSize).CopyTo((toValidation ? split.ValidationTargets : split.TrainingTargets).AsSpan(row * targetSize, targetSize));
        }

        return split;
    }

    private static int Rows(ReadOnlySpan<float> values, int width, string name)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(name == "targets" ? "targetSize" : name == "inputs" ? "inputSize" : "width", width, "A row holds at least one value.");
        if (values.Length % width != 0) throw new ArgumentException($"{values.Length} values are not whole rows of {width}.", name);
        return values.Length / width;
    }
}

/// <summary>The result of <see cref="TrainingData.Split"/>: row-major inputs and targets of the training and the validation samples.</summary>
public sealed class TrainValidationSplit
{
    internal TrainValidationSplit(float[] trainingInputs, float[] trainingTargets, float[] validationInputs, float[] validationTargets)
    {
        TrainingInputs = trainingInputs;
        TrainingTargets = trainingTargets;
        ValidationInputs = validationInputs;
        ValidationTargets = validationTargets;
    }

    /// <summary>Gets the training samples' inputs.</summary>
    public float[] TrainingInputs { get; }

    /// <summary>Gets the training samples' targets.</summary>
    public float[] TrainingTargets { get; }

    /// <summary>Gets the validation samples' inputs (empty with a fraction of 0).</summary>
    public float[] ValidationInputs { get; }

    /// <summary>Gets the validation samples' targets.</summary>
    public float[] ValidationTargets { get; }
}
