using System;
using System.Globalization;
using System.IO;
using NetGen;

// The fixture's first input; PyTorch's first output for it is 0.134210 (rounded).
float[] input = { -1.0703937f, -0.76281643f, 2.001815f, 1.2637120f, 0.9124214f, 0.22107433f, 0.6594166f, -2.1462893f };
var baked = new float[4];
var loaded = new float[4];

new Game().Predict(input, baked);                        // weights baked in at compile time

var net = new Game(1);                                   // random, then PyTorch's file at run time
using (var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "model.safetensors"))) net.LoadSafetensors(file);
net.Predict(input, loaded);

bool same = baked.AsSpan().SequenceEqual(loaded);
Console.WriteLine("PackageConsumer: output[0] = " + baked[0].ToString("F6", CultureInfo.InvariantCulture) + (same ? ", baked == loaded" : ", baked != loaded"));
return same ? 0 : 1;

[Network(Loss.MeanSquaredError, Weights = "model.safetensors")]
[Input(8)]
[Dense(16, Activation.Tanh)]
[Dense(16, Activation.Tanh)]
[Dense(4)]
public partial class Game { }
