using System;

namespace NetGen;

/// <summary>
/// Batch normalisation, then the activation (as in the usual Linear → BatchNorm → ReLU): PyTorch's <c>nn.BatchNorm1d</c>
/// over the features of a flat input or the channels of a <c>[channels, length]</c> one, <c>nn.BatchNorm2d</c> over the
/// channels of a <c>[channels, height, width]</c> one, with ε = 1e-5 and momentum 0.1:
/// <c>y = f((x − μ) / √(σ² + ε) · weight + bias)</c> per feature or channel.
/// </summary>
/// <remarks>
/// <para>
/// The training members that step (<c>TrainStep</c>, <c>TrainBatch</c>) and the gradient members (<c>Gradient</c>,
/// <c>GradientBatch</c>) use the batch's own statistics (μ and the biased σ² over the samples, and over the positions of a
/// shaped input), as PyTorch's training mode; <c>TrainStep</c> and <c>TrainBatch</c> also update the running statistics,
/// <c>running = 0.9·running + 0.1·batch</c> (the variance unbiased there, n/(n − 1)), and count
/// <c>num_batches_tracked</c>. <c>Predict</c>, <c>PredictBatch</c> and <c>Evaluate</c> use the running statistics, as
/// PyTorch's evaluation mode.
/// </para>
/// <para>
/// Parameters, in <c>Parameters</c> order and under PyTorch's names: <c>weight</c> then <c>bias</c>, one per feature or
/// channel, initialised to 1 and 0. The running statistics (<c>running_mean</c> = 0, <c>running_var</c> = 1,
/// <c>num_batches_tracked</c> = 0 at the start) are not parameters: <c>Save</c>/<c>Load</c> and the safetensors members carry
/// them, and <c>RunningStatistics</c> reads them. The normalisation is one <c>nn.Sequential</c> module and a non-Identity
/// activation one more.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="BatchNormAttribute"/> class.</summary>
    /// <param name="activation">The activation applied after the normalisation (not Softmax).</param>
    public BatchNormAttribute(Activation activation = Activation.Identity)
    {
        Activation = activation;
    }

    /// <summary>Gets the activation applied after the normalisation.</summary>
    public Activation Activation { get; }
}
