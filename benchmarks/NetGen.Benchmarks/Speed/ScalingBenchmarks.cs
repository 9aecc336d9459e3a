using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Suite;
using NetGen.Runtime;

namespace NetGen.Benchmarks.Speed;

/// <summary>
/// NetGen's batch members on <see cref="Samples"/> = 1,024 samples with <c>BatchParallelism.MaxThreads</c> = 1 and 2
/// (<see cref="MaxThreads"/>, set through <see cref="Threads"/>; the 2-thread rows run only where NetGen has the knob):
/// <c>TrainBatch</c> (one SGD step) and <c>PredictBatch</c>, automatic width. The report divides the 2-thread time by the
/// 1-thread time. The global setup checks that <c>PredictBatch</c> equals per-sample <c>Predict</c> and that one
/// <c>TrainBatch</c> step with this thread count gives the single-threaded loss and parameters, all within 1e-4, and prints
/// the knob's state (<c>// Threads: …</c>) to the log.
/// </summary>
/// <typeparam name="TNet">The generated network; the derived classes call it directly.</typeparam>
[Config(typeof(SpeedConfig))]
[MemoryDiagnoser]
public abstract class ScalingBenchmarks<TNet> where TNet : INetwork
{
    /// <summary>Samples per call.</summary>
    public const int Samples = 1024;

    private readonly Func<TNet> _create;

    /// <summary><paramref name="create"/> makes the seed-1 network.</summary>
    protected ScalingBenchmarks(Func<TNet> create)
    {
        _create = create;
        Net = create();
        (Inputs, Targets) = SpeedData.Batch(Net, Samples);
        Outputs = new float[Samples * Net.OutputSize];
    }

    /// <summary>NetGen's thread limit for the batch members.</summary>
    [Params(1, 2)]
    public int MaxThreads { get; set; }

    /// <summary>The timed network.</summary>
    protected TNet Net { get; private set; }

    /// <summary>Seeded inputs [1024, InputSize].</summary>
    protected float[] Inputs { get; }

    /// <summary>Seeded targets [1024, OutputSize] (one-hot rows for cross-entropy).</summary>
    protected float[] Targets { get; }

    /// <summary>PredictBatch's output buffer [1024, OutputSize].</summary>
    protected float[] Outputs { get; }

    /// <summary>Sets the width and the thread limit, then checks the threaded members against single-threaded code.</summary>
    [GlobalSetup]
    public void Setup()
    {
        SimdOptions.ForcedWidth = 0;
        Net = _create();
        int outputs = Net.OutputSize, inputs = Net.InputSize;

        Threads.SetMaxThreads(1);
        var single = _create();
        float singleLoss = single.TrainBatch(Inputs, Targets);
        float[] singleAfter = single.Parameters.ToArray();

        Threads.SetMaxThreads(MaxThreads);
        Console.WriteLine($"// Threads: {Threads.Describe}");
        Net.PredictBatch(Inputs, Outputs);
        var one = new float[outputs];
        for (int s = 0; s < Samples; s++)
        {
            Net.Predict(Inputs.AsSpan(s * inputs, inputs), one);
            SuiteNetworks.CheckClose($"PredictBatch({Samples}) sample {s} against Predict", one, Outputs.AsSpan(s * outputs, outputs), 1e-4f);
        }

        var threaded = _create();
        float loss = threaded.TrainBatch(Inputs, Targets);
        SuiteNetworks.CheckClose($"TrainBatch({Samples}) loss, {MaxThreads} threads", new[] { singleLoss }, new[] { loss }, 1e-4f);
        SuiteNetworks.CheckClose($"TrainBatch({Samples}) parameters, {MaxThreads} threads", singleAfter, threaded.Parameters, 1e-4f);
    }

    /// <summary>Puts the thread limit back to its default.</summary>
    [GlobalCleanup]
    public void Cleanup() => Threads.Reset();
}

/// <summary>Scaling on net B.</summary>
public class ScalingB : ScalingBenchmarks<NetB>
{
    /// <summary>Creates the benchmark.</summary>
    public ScalingB() : base(() => new NetB(SuiteNetworks.Seed)) { }

    /// <summary>One SGD step on 1,024 samples.</summary>
    [Benchmark(Description = "TrainBatch(1024)")]
    public float TrainBatch1024() => Net.TrainBatch(Inputs, Targets);

    /// <summary>Outputs of 1,024 samples.</summary>
    [Benchmark(Description = "PredictBatch(1024)")]
    public void PredictBatch1024() => Net.PredictBatch(Inputs, Outputs);
}

/// <summary>Scaling on net C.</summary>
public class ScalingC : ScalingBenchmarks<NetC>
{
    /// <summary>Creates the benchmark.</summary>
    public ScalingC() : base(() => new NetC(SuiteNetworks.Seed)) { }

    /// <summary>One SGD step on 1,024 samples.</summary>
    [Benchmark(Description = "TrainBatch(1024)")]
    public float TrainBatch1024() => Net.TrainBatch(Inputs, Targets);

    /// <summary>Outputs of 1,024 samples.</summary>
    [Benchmark(Description = "PredictBatch(1024)")]
    public void PredictBatch1024() => Net.PredictBatch(Inputs, Outputs);
}

/// <summary>Scaling on net D (cross-entropy, one-hot targets).</summary>
public class ScalingD : ScalingBenchmarks<NetD>
{
    /// <summary>Creates the benchmark.</summary>
    public ScalingD() : base(() => new NetD(SuiteNetworks.Seed)) { }

    /// <summary>One SGD step on 1,024 samples.</summary>
    [Benchmark(Description = "TrainBatch(1024)")]
    public float TrainBatch1024() => Net.TrainBatch(Inputs, Targets);

    /// <summary>Outputs of 1,024 samples.</summary>
    [Benchmark(Description = "PredictBatch(1024)")]
    public void PredictBatch1024() => Net.PredictBatch(Inputs, Outputs);
}

/// <summary>Scaling on PolicySwish.</summary>
public class ScalingPolicySwish : ScalingBenchmarks<PolicySwish>
{
    /// <summary>Creates the benchmark.</summary>
    public ScalingPolicySwish() : base(() => new PolicySwish(SuiteNetworks.Seed)) { }

    /// <summary>One SGD step on 1,024 samples.</summary>
    [Benchmark(Description = "TrainBatch(1024)")]
    public float TrainBatch1024() => Net.TrainBatch(Inputs, Targets);

    /// <summary>Outputs of 1,024 samples.</summary>
    [Benchmark(Description = "PredictBatch(1024)")]
    public void PredictBatch1024() => Net.PredictBatch(Inputs, Outputs);
}

/// <summary>Scaling on PolicyRelu.</summary>
public class ScalingPolicyRelu : ScalingBenchmarks<PolicyRelu>
{
    /// <summary>Creates the benchmark.</summary>
    public ScalingPolicyRelu() : base(() => new PolicyRelu(SuiteNetworks.Seed)) { }

    /// <summary>One SGD step on 1,024 samples.</summary>
    [Benchmark(Description = "TrainBatch(1024)")]
    public float TrainBatch1024() => Net.TrainBatch(Inputs, Targets);

    /// <summary>Outputs of 1,024 samples.</summary>
    [Benchmark(Description = "PredictBatch(1024)")]
    public void PredictBatch1024() => Net.PredictBatch(Inputs, Outputs);
}
