using System;
using System.Reflection;
using ILGPU.Runtime;
using NetGen.Tests.Activations;

namespace NetGen.Gpu.Tests;

/// <summary>
/// The GPU trainer against PyTorch for each newer activation: the MSE net of the activation data
/// (ActivationGpuNetworks.cs), on the collection's accelerator (ILGPU's CPU accelerator unless NETGEN_ACCELERATOR says
/// otherwise), predicts PyTorch's outputs at the data's parameters and follows PyTorch's three Adam steps on the batch
/// (loss before and parameters after each), within <see cref="ActivationTolerance"/> (relative 1e-4 + absolute 1e-5 per
/// element).
/// </summary>
[Collection("Gpu")]
public sealed class ActivationGpuTests
{
    private readonly AcceleratorFixture _fixture;

    public ActivationGpuTests(AcceleratorFixture fixture) => _fixture = fixture;

    public static TheoryData<Activation> Activations
    {
        get
        {
            var data = new TheoryData<Activation>();
            foreach (var activation in ActivationReference.Newer) data.Add(activation);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void ThreeAdamSteps_AndPredictBatch_MatchPyTorch(Activation activation)
    {
        var f = ActivationReference.Nets[$"{activation}_Mse"];
        var type = typeof(ActivationGpuTests).Assembly.GetType($"NetGen.Gpu.Tests.Gpu{activation}MseAdam", throwOnError: true)!;
        Assert.Equal(f.Parameters.Length, (int)type.GetField("ParameterCount")!.GetValue(null)!);
        using var trainer = CreateTrainer(type, f.FloatParameters, _fixture.Accelerator, f.SampleCount);
        float[] x = f.FloatInputs, t = f.FloatTargets;

        var outputs = new float[f.Outputs.Length];
        trainer.PredictBatch(x, outputs);
        ActivationTolerance.Close(f.Outputs, outputs, $"{activation}: GPU PredictBatch");

        var parameters = new float[f.Parameters.Length];
        int step = 1;
        foreach (var (lossBefore, expected) in f.Trajectories["Adam"])
        {
            float loss = trainer.TrainBatch(x, t);
            ActivationTolerance.Close(lossBefore, loss, $"{activation}: GPU Adam step {step} loss before");
            trainer.CopyParametersTo(parameters);
            ActivationTolerance.Close(expected, parameters, $"{activation}: GPU Adam step {step} parameters");
            step++;
        }
        Assert.Equal(4, step);
    }

    /// <summary>
    /// The same three Adam steps on the GPU and on the CPU (the network's own TrainBatch, scalar path) give the same
    /// parameters within <see cref="TestData.AssertClose(ReadOnlySpan{float}, ReadOnlySpan{float}, string, float)"/>'s
    /// 1e-5, and PredictBatch the same outputs: the kernels follow the CPU code's derivation of each activation.
    /// </summary>
    [Theory]
    [MemberData(nameof(Activations))]
    public void ThreeAdamSteps_AndPredictBatch_MatchTheCpu(Activation activation)
    {
        var f = ActivationReference.Nets[$"{activation}_Mse"];
        var type = typeof(ActivationGpuTests).Assembly.GetType($"NetGen.Gpu.Tests.Gpu{activation}MseAdam", throwOnError: true)!;
        using var trainer = CreateTrainer(type, f.FloatParameters, _fixture.Accelerator, f.SampleCount);
        var cpu = (INetwork)Activator.CreateInstance(type)!;
        cpu.SetParameters(f.FloatParameters);
        float[] x = f.FloatInputs, t = f.FloatTargets;
        float[] gpuOutputs = new float[f.Outputs.Length], cpuOutputs = new float[f.Outputs.Length];
        trainer.PredictBatch(x, gpuOutputs);
        cpu.PredictBatch(x, cpuOutputs);
        TestData.AssertClose(cpuOutputs, gpuOutputs, $"{activation}: PredictBatch, GPU vs CPU");
        var parameters = new float[f.Parameters.Length];
        for (int step = 1; step <= 3; step++)
        {
            TestData.AssertClose(cpu.TrainBatch(x, t), trainer.TrainBatch(x, t), $"{activation}: step {step} loss, GPU vs CPU");
            trainer.CopyParametersTo(parameters);
            TestData.AssertClose(cpu.Parameters, parameters, $"{activation}: step {step} parameters, GPU vs CPU");
        }
    }

    /// <summary>
    /// The network's generated GpuTrainer, built through reflection over a network holding <paramref name="parameters"/>:
    /// a failed assertion, not a build error, where the generator emitted none.
    /// </summary>
    private static ITestTrainer CreateTrainer(Type type, float[] parameters, Accelerator accelerator, int maxBatchSize)
    {
        var trainerType = type.GetNestedType("GpuTrainer");
        Assert.True(trainerType is not null, $"{type.Name}: the generator emitted no GpuTrainer (see the comment in its generated source)");
        object network = Activator.CreateInstance(type)!;
        var set = type.GetMethod("SetParameters", new[] { typeof(ReadOnlySpan<float>) })!;
        set.CreateDelegate<SetParametersFunction>(network)(parameters);
        var constructor = trainerType!.GetConstructor(new[] { typeof(Accelerator), type, typeof(int) })!;
        var trainer = (IDisposable)constructor.Invoke(BindingFlags.DoNotWrapExceptions, null, new[] { accelerator, network, maxBatchSize }, null);
        return new TestTrainer(
            trainer,
            Bind<TrainBatchFunction>(trainer, "TrainBatch", typeof(ReadOnlySpan<float>), typeof(ReadOnlySpan<float>)),
            Bind<PredictBatchFunction>(trainer, "PredictBatch", typeof(ReadOnlySpan<float>), typeof(Span<float>)),
            Bind<CopyFunction>(trainer, "CopyParametersTo", typeof(Span<float>)),
            Bind<TrainFunction>(trainer, "Train", typeof(ReadOnlySpan<float>), typeof(ReadOnlySpan<float>), typeof(int), typeof(int), typeof(IProgress<EpochReport>)),
            () => (int)trainerType.GetProperty("GradientSlots")!.GetValue(trainer)!,
            _ => throw new NotSupportedException("These networks are not ITestNetwork."));
    }

    private static T Bind<T>(object target, string name, params Type[] parameters) where T : Delegate =>
        target.GetType().GetMethod(name, parameters)!.CreateDelegate<T>(target);

    private delegate void SetParametersFunction(ReadOnlySpan<float> values);
}
