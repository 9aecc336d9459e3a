using System;
using BenchmarkDotNet.Attributes;
using NetGen.Benchmarks.Speed;

namespace NetGen.Benchmarks.Sequence;

/// <summary>
/// One streaming time step, chained as an audio callback or an agent's tick runs it: every step's input is the previous
/// step's output (scaled into [−0.5, 0.5]), so a step cannot start before the last one finished. The baseline is the plain
/// C# loops (<see cref="PlainRecurrent"/>, <see cref="PlainAudio"/>) with the same parameters; NetGen runs its SIMD step
/// (automatic width) and its scalar step kernel (<c>SimdOptions.ForcedWidth = -1</c>). The setup checks that the three give
/// the same outputs within 1e-4 on the first steps.
/// </summary>
[Config(typeof(SpeedConfig))]
[MemoryDiagnoser]
public class StreamingStepBenchmarks
{
    private readonly float[] _x16 = new float[16], _y16 = new float[16], _x64 = new float[64], _y64 = new float[64];
    private readonly float[] _x1 = new float[1], _y1 = new float[1];
    private Gru16Step _gru16 = null!;
    private Lstm16Step _lstm16 = null!;
    private Gru64Step _gru64 = null!;
    private AudioStep _audio = null!;
    private PlainRecurrent _plainGru16 = null!, _plainLstm16 = null!, _plainGru64 = null!;
    private PlainAudio _plainAudio = null!;
    private int _case;

    /// <summary>Which network.</summary>
    [Params("Gru16", "Lstm16", "Gru64", "Audio")]
    public string Network { get; set; } = "Gru16";

    /// <summary>Creates the networks (seed 1) and checks them against the plain loops.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _gru16 = new Gru16Step(1);
        _lstm16 = new Lstm16Step(1);
        _gru64 = new Gru64Step(1);
        _audio = new AudioStep(1);
        Check();
        _gru16 = new Gru16Step(1);
        _lstm16 = new Lstm16Step(1);
        _gru64 = new Gru64Step(1);
        _audio = new AudioStep(1);
        _plainGru16 = new PlainRecurrent(_gru16.Parameters, 16, 16, 3);
        _plainLstm16 = new PlainRecurrent(_lstm16.Parameters, 16, 16, 4);
        _plainGru64 = new PlainRecurrent(_gru64.Parameters, 64, 64, 3);
        _plainAudio = new PlainAudio(_audio.Parameters);
        // The network as an int, so that the timed calls switch on a jump table, not on string comparisons.
        _case = Network switch { "Gru16" => 0, "Lstm16" => 1, "Gru64" => 2, _ => 3 };
        Array.Fill(_x16, 0.1f);
        Array.Fill(_x64, 0.1f);
        _x1[0] = 0.1f;
    }

    private void Check()
    {
        var plain = new PlainRecurrent(_gru16.Parameters, 16, 16, 3);
        var plainLstm = new PlainRecurrent(_lstm16.Parameters, 16, 16, 4);
        var plainAudio = new PlainAudio(_audio.Parameters);
        var x = new float[16];
        var a = new float[16];
        var b = new float[16];
        for (int t = 0; t < 20; t++)
        {
            for (int i = 0; i < 16; i++) x[i] = MathF.Sin(t + i);
            _gru16.Predict(x, a);
            plain.GruStep(x, b);
            Compare(a, b, "Gru16");
            _lstm16.Predict(x, a);
            plainLstm.LstmStep(x, b);
            Compare(a, b, "Lstm16");
            var y = new float[1];
            _audio.Predict(x.AsSpan(0, 1), y);
            Compare(y, new[] { plainAudio.Step(x[0]) }, "Audio");
        }
    }

    private static void Compare(float[] a, float[] b, string what)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (MathF.Abs(a[i] - b[i]) > 1e-4f) throw new InvalidOperationException($"{what}: NetGen {a[i]} vs plain loops {b[i]} at {i}.");
        }
    }

    /// <summary>The plain C# loops (the baseline).</summary>
    [Benchmark(Baseline = true)]
    public float PlainCSharp()
    {
        switch (_case)
        {
            case 0: _plainGru16.GruStep(_x16, _y16); Feed(_y16, _x16); return _y16[0];
            case 1: _plainLstm16.LstmStep(_x16, _y16); Feed(_y16, _x16); return _y16[0];
            case 2: _plainGru64.GruStep(_x64, _y64); Feed(_y64, _x64); return _y64[0];
            default: _x1[0] = 0.5f * MathF.Tanh(_plainAudio.Step(_x1[0])); return _x1[0];
        }
    }

    /// <summary>NetGen's streaming <c>Predict</c> (the SIMD step at the automatic width).</summary>
    [Benchmark]
    public float NetGen()
    {
        switch (_case)
        {
            case 0: _gru16.Predict(_x16, _y16); Feed(_y16, _x16); return _y16[0];
            case 1: _lstm16.Predict(_x16, _y16); Feed(_y16, _x16); return _y16[0];
            case 2: _gru64.Predict(_x64, _y64); Feed(_y64, _x64); return _y64[0];
            default: _audio.Predict(_x1, _y1); _x1[0] = 0.5f * MathF.Tanh(_y1[0]); return _x1[0];
        }
    }

    /// <summary>NetGen's scalar step kernel (straight-line or looped per the unroll budget), for scale.</summary>
    [Benchmark]
    public float NetGenScalar()
    {
        global::NetGen.Runtime.SimdOptions.ForcedWidth = -1;
        try
        {
            return NetGen();
        }
        finally
        {
            global::NetGen.Runtime.SimdOptions.ForcedWidth = 0;
        }
    }

    private static void Feed(float[] y, float[] x)
    {
        for (int i = 0; i < x.Length; i++) x[i] = 0.5f * y[i];
    }
}
