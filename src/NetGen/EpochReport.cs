using System;

namespace NetGen;

/// <summary>
/// Progress of a training run, reported through <see cref="IProgress{T}"/> by the training loops (the runtime's
/// <c>Fit</c> and the generated GPU trainer's <c>Train</c>). A value type, so reporting allocates nothing.
/// </summary>
public readonly struct EpochReport : IEquatable<EpochReport>
{
    /// <summary>Creates a report.</summary>
    /// <param name="epoch">1-based epoch the report is about.</param>
    /// <param name="epochCount">Number of epochs of the run (may be cut short by early stopping).</param>
    /// <param name="batch">1-based batch within the epoch reached so far (equals <paramref name="batchCount"/> at the end of the epoch).</param>
    /// <param name="batchCount">Number of batches per epoch.</param>
    /// <param name="loss">Mean training loss over the samples of the epoch seen so far.</param>
    /// <param name="validationLoss">Mean loss on the validation set at the end of the epoch; <see cref="float.NaN"/> when there is none (or mid-epoch).</param>
    /// <param name="samplesPerSecond">Training throughput over the epoch so far.</param>
    /// <param name="elapsed">Time since the run started.</param>
    public EpochReport(int epoch, int epochCount, int batch, int batchCount, float loss, float validationLoss, double samplesPerSecond, TimeSpan elapsed)
    {
        Epoch = epoch;
        EpochCount = epochCount;
        Batch = batch;
        BatchCount = batchCount;
        Loss = loss;
        ValidationLoss = validationLoss;
        SamplesPerSecond = samplesPerSecond;
        Elapsed = elapsed;
    }

    /// <summary>1-based epoch the report is about.</summary>
    public int Epoch { get; }

    /// <summary>Number of epochs of the run.</summary>
    public int EpochCount { get; }

    /// <summary>1-based batch within the epoch reached so far; equals <see cref="BatchCount"/> when the epoch is complete.</summary>
    public int Batch { get; }

    /// <summary>Number of batches per epoch.</summary>
    public int BatchCount { get; }

    /// <summary>Mean training loss over the samples of the epoch seen so far (the loss before each step).</summary>
    public float Loss { get; }

    /// <summary>Mean validation loss at the end of the epoch, or <see cref="float.NaN"/> when there is no validation set.</summary>
    public float ValidationLoss { get; }

    /// <summary>Training samples processed per second over the epoch so far.</summary>
    public double SamplesPerSecond { get; }

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Whether the report ends its epoch (<see cref="Batch"/> = <see cref="BatchCount"/>).</summary>
    public bool IsEpochComplete => Batch == BatchCount;

    /// <inheritdoc/>
    public bool Equals(EpochReport other) =>
        Epoch == other.Epoch && EpochCount == other.EpochCount && Batch == other.Batch && BatchCount == other.BatchCount
        && Loss.Equals(other.Loss) && ValidationLoss.Equals(other.ValidationLoss)
        && SamplesPerSecond.Equals(other.SamplesPerSecond) && Elapsed == other.Elapsed;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EpochReport other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Epoch, Batch, Loss, ValidationLoss, SamplesPerSecond, Elapsed);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Format(
            System.Globalization.CultureInfo.InvariantCulture,
            "epoch {0}/{1} batch {2}/{3} loss {4:G6}{5} {6:N0} samples/s",
            Epoch, EpochCount, Batch, BatchCount, Loss,
            float.IsNaN(ValidationLoss) ? string.Empty : string.Format(System.Globalization.CultureInfo.InvariantCulture, " val {0:G6}", ValidationLoss),
            SamplesPerSecond);
}
