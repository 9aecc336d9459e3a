using System;

namespace NetGen.Training;

/// <summary>What a <see cref="Trainer.Fit"/> run did, epoch by epoch.</summary>
public sealed class FitResult
{
    internal FitResult(float[] trainingLosses, float[] validationLosses, float[] learningRates, int bestEpoch, bool stoppedEarly)
    {
        TrainingLosses = trainingLosses;
        ValidationLosses = validationLosses;
        LearningRates = learningRates;
        BestEpoch = bestEpoch;
        StoppedEarly = stoppedEarly;
    }

    /// <summary>Mean training loss of each epoch run (the loss before each step, weighted by batch size).</summary>
    public float[] TrainingLosses { get; }

    /// <summary>Validation loss at the end of each epoch run; <see cref="float.NaN"/> without a validation set.</summary>
    public float[] ValidationLosses { get; }

    /// <summary>Learning rate used in each epoch run.</summary>
    public float[] LearningRates { get; }

    /// <summary>Number of epochs run (fewer than asked when stopped early).</summary>
    public int EpochsRun => TrainingLosses.Length;

    /// <summary>1-based epoch with the lowest validation loss (the last epoch without a validation set).</summary>
    public int BestEpoch { get; }

    /// <summary>Whether early stopping ended the run.</summary>
    public bool StoppedEarly { get; }
}
