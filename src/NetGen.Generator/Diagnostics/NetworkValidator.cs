using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Model;
using NetGen.Generator.Model.Layers;
using NetGen.Generator.Model.Shapes;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Diagnostics;

/// <summary>
/// The one set of rules for a <c>[Network]</c> layout. The generator and the analyzer both call it, so a
/// rule exists once. Returns the diagnostics and, when no error was found, the <see cref="NetworkSpec"/>.
/// </summary>
internal static class NetworkValidator
{
    public static (NetworkSpec? Spec, List<DiagnosticInfo> Diagnostics, List<DiagnosticInfo> Infos) Validate(ParsedNetwork p)
    {
        var errors = new List<DiagnosticInfo>();
        var infos = new List<DiagnosticInfo>();
        // Half-typed code (binding errors, a class without a name yet): the compiler reports it; NetGen waits.
        if (p.HasBindingErrors || string.IsNullOrEmpty(p.ClassName)) return (null, errors, infos);

        var at = p.NetworkLocation ?? p.ClassLocation;
        if (!p.IsPartial) errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, p.ClassLocation, p.ClassName));
        string? shape = p.IsNotClass ? $"is a {p.TypeKeyword}, not a class"
            : p.IsGeneric ? "is generic"
            : p.IsStatic ? "is static"
            : p.IsAbstract ? "is abstract"
            : p.NestedInGeneric ? "is nested inside a generic type"
            : null;
        if (shape is not null) errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClassShape, p.ClassLocation, p.ClassName, shape));
        if (p.NonPartialContainingType is not null)
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, p.ClassLocation, p.ClassName, p.NonPartialContainingType));
        if (p.DeclarationsWithLayerAttributes > 1)
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AttributesSplitAcrossDeclarations, p.SecondDeclarationLocation ?? at, p.ClassName));
        foreach (var member in p.DeclaredMembers)
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberClash, member.Location, member.Name, p.ClassName));

        // Input.
        if (p.Inputs.Count == 0) errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingInput, at, p.ClassName));
        for (int i = 1; i < p.Inputs.Count; i++)
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateInput, p.Inputs[i].Location, p.ClassName, p.Inputs.Count));
        int inputSize = p.Inputs.Count > 0 ? p.Inputs[0].Size ?? 0 : 0;
        var inputShape = p.Inputs.Count > 0 ? InputShape(errors, p.Inputs[0], p.ClassName) : null;
        if (inputShape is not null) inputSize = inputShape.Size;

        // Layers: each kind checks its own attributes; the sequence is the layers with their Dropouts after them.
        if (p.Layers.Count == 0) errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingDense, at, p.ClassName));
        var parametric = new List<LayerModel>();
        int fanIn = inputSize;
        // The shape flowing through the layers; null once a layer's shape could not be known (then only that error shows).
        // A sequence network's shaped input and layers are NG0065 already: their shapes are not checked as well.
        TensorShape? flowing = p.HasSequenceLayers ? null : inputShape;
        string source = "Input";
        // Set once NG0067 is reported in the loop (a layer's output alone past the limit; its size may not fit an int), and
        // for a sequence network (its values are not counted).
        bool valuesReported = p.HasSequenceLayers;
        // False when the last layer's shape or activation could not be known (then the loss rules do not judge it).
        bool lastKnown = true;
        bool dropoutsRejected = CheckLayeredMix(errors, p);
        for (int i = 0; i < p.Layers.Count; i++)
        {
            var parsed = p.Layers[i];
            if (parsed.IsShapedKind)
            {
                var shaped = flowing is null ? null : ShapedLayerValidation.Validate(parsed, i + 1, flowing, source, errors);
                if (shaped is null)
                {
                    flowing = null;
                    lastKnown = i < p.Layers.Count - 1;
                    parametric.Add(new FlattenLayer(i + 1, TensorShape.Flat(Math.Max(1, fanIn))));
                    continue;
                }
                if (shaped.Output.LongSize > NetworkLimits.MaxLayeredValues)
                {
                    // Past the limit on its own (and possibly past int.MaxValue values): report it now, with the values
                    // counted up to this layer, and check no shape after it.
                    long values = inputShape!.LongSize + 2L * shaped.Output.LongSize;
                    foreach (var before in parametric) values += 2L * before.OutputSize;
                    errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayeredValuesTooLarge, p.NetworkLocation ?? p.ClassLocation, p.ClassName, values, NetworkLimits.MaxLayeredValues));
                    valuesReported = true;
                    flowing = null;
                    lastKnown = i < p.Layers.Count - 1;
                    parametric.Add(new FlattenLayer(i + 1, TensorShape.Flat(Math.Max(1, fanIn))));
                    continue;
                }
                parametric.Add(shaped);
                flowing = shaped.Output;
                fanIn = shaped.OutputSize;
                source = $"layer {i + 1} ([{shaped.KindName}])";
                continue;
            }
            if (flowing is { IsShaped: true })
            {
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DenseAfterShapedValue, parsed.Location, i + 1,
                    ShapedLayerValidation.KindName(parsed.Kind), flowing.ToString(), source));
                flowing = null;
            }
            LayerModel layer = parsed.Kind switch
            {
                ParsedLayerKind.Dense => DenseLayer.Validate(parsed, i + 1, fanIn, i == p.Layers.Count - 1, errors),
                ParsedLayerKind.CausalConv1D => CausalConvLayer.Validate(parsed, i + 1, fanIn, errors),
                _ => RecurrentLayer.Validate(parsed, i + 1, fanIn, errors),
            };
            parametric.Add(layer);
            fanIn = layer.OutputSize;
            if (flowing is not null) flowing = TensorShape.Flat(Math.Max(1, fanIn));
            source = $"layer {i + 1} ([{ShapedLayerValidation.KindName(parsed.Kind)}])";
        }
        if (!valuesReported) CheckLayeredValues(errors, p, inputShape, parametric);
        // A layered network's Dropouts are NG0066 already: their places and probabilities are not checked as well.
        var dropouts = dropoutsRejected ? new Dictionary<int, float>() : DropoutLayer.Validate(p, errors);
        var layers = new List<LayerModel>();
        foreach (var layer in parametric)
        {
            layers.Add(layer);
            if (dropouts.TryGetValue(layer.Number, out float probability)) layers.Add(new DropoutLayer(layer.Number, layer.OutputSize, probability));
        }

        // Loss.
        var loss = LossKind.MeanSquaredError;
        if (p.Loss is int l && Enum.IsDefined(typeof(LossKind), l)) loss = (LossKind)l;
        else errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEnumValue, at, "The loss", p.Loss?.ToString(CultureInfo.InvariantCulture) ?? "?", "NetGen.Loss"));
        if (parametric.Count > 0 && lastKnown)
        {
            var last = OutputActivation(parametric[parametric.Count - 1]);
            var lastLocation = p.Layers[p.Layers.Count - 1].Location;
            if (loss == LossKind.BinaryCrossEntropy && last != ActivationKind.Sigmoid)
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossActivationMismatch, lastLocation, "BinaryCrossEntropy", "Sigmoid", last));
            if (loss == LossKind.CrossEntropy && last != ActivationKind.Softmax)
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossActivationMismatch, lastLocation, "CrossEntropy", "Softmax", last));
            if (loss is LossKind.MeanSquaredError or LossKind.Huber or LossKind.L1 && last == ActivationKind.Softmax)
                infos.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MeanSquaredErrorAfterSoftmax, lastLocation, loss.ToString()));
        }

        // Hyper-parameters.
        var optimizer = OptimizerKind.Sgd;
        float? learningRate = null;
        float momentum = 0f, beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f, clipGradientNorm = 0f;
        float? weightDecay = null;
        int seed = 0, unrollLimit = NetworkLimits.DefaultUnrollLimit;
        string? weights = null;
        bool trainable = true, deterministic = false;
        int sequenceLength = 0;
        var sequenceLoss = SequenceLossKind.EveryStep;
        ParsedNamedArgument? sequenceLengthArgument = null, sequenceLossArgument = null;
        foreach (var named in p.NamedArguments)
        {
            switch (named.Name)
            {
                case "Optimizer":
                    if (named.Value is int o && Enum.IsDefined(typeof(OptimizerKind), o)) optimizer = (OptimizerKind)o;
                    else errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEnumValue, named.Location, "Optimizer", Text(named.Value), "NetGen.Optimizer"));
                    break;
                case "LearningRate": learningRate = Float(named.Value); break;
                case "Momentum": momentum = Float(named.Value); break;
                case "Beta1": beta1 = Float(named.Value); break;
                case "Beta2": beta2 = Float(named.Value); break;
                case "Epsilon": epsilon = Float(named.Value); break;
                case "WeightDecay": weightDecay = Float(named.Value); break;
                case "ClipGradientNorm": clipGradientNorm = Float(named.Value); break;
                case "Seed": seed = named.Value is int s ? s : 0; break;
                case "UnrollLimit": unrollLimit = named.Value is int u ? u : -1; break;
                case "Weights": weights = named.Value as string; break;
                case "Trainable": trainable = named.Value is not false; break;
                case "Deterministic": deterministic = named.Value is true; break;
                case "SequenceLength":
                    sequenceLengthArgument = named;
                    sequenceLength = named.Value is int t ? t : -1;
                    break;
                case "SequenceLoss":
                    sequenceLossArgument = named;
                    if (named.Value is int q && Enum.IsDefined(typeof(SequenceLossKind), q)) sequenceLoss = (SequenceLossKind)q;
                    else errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEnumValue, named.Location, "SequenceLoss", Text(named.Value), "NetGen.SequenceLoss"));
                    break;
            }
        }
        if (!trainable) WarnTrainingSettings(infos, p);
        float lr = learningRate ?? (optimizer is OptimizerKind.Adam or OptimizerKind.AdamW ? 0.001f : 0.01f);
        float decay = weightDecay ?? (optimizer == OptimizerKind.AdamW ? 0.01f : 0f);
        CheckRange(errors, at, "LearningRate", lr, lr > 0 && !float.IsInfinity(lr), "a finite value > 0");
        CheckRange(errors, at, "Momentum", momentum, momentum >= 0 && momentum < 1, "a value in [0, 1)");
        CheckRange(errors, at, "Beta1", beta1, beta1 >= 0 && beta1 < 1, "a value in [0, 1)");
        CheckRange(errors, at, "Beta2", beta2, beta2 >= 0 && beta2 < 1, "a value in [0, 1)");
        CheckRange(errors, at, "Epsilon", epsilon, epsilon > 0 && !float.IsInfinity(epsilon), "a finite value > 0");
        CheckRange(errors, at, "WeightDecay", decay, decay >= 0 && !float.IsInfinity(decay), "a finite value >= 0");
        CheckRange(errors, at, "ClipGradientNorm", clipGradientNorm, clipGradientNorm >= 0 && !float.IsInfinity(clipGradientNorm), "a finite value >= 0 (0 = no clipping)");
        if (unrollLimit < 0 || unrollLimit > NetworkLimits.MaxUnrollLimit)
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HyperParameterOutOfRange, at, "UnrollLimit", unrollLimit, $"a value in [0, {NetworkLimits.MaxUnrollLimit}]"));

        CheckSequence(errors, p, layers, trainable, sequenceLength, sequenceLengthArgument, sequenceLossArgument);

        if (errors.Count > 0) return (null, errors, infos);

        var spec = new NetworkSpec(p.Namespace, NetworkParser.Identifier(p.ClassName), p.Accessibility, p.ContainingTypes.ToEquatableArray(), inputSize,
            layers.ToEquatableArray(), loss, optimizer, lr, momentum, beta1, beta2, epsilon, seed, unrollLimit,
            // A deterministic network runs the scalar kernels only (docs/determinism.md): no SIMD width at all.
            deterministic ? new EquatableArray<int>(new int[0]) : (IsLayered(inputShape, layers) ? p.VectorWidths : SimdWidths(p, inputSize, layers)).ToEquatableArray(),
            p.GpuKernels, p.GpuAlgorithms, weights, MultiplyAddEstimate: p.MultiplyAddEstimate && !deterministic,
            FileScopedNamespace: p.FileScopedNamespace, Trainable: trainable,
SequenceLength: sequenceLength, SequenceLoss: sequenceLoss, InputShape: inputShape,
            WeightDecay: decay, ClipGradientNorm: clipGradientNorm, Deterministic: deterministic);
        long parameters = spec.ParameterCountLong;
        if (parameters > NetworkLimits.MaxParameterCount)
        {
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkTooLarge, at, p.ClassName, parameters, NetworkLimits.MaxParameterCount));
            return (null, errors, infos);
        }
        // Layered networks (convolution, pooling, normalisation) are loops throughout: no unroll budget to check.
        if (spec.IsLayered) return (spec, errors, infos);
        // Very large straight-line code: warn, and past the hard budget emit the largest layers as loops instead.
        long unrolled = UnrolledMultiplyAdds(spec, unrollLimit);
        int effectiveLimit = EffectiveUnrollLimit(spec, unrollLimit);
        if (unrolled > NetworkLimits.LargeCodeMultiplyAdds)
        {
            string action = effectiveLimit < unrollLimit
                ? $"NetGen emits layers of more than {effectiveLimit} multiply-adds as loops so that at most {NetworkLimits.MaxUnrolledMultiplyAdds} are straight-line"
                : "Lower UnrollLimit so that the big layers become loops";
            infos.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratedCodeVeryLarge, at, p.ClassName, parameters, unrolled, unrollLimit, NetworkLimits.LargeCodeMultiplyAdds, action));
            spec = spec with { UnrollLimit = effectiveLimit };
        }
        for (int i = 0; i < parametric.Count; i++)
        {
            if (parametric[i] is DenseLayer dense) dense.ReportLoops(infos, p.Layers[i].Location, spec.UnrollLimit);
        }
        return (spec, errors, infos);
    }

    /// <summary>The activation of a layer's outputs, for the loss rules (GRU and LSTM outputs are h = o·tanh(c) or a blend of tanh values: Tanh).</summary>
    private static ActivationKind OutputActivation(LayerModel layer) => layer switch
    {
        DenseLayer dense => dense.Activation,
        ShapedLayer shaped => shaped.Activation,
        RnnLayer rnn => rnn.Activation,
        CausalConvLayer conv => conv.Activation,
        GruLayer or LstmLayer => ActivationKind.Tanh,
        _ => throw new InvalidOperationException($"Layer kind {layer.GetType().Name} has no output activation for the loss rules."),
    };

    /// <summary>
    /// The sequence settings: SequenceLength in range (NG0052), only on sequence networks (NG0053), required for a trainable
    /// one (NG0054). (NG0055, no GPU trainer for a sequence network, needs the compilation's references: the generator reports it.)
    /// </summary>
    private static void CheckSequence(List<DiagnosticInfo> errors, ParsedNetwork p, List<LayerModel> layers, bool trainable,
        int sequenceLength, ParsedNamedArgument? lengthArgument, ParsedNamedArgument? lossArgument)
    {
        var at = p.NetworkLocation ?? p.ClassLocation;
        var sequenceLayers = layers.FindAll(l => l.IsSequenceLayer);
        if (sequenceLayers.Count == 0)
        {
            if (lengthArgument is not null) errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SequenceSettingWithoutSequenceLayer, lengthArgument.Location, "SequenceLength", p.ClassName));
            if (lossArgument is not null) errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SequenceSettingWithoutSequenceLayer, lossArgument.Location, "SequenceLoss", p.ClassName));
            return;
        }
        if (lengthArgument is not null && (sequenceLength < 1 || sequenceLength > NetworkLimits.MaxSequenceLength))
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SequenceLengthOutOfRange, lengthArgument.Location, Text(lengthArgument.Value), p.ClassName, NetworkLimits.MaxSequenceLength));
        long state = 0, masks = 0;
        foreach (var layer in layers)
        {
            state += layer.StateSize;
            masks += layer.MaskSize;
        }
        long stepValues = state + (layers.Count > 0 ? layers[0].InputSize : 0);
        if (stepValues > NetworkLimits.MaxStepValues)
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SequenceBuffersTooLarge, at, p.ClassName,
                $"a step holds {stepValues} input and state values, at most {NetworkLimits.MaxStepValues} are supported (one step's buffers are on the stack); use smaller layers or a shorter causal convolution"));
        else if (lengthArgument is not null && sequenceLength >= 1 && (long)sequenceLength * (state + masks) > NetworkLimits.MaxSequenceBufferFloats)
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SequenceBuffersTooLarge, lengthArgument.Location, p.ClassName,
                $"SequenceLength {sequenceLength} × {state + masks} state and mask values a step = {(long)sequenceLength * (state + masks)} floats of training buffers, at most {NetworkLimits.MaxSequenceBufferFloats}; shorten the window"));
        if (lengthArgument is null && trainable)
        {
            string which = string.Join(", ", sequenceLayers.ConvertAll(l => "layer " + l.Number.ToString(CultureInfo.InvariantCulture) + l.ChainText.Replace(" → ", " [").Split('(')[0] + "]"));
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SequenceLengthMissing, at, p.ClassName, which));
        }
    }

    /// <summary>
    /// The unroll limit actually used: <paramref name="unrollLimit"/>, lowered layer by layer (largest first) until
    /// the straight-line multiply-adds fit <see cref="NetworkLimits.MaxUnrolledMultiplyAdds"/>.
    /// </summary>
    public static int EffectiveUnrollLimit(NetworkSpec spec, int unrollLimit)
    {
        int limit = unrollLimit;
        while (UnrolledMultiplyAdds(spec, limit) > NetworkLimits.MaxUnrolledMultiplyAdds)
        {
            long largest = 0;
            foreach (var layer in spec.Layers)
            {
                long macs = layer.MultiplyAdds;
                if (macs <= limit && macs > largest) largest = macs;
            }
            limit = (int)largest - 1;
        }
        return limit;
    }

    /// <summary>
    /// The <c>[Input]</c>'s shape: one size (NG0006/NG0018), or two or three dimensions each at least 1 (NG0006) whose
    /// product is within <see cref="NetworkLimits.MaxLayeredValues"/> (NG0067). Null when it is not valid.
    /// </summary>
    private static TensorShape? InputShape(List<DiagnosticInfo> errors, ParsedInput input, string className)
    {
        var dimensions = input.Dimensions;
        if (dimensions is null || dimensions.Length <= 1)
        {
            SizeRules.Check(errors, "[Input]", input.Size, input.Location);
            return input.Size is > 0 and <= NetworkLimits.MaxLayerWidth ? TensorShape.Flat(input.Size.Value) : null;
        }
        string[] names = dimensions.Length == 2 ? new[] { "channels", "length" } : new[] { "channels", "height", "width" };
        bool ok = true;
        // In decimal: three int dimensions (up to 2^93) overflow a long.
        decimal size = 1;
        for (int d = 0; d < dimensions.Length; d++)
        {
            if (dimensions[d] < 1)
            {
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, input.Location, $"[Input] {names[d]}", dimensions[d].ToString(CultureInfo.InvariantCulture)));
                ok = false;
            }
            else size *= dimensions[d];
        }
        if (!ok) return null;
        if (size > NetworkLimits.MaxLayeredValues)
        {
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayeredValuesTooLarge, input.Location, className, size, NetworkLimits.MaxLayeredValues));
            return null;
        }
        return dimensions.Length == 2 ? TensorShape.Sequence(dimensions[0], dimensions[1]) : TensorShape.Image(dimensions[0], dimensions[1], dimensions[2]);
    }

    /// <summary>
    /// Shaped and normalisation layers do not mix with sequence layers (NG0065), and take no [Dropout] yet (NG0066).
    /// Returns true when the network's Dropouts were reported (NG0066).
    /// </summary>
    private static bool CheckLayeredMix(List<DiagnosticInfo> errors, ParsedNetwork p)
    {
        var firstShaped = p.Layers.Find(l => l.IsShapedKind);
        bool shapedInput = p.Inputs.Count > 0 && p.Inputs[0].Dimensions is { Length: > 1 };
        if (p.HasSequenceLayers)
        {
            string sequence = "[" + ShapedLayerValidation.KindName(p.Layers.Find(l => l.IsSequenceKind)!.Kind) + "]";
            if (shapedInput)
                errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShapedLayerInSequenceNetwork, p.Inputs[0].Location, "A shaped [Input]", p.ClassName, sequence));
            foreach (var layer in p.Layers)
            {
                if (layer.IsShapedKind)
                    errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShapedLayerInSequenceNetwork, layer.Location, "[" + ShapedLayerValidation.KindName(layer.Kind) + "]", p.ClassName, sequence));
            }
            return false;
        }
        if (firstShaped is null) return false;
        foreach (var dropout in p.Dropouts)
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutInLayeredNetwork, dropout.Location, p.ClassName, ShapedLayerValidation.KindName(firstShaped.Kind)));
        return p.Dropouts.Count > 0;
    }

    /// <summary>A layered network's values per sample (input and every layer's output) within <see cref="NetworkLimits.MaxLayeredValues"/> (NG0067).</summary>
    private static void CheckLayeredValues(List<DiagnosticInfo> errors, ParsedNetwork p, TensorShape? input, List<LayerModel> layers)
    {
        if (input is null || !(input.IsShaped || layers.Exists(l => l is ShapedLayer))) return;
        long total = input.LongSize;
        foreach (var layer in layers) total += 2L * layer.OutputSize;
        if (total > NetworkLimits.MaxLayeredValues)
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayeredValuesTooLarge, p.NetworkLocation ?? p.ClassLocation, p.ClassName, total, NetworkLimits.MaxLayeredValues));
    }

    /// <summary>
    /// A layered network (a shaped input or a ShapedLayer): its SIMD passes keep no per-sample vectors on the stack, so the
    /// lane code's input and output width limit does not apply to it.
    /// </summary>
    private static bool IsLayered(TensorShape? input, List<LayerModel> layers) => input is { IsShaped: true } || layers.Exists(l => l is ShapedLayer);

    /// <summary>The consumer's SIMD widths, unless the input or output is too wide for the stack buffers of the lane code.</summary>
    private static List<int> SimdWidths(ParsedNetwork p, int inputSize, List<LayerModel> layers)
    {
        bool fits = inputSize <= NetworkLimits.MaxSimdVectorWidth && layers[layers.Count - 1].OutputSize <= NetworkLimits.MaxSimdVectorWidth;
        return fits ? p.VectorWidths : new List<int>();
    }

    /// <summary>Multiply-adds written out as straight-line code (layers within the unroll budget).</summary>
    public static long UnrolledMultiplyAdds(NetworkSpec spec, int unrollLimit)
    {
        long total = 0;
        foreach (var layer in spec.Layers)
        {
            long macs = layer.MultiplyAdds;
            if (macs <= unrollLimit) total += macs;
        }
        return total;
    }

    /// <summary>The optimizer's settings written on an inference-only network: NG0040 at each (they are unused).</summary>
    private static void WarnTrainingSettings(List<DiagnosticInfo> infos, ParsedNetwork p)
    {
        foreach (var named in p.NamedArguments)
        {
            if (named.Name is "Optimizer" or "LearningRate" or "Momentum" or "Beta1" or "Beta2" or "Epsilon" or "WeightDecay" or "ClipGradientNorm")
                infos.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TrainingSettingOnInferenceOnlyNetwork, named.Location, named.Name, p.ClassName));
        }
    }

    private static void CheckRange(List<DiagnosticInfo> errors, LocationInfo? at, string name, float value, bool ok, string expected)
    {
        if (!ok) errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HyperParameterOutOfRange, at, name, value.ToString("R", CultureInfo.InvariantCulture), expected));
    }

    private static float Float(object? value) => value switch
    {
        float f => f,
        double d => (float)d,
        int i => i,
        _ => float.NaN,
    };

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";
}
