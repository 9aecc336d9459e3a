using System;
using NetGen.Generator.Model.Layers;

namespace NetGen.Generator.Emit.Layered;

/// <summary>Prints each layer's loops from its record: the one place that maps a layer kind to its loop printer.</summary>
internal static class LayerLoops
{
    /// <summary>The layer's forward method(s) and, for trainable networks, its backward method.</summary>
    public static void Emit(IndentedWriter w, LayeredStep step, string source, bool trainable, VectorWidth? width)
    {
        w.Line();
        switch (step.Layer)
        {
            case DenseLayer dense:
                DenseLoops.EmitForward(w, step, dense, source, width);
                if (trainable) { w.Line(); DenseLoops.EmitBackward(w, step, dense); }
                break;
            case ConvLayer conv:
                ConvLoops.EmitForward(w, step, conv, source, width);
                if (trainable) { w.Line(); ConvLoops.EmitBackward(w, step, conv); }
                break;
            case PoolLayer pool:
                PoolLoops.EmitForward(w, step, pool, source);
                if (trainable) { w.Line(); PoolLoops.EmitBackward(w, step, pool); }
                break;
            case GlobalAvgPoolLayer global:
                PoolLoops.EmitGlobalForward(w, step, global, source);
                if (trainable) { w.Line(); PoolLoops.EmitGlobalBackward(w, step, global); }
                break;
            case LayerNormLayer layerNorm:
                NormLoops.EmitLayerNormForward(w, step, layerNorm, source);
                if (trainable) { w.Line(); NormLoops.EmitLayerNormBackward(w, step, layerNorm); }
                break;
            case BatchNormLayer batchNorm:
                NormLoops.EmitBatchNormInference(w, step, batchNorm, source);
                if (trainable)
                {
                    w.Line();
                    NormLoops.EmitBatchNormForward(w, step, batchNorm, source);
                    w.Line();
                    NormLoops.EmitBatchNormBackward(w, step, batchNorm);
                }
                break;
            case FlattenLayer:
                w.Comment($"Layer {step.Index + 1}: Flatten ← {source}: nothing to compute (the values already lie row-major); the next layer reads the same buffer.");
                break;
            default:
                throw new InvalidOperationException($"Layer kind {step.Layer.GetType().Name} has no loops in a layered network.");
        }
        if (trainable && InputGradientStep(step) is { } withInput)
        {
            // Backward's and InputGradient's ∂L/∂x: the first layer with parameters once more, with its input adjoint (scalar loops).
            w.Line();
            switch (withInput.Layer)
            {
                case DenseLayer dense: DenseLoops.EmitBackward(w, withInput, dense); break;
                case ConvLayer conv: ConvLoops.EmitBackward(w, withInput, conv); break;
                case LayerNormLayer layerNorm: NormLoops.EmitLayerNormBackward(w, withInput, layerNorm); break;
                case BatchNormLayer batchNorm: NormLoops.EmitBatchNormBackward(w, withInput, batchNorm); break;
                default: throw new InvalidOperationException($"Layer kind {step.Layer.GetType().Name} has no input-gradient backward loops.");
            }
        }
        if (trainable && step.Packed)
        {
            w.Line();
            GemmLoops.EmitForward(w, step);
            w.Line();
            GemmLoops.EmitBackward(w, step);
        }
    }

    /// <summary>
    /// The copy of <paramref name="step"/> that computes its input adjoint, when it is the first layer with parameters (whose
    /// training backward method does not); null for every other layer (their backward methods already do, or have no input adjoint to give).
    /// </summary>
    public static LayeredStep? InputGradientStep(LayeredStep step) =>
        step.Layer.ParameterCount > 0 && !step.NeedsInputGradient ? step.WithInputGradient() : null;
}
