using System;

namespace Samples.CartPole;

/// <summary>
/// The classic cart-pole task (Barto, Sutton and Anderson 1983) with the constants and rules of Gymnasium's
/// CartPole-v1: a pole hinged on a cart; each step pushes the cart left or right with 10 N; the episode ends when the
/// pole leans more than 12° or the cart leaves ±2.4 m, or after 500 steps. Every step the pole stays up earns 1.
/// Euler integration at 50 Hz. Plain fields, no allocation per step.
/// </summary>
internal sealed class CartPoleEnvironment
{
    private const double Gravity = 9.8, CartMass = 1.0, PoleMass = 0.1, TotalMass = CartMass + PoleMass;
    private const double HalfPoleLength = 0.5, PoleMassLength = PoleMass * HalfPoleLength, ForceMagnitude = 10.0, Tau = 0.02;
    private const double AngleLimit = 12 * 2 * Math.PI / 360, PositionLimit = 2.4;

    /// <summary>Steps after which an episode ends with the pole still up (CartPole-v1).</summary>
    public const int MaxSteps = 500;

    /// <summary>Values of one observation: position, velocity, angle, angular velocity.</summary>
    public const int ObservationSize = 4;

    private double _x, _velocity, _theta, _angularVelocity;
    private int _steps;

    /// <summary>Starts an episode from a state drawn uniformly in ±0.05 for each value (as Gymnasium).</summary>
    public void Reset(SplitMix random, Span<float> observation)
    {
        _x = random.Uniform(-0.05, 0.05);
        _velocity = random.Uniform(-0.05, 0.05);
        _theta = random.Uniform(-0.05, 0.05);
        _angularVelocity = random.Uniform(-0.05, 0.05);
        _steps = 0;
        Observe(observation);
    }

    /// <summary>Pushes the cart (action 0: left, 1: right); returns false when the episode is over.</summary>
    public bool Step(int action, Span<float> observation)
    {
        double force = action == 1 ? ForceMagnitude : -ForceMagnitude;
        double cos = Cos(_theta), sin = Sin(_theta);
        double temp = (force + PoleMassLength * _angularVelocity * _angularVelocity * sin) / TotalMass;
        double angularAcceleration = (Gravity * sin - cos * temp) / (HalfPoleLength * (4.0 / 3.0 - PoleMass * cos * cos / TotalMass));
        double acceleration = temp - PoleMassLength * angularAcceleration * cos / TotalMass;
        _x += Tau * _velocity;
        _velocity += Tau * acceleration;
        _theta += Tau * _angularVelocity;
        _angularVelocity += Tau * angularAcceleration;
        _steps++;
        Observe(observation);
        bool fallen = _x < -PositionLimit || _x > PositionLimit || _theta < -AngleLimit || _theta > AngleLimit;
        return !fallen && _steps < MaxSteps;
    }

    // sin and cos as fixed sequences of IEEE operations (Taylor series, exact to double rounding for the pole's angles,
    // |θ| < 0.5 rad), not the C library's, whose last bits may differ between machines: a run is the same everywhere.
    private static double Sin(double x)
    {
        double x2 = x * x;
        double p = -1.0 / 1307674368000.0;
        p = p * x2 + 1.0 / 6227020800.0;
        p = p * x2 - 1.0 / 39916800.0;
        p = p * x2 + 1.0 / 362880.0;
        p = p * x2 - 1.0 / 5040.0;
        p = p * x2 + 1.0 / 120.0;
        p = p * x2 - 1.0 / 6.0;
        return x + x * x2 * p;
    }

    private static double Cos(double x)
    {
        double x2 = x * x;
        double p = 1.0 / 87178291200.0;
        p = p * x2 - 1.0 / 479001600.0;
        p = p * x2 + 1.0 / 3628800.0;
        p = p * x2 - 1.0 / 40320.0;
        p = p * x2 + 1.0 / 720.0;
        p = p * x2 - 1.0 / 24.0;
        p = p * x2 + 0.5;
        return 1.0 - x2 * p;
    }

    private void Observe(Span<float> observation)
    {
        observation[0] = (float)_x;
        observation[1] = (float)_velocity;
        observation[2] = (float)_theta;
        observation[3] = (float)_angularVelocity;
    }
}

/// <summary>A small seeded generator (SplitMix64) so that a run is the same for a seed on every machine.</summary>
internal sealed class SplitMix
{
    private ulong _state;

    /// <summary>Starts from <paramref name="seed"/>.</summary>
    public SplitMix(ulong seed) => _state = seed;

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A double in [low, high).</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();
}
