using System;

namespace NetGen.Tests.Reference;

/// <summary>Hyper-parameters of an optimizer, as a <c>[Network]</c> attribute states them.</summary>
public sealed record OptimizerSettings(Optimizer Kind, double LearningRate, double Momentum = 0, double Beta1 = 0.9, double Beta2 = 0.999, double Epsilon = 1e-8);

/// <summary>
/// torch.optim.SGD (dampening 0, no Nesterov) and torch.optim.Adam, step for step, in double precision.
/// </summary>
public sealed class ReferenceOptimizer
{
    private readonly double[] _velocity;
    private readonly double[] _m;
    private readonly double[] _v;

    public ReferenceOptimizer(OptimizerSettings settings, int parameterCount)
    {
        Settings = settings;
        LearningRate = settings.LearningRate;
        _velocity = new double[parameterCount];
        _m = new double[parameterCount];
        _v = new double[parameterCount];
    }

    public OptimizerSettings Settings { get; }

    public double LearningRate { get; set; }

    /// <summary>Number of steps taken so far.</summary>
    public int Step { get; private set; }

    /// <summary>Updates <paramref name="parameters"/> in place with the gradient <paramref name="g"/> of the loss.</summary>
    public void Apply(double[] parameters, double[] g)
    {
        Step++;
        double lr = LearningRate;
        if (Settings.Kind == Optimizer.Sgd)
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                double d = g[i];
                if (Settings.Momentum != 0)
                {
                    _velocity[i] = Step == 1 ? g[i] : Settings.Momentum * _velocity[i] + g[i];
                    d = _velocity[i];
                }
                parameters[i] -= lr * d;
            }
            return;
        }

        double b1 = Settings.Beta1, b2 = Settings.Beta2;
        double biasCorrection1 = 1 - Math.Pow(b1, Step);
        double biasCorrection2 = 1 - Math.Pow(b2, Step);
        for (int i = 0; i < parameters.Length; i++)
        {
            _m[i] = b1 * _m[i] + (1 - b1) * g[i];
            _v[i] = b2 * _v[i] + (1 - b2) * g[i] * g[i];
            // PyTorch: denom = sqrt(v)/sqrt(bc2) + eps; p -= (lr/bc1)·m/denom
            double denominator = Math.Sqrt(_v[i]) / Math.Sqrt(biasCorrection2) + Settings.Epsilon;
            parameters[i] -= lr / biasCorrection1 * _m[i] / denominator;
        }
    }
}
