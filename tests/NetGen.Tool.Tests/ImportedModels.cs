using System;
using System.Collections.Generic;
using NetGen.Tool.Tests.Imported;

namespace NetGen.Tool.Tests;

/// <summary>A compiled imported network: one sample (feed-forward) or one whole sequence (PredictSequence) at a time.</summary>
/// <param name="Sequence">True for a sequence network: the input is [T, InputSize], the output [T, OutputSize].</param>
/// <param name="Run">Runs one sample or sequence.</param>
/// <param name="InputSize">Inputs of one sample (one step).</param>
/// <param name="OutputSize">Outputs of one sample (one step).</param>
public sealed record ImportedModel(bool Sequence, ImportedModel.Runner Run, int InputSize, int OutputSize)
{
    /// <summary>Runs one sample or one sequence.</summary>
    public delegate void Runner(ReadOnlySpan<float> input, Span<float> output);
}

/// <summary>The classes in Imported/ (written by `netgen import` from Models/, weights baked in) by model name.</summary>
public static class ImportedModels
{
    private static readonly Dictionary<Type, object> Instances = new();

    private static T Shared<T>() where T : new()
    {
        lock (Instances)
        {
            if (!Instances.TryGetValue(typeof(T), out var instance)) Instances[typeof(T)] = instance = new T();
            return (T)instance;
        }
    }

    /// <summary>The class name `netgen import --class` was given for a model (its file name in PascalCase).</summary>
    public static string ClassName(string model) => string.Concat(Array.ConvertAll(model.Split('_'), p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>Every imported model.</summary>
    public static IReadOnlyDictionary<string, ImportedModel> All { get; } = new Dictionary<string, ImportedModel>
    {
        ["act_elu"] = new(false, (input, output) => Shared<ActElu>().Predict(input, output), ActElu.InputSize, ActElu.OutputSize),
        ["act_gelu"] = new(false, (input, output) => Shared<ActGelu>().Predict(input, output), ActGelu.InputSize, ActGelu.OutputSize),
        ["act_gelu_tanh"] = new(false, (input, output) => Shared<ActGeluTanh>().Predict(input, output), ActGeluTanh.InputSize, ActGeluTanh.OutputSize),
        ["act_hardsigmoid"] = new(false, (input, output) => Shared<ActHardsigmoid>().Predict(input, output), ActHardsigmoid.InputSize, ActHardsigmoid.OutputSize),
        ["act_hardswish"] = new(false, (input, output) => Shared<ActHardswish>().Predict(input, output), ActHardswish.InputSize, ActHardswish.OutputSize),
        ["act_mish"] = new(false, (input, output) => Shared<ActMish>().Predict(input, output), ActMish.InputSize, ActMish.OutputSize),
        ["act_silu"] = new(false, (input, output) => Shared<ActSilu>().Predict(input, output), ActSilu.InputSize, ActSilu.OutputSize),
        ["act_softplus"] = new(false, (input, output) => Shared<ActSoftplus>().Predict(input, output), ActSoftplus.InputSize, ActSoftplus.OutputSize),
        ["act_swish_manual"] = new(false, (input, output) => Shared<ActSwishManual>().Predict(input, output), ActSwishManual.InputSize, ActSwishManual.OutputSize),
        ["batchnorm1d"] = new(false, (input, output) => Shared<Batchnorm1d>().Predict(input, output), Batchnorm1d.InputSize, Batchnorm1d.OutputSize),
        ["cnn1d"] = new(false, (input, output) => Shared<Cnn1d>().Predict(input, output), Cnn1d.InputSize, Cnn1d.OutputSize),
        ["cnn2d"] = new(false, (input, output) => Shared<Cnn2d>().Predict(input, output), Cnn2d.InputSize, Cnn2d.OutputSize),
        ["cnn2d_bn_unfused"] = new(false, (input, output) => Shared<Cnn2dBnUnfused>().Predict(input, output), Cnn2dBnUnfused.InputSize, Cnn2dBnUnfused.OutputSize),
        ["cnn2d_view"] = new(false, (input, output) => Shared<Cnn2dView>().Predict(input, output), Cnn2dView.InputSize, Cnn2dView.OutputSize),
        ["cnn_global"] = new(false, (input, output) => Shared<CnnGlobal>().Predict(input, output), CnnGlobal.InputSize, CnnGlobal.OutputSize),
        ["gru"] = new(true, (input, output) => Shared<Gru>().PredictSequence(input, output), Gru.InputSize, Gru.OutputSize),
        ["gru_dense_first"] = new(true, (input, output) => Shared<GruDenseFirst>().PredictSequence(input, output), GruDenseFirst.InputSize, GruDenseFirst.OutputSize),
        ["gru_last"] = new(true, (input, output) => Shared<GruLast>().PredictSequence(input, output), GruLast.InputSize, GruLast.OutputSize),
        ["layernorm14"] = new(false, (input, output) => Shared<Layernorm14>().Predict(input, output), Layernorm14.InputSize, Layernorm14.OutputSize),
        ["layernorm17"] = new(false, (input, output) => Shared<Layernorm17>().Predict(input, output), Layernorm17.InputSize, Layernorm17.OutputSize),
        ["lstm"] = new(true, (input, output) => Shared<Lstm>().PredictSequence(input, output), Lstm.InputSize, Lstm.OutputSize),
        ["matmul_add"] = new(false, (input, output) => Shared<MatmulAdd>().Predict(input, output), MatmulAdd.InputSize, MatmulAdd.OutputSize),
        ["mlagents_style"] = new(false, (input, output) => Shared<MlagentsStyle>().Predict(input, output), MlagentsStyle.InputSize, MlagentsStyle.OutputSize),
        ["mlagents_style_clamp"] = new(false, (input, output) => Shared<MlagentsStyleClamp>().Predict(input, output), MlagentsStyleClamp.InputSize, MlagentsStyleClamp.OutputSize),
        ["mlp_relu"] = new(false, (input, output) => Shared<MlpRelu>().Predict(input, output), MlpRelu.InputSize, MlpRelu.OutputSize),
        ["mlp_softmax"] = new(false, (input, output) => Shared<MlpSoftmax>().Predict(input, output), MlpSoftmax.InputSize, MlpSoftmax.OutputSize),
        ["mlp_tanh_sigmoid"] = new(false, (input, output) => Shared<MlpTanhSigmoid>().Predict(input, output), MlpTanhSigmoid.InputSize, MlpTanhSigmoid.OutputSize),
        ["multi_output"] = new(false, (input, output) => Shared<MultiOutput>().Predict(input, output), MultiOutput.InputSize, MultiOutput.OutputSize),
        ["rnn_relu"] = new(true, (input, output) => Shared<RnnRelu>().PredictSequence(input, output), RnnRelu.InputSize, RnnRelu.OutputSize),
        ["rnn_tanh"] = new(true, (input, output) => Shared<RnnTanh>().PredictSequence(input, output), RnnTanh.InputSize, RnnTanh.OutputSize),
        ["gru_two_layer"] = new(true, (input, output) => Shared<GruTwoLayer>().PredictSequence(input, output), GruTwoLayer.InputSize, GruTwoLayer.OutputSize),
        ["mlagents_policy"] = new(false, (input, output) => Shared<MlagentsPolicy>().Predict(input, output), MlagentsPolicy.InputSize, MlagentsPolicy.OutputSize),
        ["lstm_fixed_steps"] = new(true, (input, output) => Shared<LstmFixedSteps>().PredictSequence(input, output), LstmFixedSteps.InputSize, LstmFixedSteps.OutputSize),
    };
}
