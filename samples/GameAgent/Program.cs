// A tiny game loop: an agent chases a target that moves on a Lissajous curve. Every frame the network predicts the
// agent's steering (a unit direction) from the relative position and velocities, the agent moves, and the network
// learns online with one TrainStep toward what a proportional pilot would steer (leading the target). It starts with
// random weights, so the distance drops as it learns. The loop prints the cost per frame in nanoseconds and the bytes
// allocated by the steady-state frames (0).
//
//   dotnet run --project samples/GameAgent -c Release
using System;
using System.Diagnostics;
using System.Globalization;
using NetGen;

const int frames = 200_000;
const float dt = 1f / 60f;
var brain = new SteeringBrain();
var game = new Game();
Span<float> input = stackalloc float[SteeringBrain.InputSize];
Span<float> steer = stackalloc float[SteeringBrain.OutputSize];
Span<float> ideal = stackalloc float[SteeringBrain.OutputSize];

Console.WriteLine($"SteeringBrain: {SteeringBrain.InputSize} → 16 → {SteeringBrain.OutputSize}, {SteeringBrain.ParameterCount} parameters, online Adam");
Console.WriteLine("   frames   mean distance   loss      ns/frame   allocated bytes");
double distance = 0, loss = 0;
long window = 10_000, windowStart = Stopwatch.GetTimestamp(), allocatedStart = GC.GetAllocatedBytesForCurrentThread();
long steadyAllocated = 0;
for (int frame = 1; frame <= frames; frame++)
{
    game.Observe(input);
    brain.Predict(input, steer);            // act
    game.IdealSteering(ideal);              // what a perfect pilot would have done in this state
    loss += brain.TrainStep(input, ideal);  // learn from this frame
    game.Step(steer, dt);
    distance += game.Distance;

    if (frame % window == 0)
    {
        long now = Stopwatch.GetTimestamp();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedStart;
        double ns = (now - windowStart) * 1e9 / Stopwatch.Frequency / window;
        if (frame > 2 * window) steadyAllocated += allocated; // after warm-up (JIT tiering)
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,9:N0}   {1,13:F3}   {2,8:F5}   {3,8:F0}   {4,15:N0}",
            frame, distance / window, loss / window, ns, allocated));
        distance = loss = 0;
        windowStart = Stopwatch.GetTimestamp();
        allocatedStart = GC.GetAllocatedBytesForCurrentThread();
    }
}
Console.WriteLine($"steady-state frames allocated {steadyAllocated} bytes in total");

/// <summary>Relative target position (2), target velocity (2), agent velocity (2) → steering direction (2).</summary>
[Network(Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.003f, Seed = 11)]
[Input(6)]
[Dense(16, Activation.Tanh)]
[Dense(2, Activation.Tanh)]
public partial class SteeringBrain { }

/// <summary>The world: a target on a Lissajous curve and an agent that accelerates toward where it is told.</summary>
internal sealed class Game
{
    private float _time, _ax, _ay, _avx, _avy, _tvx, _tvy;
    private float _tx = 0f, _ty = MathF.Sin(0.5f); // the curve at time 0, so the first velocity is not a jump

    public float Distance => MathF.Sqrt((_tx - _ax) * (_tx - _ax) + (_ty - _ay) * (_ty - _ay));

    public void Observe(Span<float> input)
    {
        input[0] = (_tx - _ax) / 2f;
        input[1] = (_ty - _ay) / 2f;
        input[2] = _tvx;
        input[3] = _tvy;
        input[4] = _avx;
        input[5] = _avy;
    }

    public void Step(ReadOnlySpan<float> steer, float dt)
    {
        _time += dt;
        float ntx = 1.5f * MathF.Sin(0.7f * _time), nty = 1.0f * MathF.Sin(1.1f * _time + 0.5f);
        _tvx = (ntx - _tx) / dt;
        _tvy = (nty - _ty) / dt;
        _tx = ntx;
        _ty = nty;
        // Acceleration along the steering, with drag; speed at most about 2 units/s.
        _avx += (4f * steer[0] - 2f * _avx) * dt;
        _avy += (4f * steer[1] - 2f * _avy) * dt;
        _ax += _avx * dt;
        _ay += _avy * dt;
    }

    /// <summary>
    /// A proportional pilot: steer toward where the target will be in 0.3 s, relative to where the agent will be,
    /// with a gain of 2, clamped to the tanh output range. A smooth function of the observation, so it can be learned.
    /// </summary>
    public void IdealSteering(Span<float> ideal)
    {
        float dx = _tx + 0.3f * _tvx - _ax - 0.3f * _avx;
        float dy = _ty + 0.3f * _tvy - _ay - 0.3f * _avy;
        ideal[0] = MathF.Max(-0.95f, MathF.Min(0.95f, 2f * dx));
        ideal[1] = MathF.Max(-0.95f, MathF.Min(0.95f, 2f * dy));
    }
}
