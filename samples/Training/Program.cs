// Two interleaved spirals, learned with NetGen's Fit loop: a console progress bar while it trains, then a PNG with the
// training/validation loss curves and the decision boundary.
//
//   dotnet run --project samples/Training -c Release [-- output.png]
using System;
using System.Globalization;
using NetGen;
using NetGen.Training;
using Samples.Training;

string output = args.Length > 0 ? args[0] : "training.png";
var (trainX, trainY) = Spirals.Generate(pointsPerClass: 300, noise: 0.04, seed: 1);
var (validX, validY) = Spirals.Generate(pointsPerClass: 150, noise: 0.04, seed: 2);

var net = new SpiralClassifier();
Console.WriteLine($"SpiralClassifier: {SpiralClassifier.InputSize} → 32 → 32 → {SpiralClassifier.OutputSize}, {SpiralClassifier.ParameterCount} parameters");
Console.WriteLine($"{trainY.Length} training points, {validY.Length} validation points");

var options = new FitOptions
{
    Epochs = 600,
    BatchSize = 16,
    Seed = 7,
    ValidationInputs = validX,
    ValidationTargets = validY,
    Patience = 100,
    Schedule = LearningRateSchedule.Cosine(minimum: 0.001f),
};
var result = Trainer.Fit(net, trainX, trainY, options, new ConsoleProgressBar());
Console.WriteLine();
Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
    "{0} epochs{1}; best validation loss {2:F4} at epoch {3} (parameters restored)",
    result.EpochsRun, result.StoppedEarly ? " (stopped early)" : "", result.ValidationLosses[result.BestEpoch - 1], result.BestEpoch));
Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "accuracy: training {0:P1}, validation {1:P1}",
    Spirals.Accuracy(net, trainX, trainY), Spirals.Accuracy(net, validX, validY)));

Figure.Save(output, net, result, trainX, trainY);
Console.WriteLine($"wrote {output}");

/// <summary>Two inputs (x, y), two hidden tanh layers, the probability of the second spiral.</summary>
[Network(Loss.BinaryCrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.02f, Seed = 3)]
[Input(2)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class SpiralClassifier { }
