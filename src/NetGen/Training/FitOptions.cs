using System;

namespace NetGen.Training;

/// <summary>Settings of a <see cref="Trainer.Fit"/> run. Every property has a usable default.</summary>
public sealed class FitOptions
{
    /// <summary>Number of passes over the training set (default 10).</summary>
    public int Epochs { get; set; } = 10;

    /// <summary>Samples per optimizer step (default 32); the last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Whether the samples are visited in a new random order each epoch (default true).</summary>
    public bool Shuffle { get; set; } = true;

    /// <summary>Seed of the shuffling (NetGen's own generator: the same seed gives the same order on every platform).</summary>
    public int Seed { get; set; }

    /// <summary>Row-major validation features <c>[m, InputSize]</c>; empty (the default) for none.</summary>
    public ReadOnlyMemory<float> ValidationInputs { get; set; }

    /// <summary>Row-major validation targets <c>[m, OutputSize]</c>; empty for none.</summary>
    public ReadOnlyMemory<float> ValidationTargets { get; set; }

    /// <summary>
    /// Early stopping: stop after this many epochs without a validation loss lower than the best by more than
    /// <see cref="MinDelta"/>. 0 (the default) trains every epoch. Needs a validation set.
    /// </summary>
    public int Patience { get; set; }

    /// <summary>Improvement of the validation loss that counts as one (default 0).</summary>
    public float MinDelta { get; set; }

    /// <summary>With a validation set, put back the parameters of the epoch with the lowest validation loss at the end (default true).</summary>
    public bool RestoreBestParameters { get; set; } = true;

    /// <summary>Learning rate per epoch (default <see cref="LearningRateSchedule.Constant"/>).</summary>
    public LearningRateSchedule Schedule { get; set; } = LearningRateSchedule.Constant;
}
