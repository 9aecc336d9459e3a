using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using NetGen.Benchmarks.Suite;
using Perfolizer.Horology;

namespace NetGen.Benchmarks.ParameterWrites;

/// <summary>
/// Issue 13: what the one write path costs. Every write of the parameters (<c>SetParameters</c>, each optimizer step)
/// now repacks the transposed copy batch-1 <c>Predict</c> reads, before it returns. Rows, per suite net: one
/// <c>TrainStep</c> (the baseline: one sample's forward, backward and SGD step, repack included), <c>SetParameters</c>
/// alone (copy + repack), batch-1 <c>Predict</c>, and one neuroevolution round (change one weight, <c>SetParameters</c>,
/// <c>Predict</c>). Run with <c>-- --filter 'NetGen.Benchmarks.ParameterWrites.*'</c> (benchmarks/README.md).
/// </summary>
[Config(typeof(ParameterWriteConfig))]
public class ParameterWriteBenchmarks
{
    private INetwork _network = null!;
    private float[] _input = null!, _output = null!, _target = null!, _weights = null!;
    private int _round;

    /// <summary>The suite net: B (8-16-16-4), C (32-64-64-8) or D (784-128-10).</summary>
    [Params("B", "C", "D")]
    public string Net { get; set; } = "B";

    /// <summary>Creates the net and its data.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _network = BenchmarkSetup.SuiteNet(Net);
        _input = SuiteNetworks.RandomData(_network.InputSize, 41);
        _output = new float[_network.OutputSize];
        _target = new float[_network.OutputSize];
        _target[0] = 1f;   // a valid target for every loss of the suite (net D is cross-entropy)
        _weights = _network.Parameters.ToArray();
        _network.LearningRate = 1e-6f;
    }

    /// <summary>One SGD step on one sample (forward, backward, update, repack).</summary>
    [Benchmark(Baseline = true)]
    public float TrainStep() => _network.TrainStep(_input, _target);

    /// <summary>Copy in all parameters and repack the Predict copy.</summary>
    [Benchmark]
    public void SetParameters() => _network.SetParameters(_weights);

    /// <summary>Batch-1 Predict.</summary>
    [Benchmark]
    public void Predict() => _network.Predict(_input, _output);

    /// <summary>One neuroevolution round: change a weight, SetParameters, Predict.</summary>
    [Benchmark]
    public void MutateSetPredict()
    {
        int i = _round++ % _weights.Length;
        _weights[i] = -_weights[i];
        _network.SetParameters(_weights);
        _network.Predict(_input, _output);
    }
}

/// <summary>A short job with the memory diagnoser (every row must allocate 0 B).</summary>
public sealed class ParameterWriteConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public ParameterWriteConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(8).WithIterationTime(TimeInterval.FromMilliseconds(200)));
        AddDiagnoser(MemoryDiagnoser.Default);
        WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}
