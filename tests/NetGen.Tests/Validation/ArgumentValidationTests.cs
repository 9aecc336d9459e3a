using System;
using System.Globalization;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Validation;

/// <summary>
/// Wrong span lengths throw <see cref="ArgumentException"/> naming the argument (<c>ParamName</c>) and stating the
/// expected length, before anything changes. Network: CeSgd, 4 inputs, 3 outputs, 51 parameters.
/// </summary>
public sealed class ArgumentValidationTests
{
    private const int In = 4, Out = 3, P = 51;

    private readonly CeSgd _net = new();

    [Fact]
    public void TheNetwork_HasTheSizesTheseTestsAssume()
    {
        Assert.Equal((In, Out, P), (CeSgd.InputSize, CeSgd.OutputSize, CeSgd.ParameterCount));
    }

    [Fact]
    public void Predict_RejectsWrongLengths()
    {
        AssertRejected("input", In, () => _net.Predict(new float[In - 1], new float[Out]));
        AssertRejected("input", In, () => _net.Predict(new float[In + 5], new float[Out]));
        AssertRejected("output", Out, () => _net.Predict(new float[In], new float[Out + 4]));
        AssertRejected("output", Out, () => _net.Predict(new float[In], Array.Empty<float>()));
    }

    [Fact]
    public void PredictBatch_RejectsWrongLengths()
    {
        AssertRejected("inputs", In, () => _net.PredictBatch(new float[2 * In + 1], new float[2 * Out]));
        AssertRejected("outputs", 2 * Out, () => _net.PredictBatch(new float[2 * In], new float[2 * Out - 1]));
        AssertRejected("outputs", 5 * Out, () => _net.PredictBatch(new float[5 * In], new float[7 * Out]));
    }

    [Fact]
    public void Gradient_RejectsWrongLengths()
    {
        AssertRejected("input", In, () => _net.Gradient(new float[In + 2], new float[Out], new float[P]));
        AssertRejected("target", Out, () => _net.Gradient(new float[In], new float[Out + 2], new float[P]));
        AssertRejected("gradient", P, () => _net.Gradient(new float[In], new float[Out], new float[P - 1]));
        AssertRejected("gradient", P, () => _net.Gradient(new float[In], new float[Out], new float[P + 9]));
    }

    [Fact]
    public void GradientBatch_RejectsWrongLengths()
    {
        AssertRejected("inputs", In, () => _net.GradientBatch(new float[3 * In - 1], new float[3 * Out], new float[P]));
        AssertRejected("targets", 3 * Out, () => _net.GradientBatch(new float[3 * In], new float[2 * Out], new float[P]));
        AssertRejected("gradient", P, () => _net.GradientBatch(new float[3 * In], new float[3 * Out], new float[P - 2]));
    }

    [Fact]
    public void TrainingMembers_RejectWrongLengths_AndChangeNothing()
    {
        float[] before = _net.Parameters.ToArray();
        AssertRejected("input", In, () => _net.TrainStep(new float[In + 1], new float[Out]));
        AssertRejected("target", Out, () => _net.TrainStep(new float[In], new float[Out - 1]));
        AssertRejected("inputs", In, () => _net.TrainBatch(new float[2 * In + 3], new float[2 * Out]));
        AssertRejected("targets", 2 * Out, () => _net.TrainBatch(new float[2 * In], new float[2 * Out + 1]));
        NumericAssert.Identical(before, _net.Parameters, "parameters after rejected training calls");

        // The rejected calls did not count as steps either: the next step is the first.
        var fresh = new CeSgd();
        fresh.SetParameters(before);
        float[] x = { 0.1f, -0.2f, 0.3f, 0.4f }, t = { 0, 1, 0 };
        Assert.Equal(fresh.TrainStep(x, t), _net.TrainStep(x, t));
        NumericAssert.Identical(fresh.Parameters, _net.Parameters, "the step after rejected calls");
    }

    [Fact]
    public void Evaluate_RejectsWrongLengths()
    {
        AssertRejected("inputs", In, () => _net.Evaluate(new float[In + 1], new float[Out]));
        AssertRejected("targets", 4 * Out, () => _net.Evaluate(new float[4 * In], new float[4 * Out + 2]));
    }

    [Fact]
    public void EmptyBatches_AreRejectedWhereAMeanIsTaken()
    {
        Assert.ThrowsAny<ArgumentException>(() => _net.GradientBatch(Array.Empty<float>(), Array.Empty<float>(), new float[P]));
        Assert.ThrowsAny<ArgumentException>(() => _net.TrainBatch(Array.Empty<float>(), Array.Empty<float>()));
        Assert.ThrowsAny<ArgumentException>(() => _net.Evaluate(Array.Empty<float>(), Array.Empty<float>()));
    }

    private static void AssertRejected(string paramName, int expectedLength, Action call)
    {
        var e = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(paramName, e.ParamName);
        string expected = expectedLength.ToString(CultureInfo.InvariantCulture);
        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), $"the message should state the expected length {expected}: \"{e.Message}\"");
    }
}
