using System;

namespace Samples.CartPole;

/// <summary>
/// REINFORCE with a learned baseline (Williams 1992; Sutton and Barto, chapter 13.4): play one episode with the
/// policy's own probabilities, then move the policy along Σₜ Aₜ·∇log π(aₜ|sₜ), where Aₜ = Gₜ − b(sₜ) is the discounted
/// return minus the baseline's estimate (standardised over the episode), and fit the baseline to the returns.
/// The policy gradient is a loss NetGen does not know: its derivative with respect to the policy's outputs,
/// ∂L/∂π(a|s) = −Aₜ / (T·π(a|s)), goes through the compiled backward pass with <c>Backward</c> (summed over the
/// episode in one gradient) and one Adam step is taken with <c>ApplyGradient</c>. Every buffer is allocated here, once:
/// an environment step allocates nothing.
/// </summary>
internal sealed class Reinforce
{
    private const float Discount = 0.99f;
    private const float ReturnScale = 100f;   // the baseline learns G/100, so its targets are of order 1

    private readonly Policy _policy = new();
    private readonly Baseline _baseline = new();
    private readonly CartPoleEnvironment _environment = new();
    private readonly SplitMix _random;
    private readonly float[] _states = new float[CartPoleEnvironment.MaxSteps * CartPoleEnvironment.ObservationSize];
    private readonly int[] _actions = new int[CartPoleEnvironment.MaxSteps];
    private readonly float[] _returns = new float[CartPoleEnvironment.MaxSteps];
    private readonly float[] _advantages = new float[CartPoleEnvironment.MaxSteps];
    private readonly float[] _values = new float[CartPoleEnvironment.MaxSteps];
    private readonly float[] _gradient = new float[Policy.ParameterCount];
    private readonly float[] _observation = new float[CartPoleEnvironment.ObservationSize];
    private readonly float[] _probabilities = new float[Policy.OutputSize];
    private readonly float[] _outputGradient = new float[Policy.OutputSize];

    /// <summary>Creates the learner; <paramref name="seed"/> drives the episodes' starts and the sampled actions.</summary>
    public Reinforce(ulong seed) => _random = new SplitMix(seed);

    /// <summary>Environment steps taken so far.</summary>
    public long Steps { get; private set; }

    /// <summary>Bytes allocated while playing (environment steps and the policy's Predict).</summary>
    public long PlayAllocated { get; private set; }

    /// <summary>Bytes allocated while learning (Backward, ApplyGradient, the baseline's PredictBatch and TrainBatch).</summary>
    public long LearnAllocated { get; private set; }

    /// <summary>Plays one episode, learns from it, and returns its length (the reward collected).</summary>
    /// <param name="count">Whether to count this episode's allocations (false while the JIT warms up).</param>
    public int Episode(bool count)
    {
        long start = GC.GetAllocatedBytesForCurrentThread();
        int length = Play();
        long played = GC.GetAllocatedBytesForCurrentThread();
        LearnPolicy(length);
        long policy = GC.GetAllocatedBytesForCurrentThread();
        LearnBaseline(length);
        long end = GC.GetAllocatedBytesForCurrentThread();
        if (count)
        {
            PlayAllocated += played - start;
            LearnAllocated += end - played;
            PolicyAllocated += policy - played;
        }
        return length;
    }

    /// <summary>Bytes allocated by the policy update alone.</summary>
    public long PolicyAllocated { get; private set; }

    /// <summary>Plays one episode with actions sampled from the policy; returns its length.</summary>
    private int Play()
    {
        const int n = CartPoleEnvironment.ObservationSize;
        _environment.Reset(_random, _observation);
        int t = 0;
        bool running = true;
        while (running)
        {
            _observation.AsSpan().CopyTo(_states.AsSpan(t * n, n));
            _policy.Predict(_observation, _probabilities);
            int action = _random.NextDouble() < _probabilities[0] ? 0 : 1;
            _actions[t] = action;
            running = _environment.Step(action, _observation);
            t++;
        }
        Steps += t;
        return t;
    }

    private void LearnPolicy(int length)
    {
        const int n = CartPoleEnvironment.ObservationSize;
        // Discounted returns Gₜ = rₜ + γ·Gₜ₊₁ (every step earns 1), the baseline's estimates, the advantages.
        float g = 0;
        for (int t = length - 1; t >= 0; t--)
        {
            g = 1 + Discount * g;
            _returns[t] = g;
        }
        _baseline.PredictBatch(_states.AsSpan(0, length * n), _values.AsSpan(0, length));
        double mean = 0, square = 0;
        for (int t = 0; t < length; t++)
        {
            _advantages[t] = _returns[t] - ReturnScale * _values[t];
            mean += _advantages[t];
        }
        mean /= length;
        for (int t = 0; t < length; t++) square += (_advantages[t] - mean) * (_advantages[t] - mean);
        float std = (float)Math.Sqrt(square / length) + 1e-6f;

        // L = −(1/T) Σₜ Aₜ·log π(aₜ|sₜ): ∂L/∂π(aₜ|sₜ) = −Aₜ / (T·π(aₜ|sₜ)), 0 for the other action.
        Array.Clear(_gradient);
        for (int t = 0; t < length; t++)
        {
            var state = _states.AsSpan(t * n, n);
            _policy.Predict(state, _probabilities);
            float advantage = (float)((_advantages[t] - mean) / std);
            int a = _actions[t];
            _outputGradient[a] = -advantage / (length * Math.Max(_probabilities[a], 1e-6f));
            _outputGradient[1 - a] = 0;
            _policy.Backward(state, _outputGradient, _gradient);    // adds this step's ∂L/∂θ
        }
        _policy.ApplyGradient(_gradient);                            // one Adam step with the episode's gradient
    }

    private void LearnBaseline(int length)
    {
        const int n = CartPoleEnvironment.ObservationSize;
        for (int t = 0; t < length; t++) _returns[t] /= ReturnScale;
        _baseline.TrainBatch(_states.AsSpan(0, length * n), _returns.AsSpan(0, length));
    }
}
