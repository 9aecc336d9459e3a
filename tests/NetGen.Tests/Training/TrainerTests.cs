using System;
using System.Collections.Generic;
using NetGen.Training;
using NetGen.Tests.Data;

namespace NetGen.Tests.Training;

/// <summary><see cref="Trainer.Fit"/>: convergence, seeded shuffling, early stopping with restore, schedules, progress, no allocation per batch, argument checks.</summary>
public sealed class TrainerTests
{
    /// <summary>Points in [−1, 1]² labelled 1 inside the disc of radius 0.7.</summary>
    internal static (float[] X, float[] T) Disc(int n, int seed)
    {
        var data = new RandomSamples(seed);
        var x = data.Uniform(2 * n, -1, 1);
        var t = new float[n];
        for (int i = 0; i < n; i++) t[i] = x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1] < 0.49f ? 1f : 0f;
        return (x, t);
    }

    private static double Accuracy(DiscClassifier net, float[] x, float[] t)
    {
        var y = new float[t.Length];
        net.PredictBatch(x, y);
        int right = 0;
        for (int i = 0; i < t.Length; i++) if ((y[i] > 0.5f) == (t[i] > 0.5f)) right++;
        return (double)right / t.Length;
    }

    [Fact]
    public void Fit_LearnsADisc()
    {
        var (x, t) = Disc(400, 1);
        var (vx, vt) = Disc(200, 2);
        var net = new DiscClassifier();
        double before = Accuracy(net, vx, vt);
        var result = Trainer.Fit(net, x, t, new FitOptions { Epochs = 80, BatchSize = 16, Seed = 3, ValidationInputs = vx, ValidationTargets = vt });
        Assert.Equal(80, result.EpochsRun);
        Assert.True(result.TrainingLosses[^1] < 0.5 * result.TrainingLosses[0], $"training loss {result.TrainingLosses[0]} → {result.TrainingLosses[^1]}");
        double after = Accuracy(net, vx, vt);
        Assert.True(after > 0.93, $"validation accuracy {after} (before {before})");
        Assert.Equal(result.ValidationLosses[result.BestEpoch - 1], net.Evaluate(vx, vt));
    }

    [Fact]
    public void Shuffling_IsDeterministicForASeed_AndDependsOnIt()
    {
        var (x, t) = Disc(64, 5);
        FitResult Run(int seed, out float[] parameters)
        {
            var net = new SmallSgd();
            var r = Trainer.Fit(net, x, t, new FitOptions { Epochs = 5, BatchSize = 8, Seed = seed });
            parameters = net.Parameters.ToArray();
            return r;
        }
        var a = Run(1, out var pa);
        var b = Run(1, out var pb);
        var c = Run(2, out var pc);
        Assert.Equal(a.TrainingLosses, b.TrainingLosses);
        Assert.Equal(pa, pb);
        Assert.NotEqual(pa, pc);
    }

    [Fact]
    public void WithoutShuffling_FitIsTheTrainBatchLoop()
    {
        var (x, t) = Disc(30, 6);
        var fitted = new SmallSgd();
        var result = Trainer.Fit(fitted, x, t, new FitOptions { Epochs = 3, BatchSize = 8, Shuffle = false });
        var manual = new SmallSgd();
        var losses = new float[3];
        for (int e = 0; e < 3; e++)
        {
            double total = 0;
            for (int first = 0; first < 30; first += 8)
            {
                int count = Math.Min(8, 30 - first);
                total += manual.TrainBatch(x.AsSpan(2 * first, 2 * count), t.AsSpan(first, count)) * (double)count;
            }
            losses[e] = (float)(total / 30);
        }
        Assert.Equal(losses, result.TrainingLosses);
        Assert.Equal(manual.Parameters.ToArray(), fitted.Parameters.ToArray());
    }

    [Fact]
    public void EarlyStopping_StopsAfterPatience_AndRestoresTheBestParameters()
    {
        var (x, t) = Disc(128, 7);
        // Validation labels are the training labels flipped: the better the fit, the worse the validation loss.
        var flipped = new float[t.Length];
        for (int i = 0; i < t.Length; i++) flipped[i] = 1f - t[i];
        var net = new DiscClassifier();
        var options = new FitOptions { Epochs = 50, BatchSize = 16, Seed = 9, ValidationInputs = x, ValidationTargets = flipped, Patience = 3 };
        var result = Trainer.Fit(net, x, t, options);
        Assert.True(result.StoppedEarly);
        Assert.Equal(result.BestEpoch + 3, result.EpochsRun);
        Assert.True(result.EpochsRun < 50);

        // The parameters are those after the best epoch: the same run cut there, without validation.
        var again = new DiscClassifier();
        Trainer.Fit(again, x, t, new FitOptions { Epochs = result.BestEpoch, BatchSize = 16, Seed = 9 });
        Assert.Equal(again.Parameters.ToArray(), net.Parameters.ToArray());
        Assert.Equal(result.ValidationLosses[result.BestEpoch - 1], net.Evaluate(x, flipped));
    }

    [Fact]
    public void Schedules_GiveTheExpectedLearningRates_ThroughTheProperty()
    {
        var (x, t) = Disc(16, 8);
        var seen = new List<float>();
        var net = new SmallSgd();
        var step = Trainer.Fit(net, x, t, new FitOptions { Epochs = 5, BatchSize = 4, Schedule = LearningRateSchedule.Step(2, 0.5f) },
            new Recorder(_ => seen.Add(net.LearningRate)));
        Assert.Equal(new[] { 0.1f, 0.1f, 0.05f, 0.05f, 0.025f }, step.LearningRates);
        Assert.Equal(step.LearningRates, seen.ToArray());

        var cosine = Trainer.Fit(new SmallSgd(), x, t, new FitOptions { Epochs = 4, BatchSize = 4, Schedule = LearningRateSchedule.Cosine(0.02f) });
        var expected = new float[4];
        for (int e = 0; e < 4; e++) expected[e] = (float)(0.02 + (0.1f - 0.02) * (1 + Math.Cos(Math.PI * e / 4)) / 2);
        Assert.Equal(4, cosine.LearningRates.Length);
        for (int e = 0; e < 4; e++) Assert.True(Math.Abs(expected[e] - cosine.LearningRates[e]) <= 1e-6 * expected[e], $"epoch {e}: {cosine.LearningRates[e]} vs {expected[e]}");
        Assert.Equal(new[] { 0.1f, 0.1f }, Trainer.Fit(new SmallSgd(), x, t, new FitOptions { Epochs = 2 }).LearningRates);
        Assert.Throws<ArgumentOutOfRangeException>("gamma", () => LearningRateSchedule.Step(2, 0f));
        Assert.Throws<ArgumentOutOfRangeException>("stepSize", () => LearningRateSchedule.Step(0, 0.5f));
    }

    [Fact]
    public void Progress_IsReportedOncePerEpoch()
    {
        var (x, t) = Disc(40, 9);
        var (vx, vt) = Disc(20, 10);
        var reports = new List<EpochReport>();
        var result = Trainer.Fit(new SmallSgd(), x, t, new FitOptions { Epochs = 6, BatchSize = 16, ValidationInputs = vx, ValidationTargets = vt }, new Recorder(reports.Add));
        Assert.Equal(6, reports.Count);
        for (int e = 0; e < 6; e++)
        {
            Assert.Equal(e + 1, reports[e].Epoch);
            Assert.Equal(6, reports[e].EpochCount);
            Assert.Equal(3, reports[e].BatchCount);
            Assert.True(reports[e].IsEpochComplete);
            Assert.Equal(result.TrainingLosses[e], reports[e].Loss);
            Assert.Equal(result.ValidationLosses[e], reports[e].ValidationLoss);
        }
    }

    [Fact]
    public void Batches_AllocateNothing()
    {
        var (x, t) = Disc(200, 11);
        var net = new DiscClassifier();
        long Allocated(int epochs)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Trainer.Fit(net, x, t, new FitOptions { Epochs = epochs, BatchSize = 4 });
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        for (int i = 0; i < 3; i++) Allocated(40); // warm up past tiering
        long one = Allocated(1), many = Allocated(41);
        // 40 more epochs = 2,000 more batches; only the per-epoch result arrays grow (3 floats per epoch).
        Assert.True(many - one < 40 * 3 * 4 + 256, $"{many - one} more bytes for 2,000 more batches");
    }

    [Fact]
    public void BadArguments_ThrowNamingTheArgument()
    {
        var net = new SmallSgd();
        var x = new float[10];
        var t = new float[5];
        Assert.Throws<ArgumentNullException>("network", () => Trainer.Fit(null!, x, t));
        Assert.Throws<ArgumentException>("inputs", () => Trainer.Fit(net, new float[9], t));
        Assert.Throws<ArgumentException>("targets", () => Trainer.Fit(net, x, new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>("options", () => Trainer.Fit(net, x, t, new FitOptions { Epochs = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>("options", () => Trainer.Fit(net, x, t, new FitOptions { BatchSize = 0 }));
        Assert.Throws<ArgumentException>("options", () => Trainer.Fit(net, x, t, new FitOptions { Patience = 2 }));
        Assert.Throws<ArgumentException>("options.ValidationTargets", () => Trainer.Fit(net, x, t, new FitOptions { ValidationInputs = new float[4], ValidationTargets = new float[3] }));
    }

    private sealed class Recorder : IProgress<EpochReport>
    {
        private readonly Action<EpochReport> _action;

        public Recorder(Action<EpochReport> action) => _action = action;

        public void Report(EpochReport value) => _action(value);
    }
}
