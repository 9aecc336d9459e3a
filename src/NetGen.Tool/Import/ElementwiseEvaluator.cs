using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tool.Onnx;

namespace NetGen.Tool.Import;

/// <summary>A tensor of doubles with its shape, what <see cref="ElementwiseEvaluator"/> computes on.</summary>
/// <param name="Values">Row-major values.</param>
/// <param name="Dims">The shape.</param>
internal readonly record struct DoubleTensor(double[] Values, long[] Dims)
{
    /// <summary>A constant tensor in double precision.</summary>
    public static DoubleTensor From(OnnxTensor tensor) => new(tensor.AsFloats().Select(v => (double)v).ToArray(), tensor.Dims);
}

/// <summary>
/// Evaluates ONNX's element-wise operators (with NumPy broadcasting) in double precision: on constants, and on probe
/// inputs when <see cref="ElementwiseClassifier"/> asks what an element-wise piece of a graph computes.
/// </summary>
internal static class ElementwiseEvaluator
{
    private static readonly HashSet<string> Unary = new(StringComparer.Ordinal)
    {
        "Relu", "Sigmoid", "Tanh", "Erf", "Exp", "Log", "Sqrt", "Neg", "Abs", "Reciprocal", "Softplus", "Softsign", "Elu",
        "LeakyRelu", "HardSigmoid", "HardSwish", "Identity", "Dropout", "Cast", "Selu", "Celu", "Mish", "Gelu", "Clip", "PRelu",
    };

    private static readonly HashSet<string> Binary = new(StringComparer.Ordinal) { "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min" };

    /// <summary>Whether <paramref name="node"/> is an element-wise operator this evaluator computes.</summary>
    public static bool IsElementwise(OnnxNode node)
    {
        if (!node.IsDefaultDomain) return false;
        if (node.OpType == "Cast") return node.Int("to", 0) is OnnxTensor.Float or OnnxTensor.Double or OnnxTensor.Float16;
        return Unary.Contains(node.OpType) || Binary.Contains(node.OpType);
    }

    /// <summary>Evaluates a node whose inputs are all constants; null when it cannot.</summary>
    public static DoubleTensor? EvaluateConstant(OnnxNode node, IReadOnlyList<OnnxTensor?> inputs)
        => Evaluate(node, inputs.Select(t => t is null ? (DoubleTensor?)null : DoubleTensor.From(t)).ToList());

