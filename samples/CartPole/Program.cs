// An agent learns CartPole-v1 inside this program: REINFORCE with a learned baseline (Reinforce.cs), the policy
// gradient going through NetGen's compiled backward pass (Backward) and one Adam step per episode (ApplyGradient).
// No Python, no framework: what Unity ML-Agents users have asked for since 2017, training inside the shipped game.
// The task counts as solved when the last 100 episodes average at least 475 of the 500 possible steps.
// A run is the same for a seed on every machine: the policy, the baseline, the episodes' starts and the sampled actions
// are seeded, and both networks are Deterministic (the same float bits on any instruction set, docs/determinism.md).
//
//   dotnet run --project samples/CartPole -c Release [-- seed [picture.png]]
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Samples.CartPole;

ulong seed = args.Length > 0 ? ulong.Parse(args[0], CultureInfo.InvariantCulture) : 1;
string picture = args.Length > 1 ? args[1] : Path.Combine(AppContext.BaseDirectory, "cartpole.png");
const int maxEpisodes = 3000, window = 100;
const double solvedAverage = 475;

var learner = new Reinforce(seed);
var returns = new double[maxEpisodes];
var stopwatch = Stopwatch.StartNew();
int solvedAt = -1;
double average = 0;
long stepsAfterWarmUp = 0;
Console.WriteLine($"CartPole-v1, REINFORCE with a baseline, seed {seed}: solved when the last {window} episodes average ≥ {solvedAverage}");
int episode = 0;
for (; episode < maxEpisodes; episode++)
{
    long stepsBefore = learner.Steps;
    returns[episode] = learner.Episode(count: episode >= 20); // after the JIT's first tiers
    if (episode >= 20) stepsAfterWarmUp += learner.Steps - stepsBefore;
    int from = Math.Max(0, episode + 1 - window);
    average = 0;
    for (int e = from; e <= episode; e++) average += returns[e];
    average /= episode + 1 - from;
    if (episode % 10 == 9 || episode == 0) Progress(episode + 1, average);
    if (episode + 1 >= window && average >= solvedAverage)
    {
        solvedAt = episode + 1;
        break;
    }
}
int played = Math.Min(episode + 1, maxEpisodes);
Progress(played, average);
Console.WriteLine();
Console.WriteLine(solvedAt > 0
    ? $"CartPole: solved after {solvedAt} episodes ({learner.Steps:N0} steps, {stopwatch.Elapsed.TotalSeconds:F1} s): the last {window} average {average:F1}"
    : $"CartPole: not solved in {maxEpisodes} episodes; the last {window} average {average:F1}");
Console.WriteLine($"allocated after warm-up: {learner.PlayAllocated} bytes over {stepsAfterWarmUp:N0} environment steps, {learner.LearnAllocated} bytes learning (policy {learner.PolicyAllocated})");
LearningCurve.Save(picture, returns.AsSpan(0, played).ToArray(), window, solvedAverage, solvedAt);
Console.WriteLine($"learning curve: {picture}");
return solvedAt > 0 ? 0 : 1;

static void Progress(int episodes, double average)
{
    const int width = 30;
    int filled = (int)Math.Round(width * Math.Min(1, average / 500));
    Console.Write(string.Format(CultureInfo.InvariantCulture, "\r[{0}{1}] episode {2,5}  average of the last 100: {3,6:F1}",
        new string('#', filled), new string('.', width - filled), episodes, average));
}
