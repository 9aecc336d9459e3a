using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Networks;

/// <summary>
/// A generated network class seen through reflection: its constants, its attributes turned into a
/// <see cref="ReferenceNetwork"/> and <see cref="OptimizerSettings"/>, and its constructors and <c>Load</c>.
/// </summary>
public sealed class NetworkType
{
    private static readonly Lazy<IReadOnlyList<NetworkType>> s_all = new(() =>
        typeof(NetworkType).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<NetworkAttribute>() is { Weights: null }) // baked networks: new T() is not new T(Seed)
            // Inference-only networks (Trainable = false) are not INetworks; tests/NetGen.Tests/InferenceOnly covers them.
            .Where(t => t.GetCustomAttribute<NetworkAttribute>()!.Trainable)
            // Sequence networks (a [Gru], [Lstm], [Rnn] or [CausalConv1D]) are not INetworks; tests/NetGen.Tests/Sequence covers them.
            .Where(t => typeof(INetwork).IsAssignableFrom(t))
            // Networks with [Dropout] train with a random mask; tests/NetGen.Tests/Dropout covers them.
            .Where(t => !t.IsDefined(typeof(DropoutAttribute), inherit: false))
            // Layered networks (a shaped [Input] or a convolution, pooling, flatten or normalisation layer) are not stacks of
            // Dense layers that ReferenceNetwork computes; Onnx/LayeredOnnxRuntimeReferenceTests covers them.
            .Where(t => !IsLayered(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => new NetworkType(t))
            .ToArray());

    private NetworkType(Type type)
    {
        Type = type;
        Attribute = type.GetCustomAttribute<NetworkAttribute>()
            ?? throw new ArgumentException($"{type} has no [Network] attribute.", nameof(type));
        int inputSize = type.GetCustomAttributes<InputAttribute>(false).Single().Size;
        // Custom attributes come back in metadata order, which is source order for one declaration.
        var layers = type.GetCustomAttributes<DenseAttribute>(false).Select(d => new ReferenceLayer(d.Units, d.Activation)).ToArray();
        Reference = new ReferenceNetwork(inputSize, layers, Attribute.Loss);
        Optimizer = new OptimizerSettings(Attribute.Optimizer, Attribute.LearningRate, Attribute.Momentum, Attribute.Beta1, Attribute.Beta2, Attribute.Epsilon);
    }

    /// <summary>A shaped <c>[Input]</c> or any layer attribute of a layered network (issue 17).</summary>
    private static bool IsLayered(Type type) =>
        type.GetCustomAttributes<InputAttribute>(false).Any(input => input.Channels > 0)
        || new[]
        {
            typeof(Conv1DAttribute), typeof(Conv2DAttribute), typeof(MaxPool1DAttribute), typeof(MaxPool2DAttribute),
            typeof(AvgPool1DAttribute), typeof(AvgPool2DAttribute), typeof(GlobalAvgPoolAttribute), typeof(FlattenAttribute),
            typeof(LayerNormAttribute), typeof(BatchNormAttribute),
        }.Any(attribute => type.IsDefined(attribute, inherit: false));

    /// <summary>Every <c>[Network]</c> class of the test assembly (but the layered ones).</summary>
    public static IReadOnlyList<NetworkType> All => s_all.Value;

    public static NetworkType Of<T>() where T : INetwork => Of(typeof(T));

    public static NetworkType Of(Type type) => All.Single(n => n.Type == type);

    /// <summary>The network class with this simple name (theory data passes names, which display well).</summary>
    public static NetworkType Named(string name) => All.Single(n => n.Type.Name == name);

    public Type Type { get; }

    public string Name => Type.Name;

    public NetworkAttribute Attribute { get; }

    public ReferenceNetwork Reference { get; }

    /// <summary>The optimizer settings of the attribute, with its documented defaults applied.</summary>
    public OptimizerSettings Optimizer { get; }

    public int InputSize => Constant("InputSize");

    public int OutputSize => Constant("OutputSize");

    public int ParameterCount => Constant("ParameterCount");

    public INetwork Create() => (INetwork)Activator.CreateInstance(Type)!;

    public INetwork Create(int seed) =>
        (INetwork)Type.GetConstructor(new[] { typeof(int) })!.Invoke(BindingFlags.DoNotWrapExceptions, null, new object[] { seed }, null);

    /// <summary>A network whose parameters are <paramref name="parameters"/>.</summary>
    public INetwork Create(ReadOnlySpan<float> parameters)
    {
        var network = Create();
        network.SetParameters(parameters);
        return network;
    }

    /// <summary>Calls the generated <c>static T Load(Stream)</c>; exceptions propagate unwrapped.</summary>
    public INetwork Load(Stream stream)
    {
        var load = Type.GetMethod("Load", BindingFlags.Public | BindingFlags.Static, new[] { typeof(Stream) })
            ?? throw new MissingMethodException(Type.FullName, "Load");
        return (INetwork)load.Invoke(null, BindingFlags.DoNotWrapExceptions, null, new object[] { stream }, null)!;
    }

    public override string ToString() => Name;

    private int Constant(string name)
    {
        var field = Type.GetField(name, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingFieldException(Type.FullName, name);
        Assert.True(field.IsLiteral, $"{Type.Name}.{name} should be a const");
        return (int)field.GetRawConstantValue()!;
    }
}
