using System;
using System.Globalization;
using PassFailSample;

// 1. The lecture's worked example (docs/design/seed-example.md): weights 0.01, 0.02, 0.03 with bias 0
//    into the hidden unit, then 0.02 with bias 0.03 into the output. Parameters are in nn.Linear order:
//    layer 1 weights [1, 3], layer 1 bias, layer 2 weight [1, 1], layer 2 bias.
var net = new PassFail();
float[] lectureWeights = { 0.01f, 0.02f, 0.03f, 0f, 0.02f, 0.03f };
net.SetParameters(lectureWeights);

float[] output = new float[PassFail.OutputSize];
net.Predict(new float[] { 95f, 4f, 4f }, output);
Console.WriteLine("Forward propagation, inputs 95, 4, 4 with the lecture's weights:");
Console.WriteLine($"  Predict = {Text(output[0], 6)}   (the lecture writes 0.51129, having rounded an intermediate value)");
var gradient = new float[PassFail.ParameterCount];
float lectureLoss = net.Gradient(new float[] { 95f, 4f, 4f }, new float[] { 1f }, gradient);
Console.WriteLine($"  squared-error loss against target 1 (PASS) = {Text(lectureLoss, 6)}");
Console.WriteLine("Backward propagation (chain rule, derived by the generator at compile time):");
string[] names = { "w1", "w2", "w3", "b1", "w4", "b2" };
for (int k = 0; k < names.Length; k++) Console.WriteLine($"  ∂L/∂{names[k]} = {gradient[k].ToString("G5", CultureInfo.InvariantCulture)}");
Console.WriteLine();

// 2. Gradient descent on a small PASS/FAIL table: (exam mark %, hours gamed per day, hours slept) → pass 1 / fail 0.
//    Features are scaled to about [0, 1] so the sigmoids do not saturate.
float[,] table =
{
    { 95, 4, 4, 1 }, { 35, 8, 3, 0 }, { 80, 2, 7, 1 }, { 20, 9, 5, 0 },
    { 70, 5, 6, 1 }, { 40, 7, 4, 0 }, { 88, 3, 8, 1 }, { 25, 6, 2, 0 },
};
int rows = table.GetLength(0);
var inputs = new float[rows * PassFail.InputSize];
var targets = new float[rows];
for (int r = 0; r < rows; r++)
{
    inputs[r * 3 + 0] = table[r, 0] / 100f;
    inputs[r * 3 + 1] = table[r, 1] / 10f;
    inputs[r * 3 + 2] = table[r, 2] / 10f;
    targets[r] = table[r, 3];
}

var student = new PassFail(seed: 7);
student.LearningRate = 2f;
Console.WriteLine($"Training on {rows} rows, one TrainBatch (mean squared error, SGD, learning rate {Text(student.LearningRate, 1)}) per epoch:");
for (int epoch = 0; epoch <= 2000; epoch++)
{
    float loss = student.TrainBatch(inputs, targets);
    if (epoch % 200 == 0) Console.WriteLine($"  epoch {epoch,4}: loss {Text(loss, 5)}");
}

Console.WriteLine("After training:");
var prediction = new float[rows];
student.PredictBatch(inputs, prediction);
for (int r = 0; r < rows; r++)
{
    string verdict = prediction[r] >= 0.5f ? "PASS" : "FAIL";
    string expected = targets[r] == 1f ? "PASS" : "FAIL";
    Console.WriteLine($"  mark {table[r, 0],3}%, gamed {table[r, 1]} h, slept {table[r, 2]} h → {Text(prediction[r], 3)} {verdict} (table: {expected})");
}

static string Text(float value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
