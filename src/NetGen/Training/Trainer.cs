using System;
using System.Diagnostics;
using NetGen.Runtime;

namespace NetGen.Training;

/// <summary>
/// A small training loop for any generated network: epochs of shuffled mini-batches through
/// <see cref="INetwork.TrainBatch"/>, an optional validation set with early stopping, learning-rate schedules and
/// progress per epoch. Buffers are allocated once per run; batches allocate nothing.
/// </summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="network"/> on row-major <paramref name="inputs"/> and <paramref name="targets"/>.</summary>
    /// <param name="network">The network; its parameters, optimizer state and learning rate change.</param>
    /// <param name="inputs">Training features <c>[n, InputSize]</c>, n ≥ 1.</param>
    /// <param name="targets">Training targets <c>[n, OutputSize]</c>.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="progress">Receives one <see cref="EpochReport"/> per epoch, on the calling thread.</param>
    /// <returns>Losses per epoch, the best epoch, and whether the run stopped early.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">A length or an option is invalid (the message names it).</exception>
    public static FitResult Fit(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, FitOptions? options = null, IProgress<EpochReport>? progress = null)
    {
        if (network is null) throw new ArgumentNullException(nameof(network));
        options ??= new FitOptions();
        int inputSize = network.InputSize, outputSize = network.OutputSize;
        int n = NetworkArguments.CheckBatch(inputs.Length, inputSize, nameof(inputs), targets.Length, outputSize, nameof(targets), allowEmpty: false);
        if (options.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "FitOptions.Epochs must be at least 1.");
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "FitOptions.BatchSize must be at least 1.");
        if (options.Patience < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Patience, "FitOptions.Patience must be at least 0.");
        if (options.Schedule is null) throw new ArgumentException("FitOptions.Schedule must not be null.", nameof(options));
        var validationInputs = options.ValidationInputs.Span;
        var validationTargets = options.ValidationTargets.Span;
        bool validate = validationInputs.Length > 0 || validationTargets.Length > 0;
        if (validate)
        {
            NetworkArguments.CheckBatch(validationInputs.Length, inputSize, "options.ValidationInputs", validationTargets.Length, outputSize, "options.ValidationTargets", allowEmpty: false);
        }
        if (options.Patience > 0 && !validate) throw new ArgumentException("FitOptions.Patience needs a validation set (ValidationInputs and ValidationTargets).", nameof(options));

        int epochs = options.Epochs;
        int batchSize = Math.Min(options.BatchSize, n);
        int batches = (n + batchSize - 1) / batchSize;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var batchInputs = new float[batchSize * inputSize];
        var batchTargets = new float[batchSize * outputSize];
        var best = validate && options.RestoreBestParameters ? new float[network.ParameterCount] : Array.Empty<float>();
        var training = new float[epochs];
        var validation = new float[epochs];
        var rates = new float[epochs];
        var random = new DeterministicRandom(DeterministicRandom.SeedFrom(options.Seed));
        float initialRate = network.LearningRate;
        float bestLoss = float.PositiveInfinity;
        int bestEpoch = 0, sinceBest = 0, run = 0;
        bool stopped = false;
        long start = Stopwatch.GetTimestamp();

        for (int epoch = 0; epoch < epochs && !stopped; epoch++)
        {
            long epochStart = Stopwatch.GetTimestamp();
            float rate = options.Schedule.LearningRate(epoch, epochs, initialRate);
            network.LearningRate = rate;
            rates[epoch] = rate;
            if (options.Shuffle) Shuffle(order, ref random);

            double total = 0;
            for (int b = 0; b < batches; b++)
            {
                int first = b * batchSize;
                int count = Math.Min(batchSize, n - first);
                for (int k = 0; k < count; k++)
                {
                    int row = order[first + k];
                    inputs.Slice(row * inputSize, inputSize).CopyTo(batchInputs.AsSpan(k * inputSize, inputSize));
                    targets.Slice(row * outputSize, outputSize).CopyTo(batchTargets.AsSpan(k * outputSize, outputSize));
                }
                float loss = network.TrainBatch(batchInputs.AsSpan(0, count * inputSize), batchTargets.AsSpan(0, count * outputSize));
                total += (double)loss * count;
            }
            training[epoch] = (float)(total / n);
            validation[epoch] = validate ? network.Evaluate(validationInputs, validationTargets) : float.NaN;
            run = epoch + 1;

            if (validate)
            {
                if (validation[epoch] < bestLoss - options.MinDelta || epoch == 0)
                {
                    bestLoss = Math.Min(bestLoss, validation[epoch]);
                    bestEpoch = epoch + 1;
                    sinceBest = 0;
                    if (best.Length > 0) network.Parameters.CopyTo(best);
                }
                else if (options.Patience > 0 && ++sinceBest >= options.Patience && epoch + 1 < epochs)
                {
                    stopped = true;
                }
            }
            else
            {
                bestEpoch = epoch + 1;
            }

            if (progress is not null)
            {
                long now = Stopwatch.GetTimestamp();
                double seconds = (now - epochStart) / (double)Stopwatch.Frequency;
                var elapsed = TimeSpan.FromTicks((long)((now - start) * (TimeSpan.TicksPerSecond / (double)Stopwatch.Frequency)));
                progress.Report(new EpochReport(epoch + 1, epochs, batches, batches, training[epoch], validation[epoch], seconds > 0 ? n / seconds : 0, elapsed));
            }
        }

        if (best.Length > 0 && bestEpoch > 0) network.SetParameters(best);
        return new FitResult(Trim(training, run), Trim(validation, run), Trim(rates, run), bestEpoch, stopped);
    }

    /// <summary>Fisher–Yates with NetGen's generator (the same order on every platform for a seed).</summary>
    private static void Shuffle(int[] order, ref DeterministicRandom random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)((random.NextUInt64() >> 11) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private static float[] Trim(float[] values, int count)
    {
        if (count == values.Length) return values;
        var trimmed = new float[count];
        Array.Copy(values, trimmed, count);
        return trimmed;
    }
}
