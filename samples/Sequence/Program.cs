using System;
using System.Diagnostics;
using NetGen;

// A GRU learns an analog-style audio effect, a one-pole low-pass filter into a soft clipper,
//     s(t) = 0.8·s(t−1) + 0.2·x(t),   y(t) = tanh(3·s(t)),
// from windows of 32 samples of noise (backpropagation through time, derived by the generator), then runs it as an
// effect: one Predict per sample, its state carried from sample to sample. Deterministic for the seed below.
const int Seed = 7, Windows = 32, Batches = 1500;
var random = new Random(Seed);
var effect = new Effect(Seed);

var inputs = new float[Windows * Effect.SequenceLength];
var targets = new float[Windows * Effect.SequenceLength];
Console.WriteLine($"Effect: {Effect.ParameterCount} parameters, {Effect.StateSize} state values; training on {Batches} batches of {Windows} windows of {Effect.SequenceLength} samples");
var clock = Stopwatch.StartNew();
float recent = 0f;
for (int batch = 1; batch <= Batches; batch++)
{
    for (int w = 0; w < Windows; w++) Signal.Window(random, inputs.AsSpan(w * Effect.SequenceLength, Effect.SequenceLength), targets.AsSpan(w * Effect.SequenceLength, Effect.SequenceLength));
    float loss = effect.TrainBatch(inputs, targets);
    recent = batch == 1 ? loss : 0.95f * recent + 0.05f * loss;
    if (batch % 100 == 0 || batch == Batches)
    {
        int filled = 30 * batch / Batches;
        Console.Write($"\r[{new string('#', filled)}{new string('.', 30 - filled)}] batch {batch}/{Batches}  loss {recent:F5}  {batch * Windows / clock.Elapsed.TotalSeconds:F0} windows/s");
    }
}
Console.WriteLine();

// Stream a sine sweep through the trained effect, sample by sample, and compare with the real effect.
const int Samples = 48_000;
var x = new float[1];
var y = new float[1];
for (int n = 0; n < 2000; n++) effect.Predict(x, y);   // warm-up: the JIT's optimised code, not its first compilation, is timed
effect.ResetState();
double state = 0, squared = 0, reference = 0;
var timer = new Stopwatch();
long allocated = GC.GetAllocatedBytesForCurrentThread();
timer.Start();
for (int n = 0; n < Samples; n++)
{
    x[0] = (float)(0.8 * Math.Sin(2 * Math.PI * (20 + 2000.0 * n / Samples) * n / Samples));
    effect.Predict(x, y);
    state = 0.8 * state + 0.2 * x[0];
    double expected = Math.Tanh(3 * state);
    squared += (y[0] - expected) * (y[0] - expected);
    reference += expected * expected;
}
timer.Stop();
allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
Console.WriteLine($"Streamed {Samples} samples: {timer.Elapsed.TotalMilliseconds * 1e6 / Samples:F0} ns a sample, {allocated} bytes allocated");
Console.WriteLine($"Relative RMS error against the real effect: {Math.Sqrt(squared / reference):P2}");

/// <summary>The effect the GRU learns: a window of noise and the effect's output for it (the filter starting at rest).</summary>
internal static class Signal
{
    public static void Window(Random random, Span<float> x, Span<float> y)
    {
        double s = 0;
        double level = 0.2 + random.NextDouble();
        for (int t = 0; t < x.Length; t++)
        {
            x[t] = (float)(level * (2 * random.NextDouble() - 1));
            s = 0.8 * s + 0.2 * x[t];
            y[t] = (float)Math.Tanh(3 * s);
        }
    }
}

/// <summary>One sample in, one out; trained on windows of 32 samples, every step's output compared with the effect's.</summary>
[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, SequenceLength = 32)]
[Input(1)]
[Gru(8)]
[Dense(1)]
public partial class Effect { }
