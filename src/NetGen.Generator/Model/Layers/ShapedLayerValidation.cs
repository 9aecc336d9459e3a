using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model.Shapes;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Model.Layers;

/// <summary>
/// The rules of the shaped and normalisation layers as written: each kind's arguments (NG0063), the rank of its input
/// (NG0061), an output that would be empty (NG0062) and its activation (NG0051, NG0012). Returns the layer, or null when its
/// shape cannot be known (the layers after it are then not shape-checked, so one mistake is one error).
/// </summary>
internal static class ShapedLayerValidation
{
    /// <param name="parsed">The attribute as written.</param>
    /// <param name="number">The layer's number.</param>
    /// <param name="input">The shape coming in.</param>
    /// <param name="source">Where it comes from, for messages: <c>Input</c>, <c>layer 2 ([Conv1D])</c>.</param>
    /// <param name="errors">Receives the errors.</param>
    public static ShapedLayer? Validate(ParsedDense parsed, int number, TensorShape input, string source, List<DiagnosticInfo> errors)
    {
        string kind = KindName(parsed.Kind);
        switch (parsed.Kind)
        {
            case ParsedLayerKind.Conv1D:
            case ParsedLayerKind.Conv2D:
            {
                bool twoD = parsed.Kind == ParsedLayerKind.Conv2D;
                var activation = Activation(parsed, number, kind, errors);
                SizeRules.Check(errors, $"Layer {number} ([{kind}]) outChannels", parsed.Units, parsed.Location);
                bool ok = Argument(parsed, number, kind, "kernelSize", parsed.KernelSize, 1, errors)
                    & Argument(parsed, number, kind, "stride", parsed.Stride, 1, errors)
                    & Argument(parsed, number, kind, "padding", parsed.Padding, 0, errors)
                    & Argument(parsed, number, kind, "dilation", parsed.Dilation, 1, errors)
                    & Rank(parsed, number, kind, input, twoD ? 3 : 2, source, errors)
                    & parsed.Units is > 0 and <= NetworkLimits.MaxLayerWidth;
                if (!ok || activation is null) return null;
                var layer = new ConvLayer(number, input, parsed.Units!.Value, parsed.KernelSize!.Value, parsed.Stride!.Value, parsed.Padding!.Value, parsed.Dilation!.Value, activation.Value, twoD);
                return Fits(parsed, number, layer, input, errors) ? layer : null;
            }
            case ParsedLayerKind.MaxPool1D:
            case ParsedLayerKind.MaxPool2D:
            case ParsedLayerKind.AvgPool1D:
            case ParsedLayerKind.AvgPool2D:
            {
                bool twoD = parsed.Kind is ParsedLayerKind.MaxPool2D or ParsedLayerKind.AvgPool2D;
                bool max = parsed.Kind is ParsedLayerKind.MaxPool1D or ParsedLayerKind.MaxPool2D;
                bool ok = Argument(parsed, number, kind, "kernelSize", parsed.KernelSize, 1, errors)
                    & Argument(parsed, number, kind, "stride", parsed.Stride, 0, errors)
                    & Rank(parsed, number, kind, input, twoD ? 3 : 2, source, errors);
                if (!ok) return null;
                int kernel = parsed.KernelSize!.Value;
                var layer = new PoolLayer(number, input, max, kernel, parsed.Stride!.Value == 0 ? kernel : parsed.Stride.Value, twoD);
                return Fits(parsed, number, layer, input, errors) ? layer : null;
            }
            case ParsedLayerKind.GlobalAvgPool:
                if (!input.IsShaped)
                {
                    errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerInputShapeMismatch, parsed.Location, number, kind,
                        "a [channels, length] or [channels, height, width] input", input.ToString(), source));
                    return null;
                }
                return new GlobalAvgPoolLayer(number, input);
            case ParsedLayerKind.Flatten:
                return new FlattenLayer(number, input);
            case ParsedLayerKind.LayerNorm:
            {
                var activation = Activation(parsed, number, kind, errors);
                return activation is null ? null : new LayerNormLayer(number, input, activation.Value);
            }
            case ParsedLayerKind.BatchNorm:
            {
                var activation = Activation(parsed, number, kind, errors);
                return activation is null ? null : new BatchNormLayer(number, input, activation.Value);
            }
            default:
                throw new InvalidOperationException($"Layer kind {parsed.Kind} is not a shaped layer.");
        }
    }

    /// <summary>The attribute's name without "Attribute": <c>Conv2D</c>, <c>MaxPool1D</c>, ….</summary>
    public static string KindName(ParsedLayerKind kind) => kind.ToString();

    /// <summary>Softmax is an output activation of a Dense layer only (NG0051); an unknown value is NG0012.</summary>
    private static ActivationKind? Activation(ParsedDense parsed, int number, string kind, List<DiagnosticInfo> errors)
    {
        if (parsed.Activation is int a && Enum.IsDefined(typeof(ActivationKind), a) && a != (int)ActivationKind.Softmax) return (ActivationKind)a;
        if (parsed.Activation is int s && s == (int)ActivationKind.Softmax)
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerActivation, parsed.Location, number, kind, "Softmax",
                "an element-wise activation (put [Flatten] and a [Dense(n, Activation.Softmax)] after it for class probabilities)"));
        else
            errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEnumValue, parsed.Location, $"The activation of layer {number}",
                parsed.Activation?.ToString(CultureInfo.InvariantCulture) ?? "?", "NetGen.Activation"));
        return null;
    }

    /// <summary>An argument at least <paramref name="minimum"/> and at most <see cref="NetworkLimits.MaxKernelArgument"/> (NG0063).</summary>
    private static bool Argument(ParsedDense parsed, int number, string kind, string name, int? value, int minimum, List<DiagnosticInfo> errors)
    {
        if (value is int v && v >= minimum && v <= NetworkLimits.MaxKernelArgument) return true;
        errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShapedLayerArgumentOutOfRange, parsed.Location, number, kind, name,
            value?.ToString(CultureInfo.InvariantCulture) ?? "?",
            minimum == 0 && name == "stride" ? $"0 (the kernel size) or a value in [1, {NetworkLimits.MaxKernelArgument}]"
                : $"a value in [{minimum}, {NetworkLimits.MaxKernelArgument}]"));
        return false;
    }

    /// <summary>The input has the rank the layer needs (NG0061).</summary>
    private static bool Rank(ParsedDense parsed, int number, string kind, TensorShape input, int rank, string source, List<DiagnosticInfo> errors)
    {
        if (input.Rank == rank) return true;
        errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerInputShapeMismatch, parsed.Location, number, kind, TensorShape.RankText(rank), input.ToString(), source));
        return false;
    }

    /// <summary>Every output side at least 1 (NG0062), checked in <see cref="long"/> before the layer's shape is used.</summary>
    private static bool Fits(ParsedDense parsed, int number, ShapedLayer layer, TensorShape input, List<DiagnosticInfo> errors)
    {
        (long height, long width, string span) = layer switch
        {
            ConvLayer c => (ConvLayer.OutputSide(input.Height, c.PaddingHeight, c.DilationHeight, c.KernelHeight, c.StrideHeight),
                ConvLayer.OutputSide(input.Width, c.Padding, c.Dilation, c.KernelWidth, c.Stride),
                c.Dilation > 1
                    ? $"the dilated kernel spans {(long)c.Dilation * (c.Kernel - 1) + 1} positions but the padded input has {input.Width + 2L * c.Padding}"
                    : $"the kernel {c.Kernel} does not fit the padded input ({input.Width + 2L * c.Padding}{(c.TwoD ? $"×{input.Height + 2L * c.Padding}" : "")})"),
            PoolLayer p => (ConvLayer.OutputSide(input.Height, 0, 1, p.KernelHeight, p.StrideHeight),
                ConvLayer.OutputSide(input.Width, 0, 1, p.Kernel, p.Stride),
                $"the window {p.Kernel} is larger than the input's {(p.TwoD ? "sides" : "length")}"),
            _ => (1L, 1L, ""),
        };
        if (height >= 1 && width >= 1) return true;
        string output = layer.Input.Rank == 3 ? $"[{layer.Input.Channels}, {height}, {width}]" : $"[{layer.Input.Channels}, {width}]";
        if (layer is ConvLayer conv) output = layer.Input.Rank == 3 ? $"[{conv.OutChannels}, {height}, {width}]" : $"[{conv.OutChannels}, {width}]";
        errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerOutputEmpty, parsed.Location, number, layer.KindName, input.ToString(), span, output));
        return false;
    }
}