    /// <summary>Evaluates a node on the given inputs (null for an omitted optional input); null when it cannot.</summary>
    public static DoubleTensor? Evaluate(OnnxNode node, IReadOnlyList<DoubleTensor?> inputs)
    {
        if (inputs.Count == 0 || inputs[0] is not { } x) return null;
        switch (node.OpType)
        {
            case "Add": return Fold(inputs, (a, b) => a + b);
            case "Sub": return Fold(inputs, (a, b) => a - b);
            case "Mul": return Fold(inputs, (a, b) => a * b);
            case "Div": return Fold(inputs, (a, b) => a / b);
            case "Pow": return Fold(inputs, Math.Pow);
            case "Max": return Fold(inputs, Math.Max);
            case "Min": return Fold(inputs, Math.Min);
            case "Clip":
            {
                double lo = node.Attributes.ContainsKey("min") ? node.Float("min", float.MinValue) : double.NegativeInfinity;
                double hi = node.Attributes.ContainsKey("max") ? node.Float("max", float.MaxValue) : double.PositiveInfinity;
                if (inputs.Count > 1 && inputs[1] is { } min) lo = min.Values.Single();
                if (inputs.Count > 2 && inputs[2] is { } max) hi = max.Values.Single();
                return Map(x, v => Math.Min(Math.Max(v, lo), hi));
            }
            case "PRelu":
                return inputs.Count > 1 && inputs[1] is { } slope ? Fold(new List<DoubleTensor?> { x, slope }, (v, s) => v >= 0 ? v : s * v) : null;
        }
        double alpha = node.Float("alpha", float.NaN);
        Func<double, double>? f = node.OpType switch
        {
            "Relu" => v => Math.Max(v, 0),
            "Sigmoid" => ActivationFunctions.Sigmoid,
            "Tanh" => Math.Tanh,
            "Erf" => ActivationFunctions.Erf,
            "Exp" => Math.Exp,
            "Log" => Math.Log,
            "Sqrt" => Math.Sqrt,
            "Neg" => v => -v,
            "Abs" => Math.Abs,
            "Reciprocal" => v => 1 / v,
            "Softplus" => v => v > 30 ? v : Math.Log(1 + Math.Exp(v)),
            "Softsign" => v => v / (1 + Math.Abs(v)),
            "Elu" => v => v > 0 ? v : (double.IsNaN(alpha) ? 1 : alpha) * (Math.Exp(v) - 1),
            "Celu" => v => Math.Max(0, v) + Math.Min(0, (double.IsNaN(alpha) ? 1 : alpha) * (Math.Exp(v / (double.IsNaN(alpha) ? 1 : alpha)) - 1)),
            "Selu" => v => node.Float("gamma", 1.05070102f) * (v > 0 ? v : node.Float("alpha", 1.67326319f) * (Math.Exp(v) - 1)),
            "LeakyRelu" => v => v >= 0 ? v : (double.IsNaN(alpha) ? 0.01 : alpha) * v,
            "HardSigmoid" => v => Math.Clamp((double.IsNaN(alpha) ? 0.2 : alpha) * v + node.Float("beta", 0.5f), 0, 1),
            "HardSwish" => v => v * Math.Clamp(v / 6 + 0.5, 0, 1),
            "Mish" => v => v * Math.Tanh(v > 30 ? v : Math.Log(1 + Math.Exp(v))),
            "Gelu" => node.String("approximate", "none") == "tanh"
                ? v => 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)))
                : v => 0.5 * v * (1 + ActivationFunctions.Erf(v / Math.Sqrt(2))),
            "Identity" or "Dropout" or "Cast" => v => v,
            _ => null,
        };
        return f is null ? null : Map(x, f);
    }

    private static DoubleTensor Map(DoubleTensor x, Func<double, double> f) => new(x.Values.Select(f).ToArray(), x.Dims);

    private static DoubleTensor? Fold(IReadOnlyList<DoubleTensor?> inputs, Func<double, double, double> f)
    {
        if (inputs.Any(i => i is null)) return null;
        var result = inputs[0]!.Value;
        for (int k = 1; k < inputs.Count; k++)
        {
            var next = Broadcast(result, inputs[k]!.Value, f);
            if (next is null) return null;
            result = next.Value;
        }
        return result;
    }

    /// <summary>NumPy broadcasting of two tensors through <paramref name="f"/>; null when the shapes do not broadcast.</summary>
    public static DoubleTensor? Broadcast(DoubleTensor a, DoubleTensor b, Func<double, double, double> f)
    {
        int rank = Math.Max(a.Dims.Length, b.Dims.Length);
        var dims = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            long da = i - (rank - a.Dims.Length) >= 0 ? a.Dims[i - (rank - a.Dims.Length)] : 1;
            long db = i - (rank - b.Dims.Length) >= 0 ? b.Dims[i - (rank - b.Dims.Length)] : 1;
            if (da != db && da != 1 && db != 1) return null;
            dims[i] = Math.Max(da, db);
        }
        long count = dims.Aggregate(1L, (p, d) => p * d);
        if (count > 50_000_000) return null;
        var values = new double[count];
        var index = new long[rank];
        for (long n = 0; n < count; n++)
        {
            values[n] = f(a.Values[Offset(a.Dims, index, rank)], b.Values[Offset(b.Dims, index, rank)]);
            for (int d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < dims[d]) break;
                index[d] = 0;
            }
        }
        return new DoubleTensor(values, dims);
    }

    private static long Offset(long[] dims, long[] index, int rank)
    {
        long offset = 0;
        int shift = rank - dims.Length;
        for (int i = 0; i < dims.Length; i++) offset = offset * dims[i] + (dims[i] == 1 ? 0 : index[i + shift]);
        return offset;
    }
}
