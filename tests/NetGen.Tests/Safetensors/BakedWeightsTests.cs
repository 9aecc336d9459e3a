using System;
using System.IO;
using System.Linq;

namespace NetGen.Tests.Safetensors;

/// <summary>
/// [Network(Weights = "…")]: <c>new T()</c> starts from the file's weights, exactly as LoadSafetensors of the same file,
/// and predicts the same; <c>new T(seed)</c> still initialises randomly; the baked parameters remain writable.
/// </summary>
public sealed class BakedWeightsTests
{
    private static Game8x16x16x4 LoadedAtRunTime()
    {
        var net = new Game8x16x16x4();
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "game-8-16-16-4.safetensors"));
        net.LoadSafetensors(stream);
        return net;
    }

    [Fact]
    public void BakedParameters_EqualTheFileLoadedAtRunTime()
    {
        Assert.Equal(LoadedAtRunTime().Parameters.ToArray(), new GameBaked().Parameters.ToArray());
    }

    [Fact]
    public void BakedModel_PredictsExactlyAsTheLoadedModel()
    {
        var loaded = LoadedAtRunTime();
        var baked = new GameBaked();
        var random = new Random(17);
        var inputs = Enumerable.Range(0, 8 * 32).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var a = new float[4 * 32];
        var b = new float[4 * 32];
        loaded.PredictBatch(inputs, a);
        baked.PredictBatch(inputs, b);
        Assert.Equal(a, b);
        // One sample at a time too (the scalar path; the batch may take the SIMD path, which rounds differently).
        var x = new float[4];
        var y = new float[4];
        for (int s = 0; s < 32; s++)
        {
            loaded.Predict(inputs.AsSpan(8 * s, 8), x);
            baked.Predict(inputs.AsSpan(8 * s, 8), y);
            Assert.Equal(x, y);
        }
    }

    [Fact]
    public void SeedConstructor_StillInitialisesRandomly()
    {
        var random = new GameBaked(3);
        var plain = new Game8x16x16x4(3);
        Assert.Equal(plain.Parameters.ToArray(), random.Parameters.ToArray());
        Assert.NotEqual(new GameBaked().Parameters.ToArray(), random.Parameters.ToArray());
    }

    [Fact]
    public void BakedParameters_AreTheInstancesOwn_AndWritable()
    {
        var first = new GameBaked();
        float[] changed = first.Parameters.ToArray();
        changed[0] += 1f;
        first.SetParameters(changed);
        Assert.NotEqual(first.Parameters[0], new GameBaked().Parameters[0]);
    }
}
