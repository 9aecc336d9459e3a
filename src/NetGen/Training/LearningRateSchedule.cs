using System;

namespace NetGen.Training;

/// <summary>
/// The learning rate of each epoch of a <see cref="Trainer.Fit"/> run, set through <see cref="INetwork.LearningRate"/>
/// before the epoch's first batch. Epochs are counted from 0, as PyTorch's schedulers count them.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate for <paramref name="epoch"/>.</summary>
    /// <param name="epoch">0-based epoch.</param>
    /// <param name="epochs">Number of epochs of the run.</param>
    /// <param name="initial">The network's learning rate when the run started.</param>
    /// <returns>A finite learning rate greater than 0.</returns>
    public abstract float LearningRate(int epoch, int epochs, float initial);

    /// <summary>The network's own learning rate for every epoch.</summary>
    public static LearningRateSchedule Constant { get; } = new ConstantSchedule();

    /// <summary>
    /// <c>initial · gamma^⌊epoch / stepSize⌋</c> (PyTorch's <c>StepLR</c>).
    /// </summary>
    /// <param name="stepSize">Epochs between decays (≥ 1).</param>
    /// <param name="gamma">Factor of each decay, in (0, 1].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static LearningRateSchedule Step(int stepSize, float gamma)
    {
        if (stepSize < 1) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "The step size must be at least 1 epoch.");
        if (!(gamma > 0f && gamma <= 1f)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Gamma must be in (0, 1].");
        return new StepSchedule(stepSize, gamma);
    }

    /// <summary>
    /// <c>minimum + (initial − minimum)·(1 + cos(π·epoch/epochs))/2</c> (PyTorch's <c>CosineAnnealingLR</c> with
    /// <c>T_max</c> = the run's epochs).
    /// </summary>
    /// <param name="minimum">The learning rate the curve tends to (≥ 0, below the initial rate).</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is negative or not finite.</exception>
    public static LearningRateSchedule Cosine(float minimum = 0f)
    {
        if (!(minimum >= 0f) || float.IsInfinity(minimum)) throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "The minimum learning rate must be finite and at least 0.");
        return new CosineSchedule(minimum);
    }

    /// <summary>
    /// A linear warm-up over the first <paramref name="epochs"/> epochs, then <paramref name="after"/>: PyTorch's
    /// <c>LinearLR(start_factor, end_factor=1.0, total_iters=epochs)</c> followed by <paramref name="after"/> as
    /// <c>SequentialLR(…, milestones=[epochs])</c> chains them. For epoch <c>e &lt; w</c> (w = <paramref name="epochs"/>) the rate is
    /// <c>initial · (s + (1 − s)·e/w)</c>, s = <paramref name="startFactor"/> (LinearLR's closed form); from epoch w on it is
    /// <c>after.LearningRate(e − w, runEpochs − w, initial)</c>: the later schedule counts its epochs from 0 at the end of the
    /// warm-up, over the epochs left (a <see cref="Cosine"/> after it is <c>CosineAnnealingLR</c> with <c>T_max</c> = run − w).
    /// </summary>
    /// <param name="epochs">Warm-up epochs w (≥ 1).</param>
    /// <param name="after">The schedule from epoch w on; <see langword="null"/> for <see cref="Constant"/> (LinearLR alone).</param>
    /// <param name="startFactor">The factor of the first epoch's rate, in (0, 1]; PyTorch's default 1/3.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is less than 1, or <paramref name="startFactor"/> is outside (0, 1].</exception>
    public static LearningRateSchedule Warmup(int epochs, LearningRateSchedule? after = null, float startFactor = 1f / 3f)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "The warm-up lasts at least 1 epoch.");
        if (!(startFactor > 0f && startFactor <= 1f)) throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "The start factor must be in (0, 1].");
        return new WarmupSchedule(epochs, after ?? Constant, startFactor);
    }

    private sealed class WarmupSchedule : LearningRateSchedule
    {
        private readonly int _epochs;
        private readonly LearningRateSchedule _after;
        private readonly float _startFactor;

        public WarmupSchedule(int epochs, LearningRateSchedule after, float startFactor)
        {
            _epochs = epochs;
            _after = after;
            _startFactor = startFactor;
        }

        public override float LearningRate(int epoch, int epochs, float initial)
            => epoch < _epochs
                ? (float)(initial * (_startFactor + (1.0 - _startFactor) * epoch / _epochs))
                : _after.LearningRate(epoch - _epochs, Math.Max(1, epochs - _epochs), initial);
    }

    private sealed class ConstantSchedule : LearningRateSchedule
    {
        public override float LearningRate(int epoch, int epochs, float initial) => initial;
    }

    private sealed class StepSchedule : LearningRateSchedule
    {
        private readonly int _stepSize;
        private readonly float _gamma;

        public StepSchedule(int stepSize, float gamma)
        {
            _stepSize = stepSize;
            _gamma = gamma;
        }

        public override float LearningRate(int epoch, int epochs, float initial)
            => (float)(initial * Math.Pow(_gamma, epoch / _stepSize));
    }

    private sealed class CosineSchedule : LearningRateSchedule
    {
        private readonly float _minimum;

        public CosineSchedule(float minimum) => _minimum = minimum;

        public override float LearningRate(int epoch, int epochs, float initial)
            => (float)(_minimum + (initial - _minimum) * (1 + Math.Cos(Math.PI * epoch / epochs)) / 2);
    }
}
