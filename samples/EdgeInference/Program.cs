using System;
using System.Globalization;
using EdgeInference;

// The first input of ../../tests/NetGen.Tests/Fixtures/game-8-16-16-4.json; PyTorch's outputs for it are
// 0.134210, 0.531003, 0.319520, -0.216839 (rounded).
ReadOnlySpan<float> input = stackalloc float[] { -1.0703937f, -0.76281643f, 2.001815f, 1.2637120f, 0.9124214f, 0.22107433f, 0.6594166f, -2.1462893f };
Span<float> output = stackalloc float[GamePolicy.OutputSize];

var policy = new GamePolicy();   // the baked, trained weights: no file is read
policy.Predict(input, output);

int best = 0;
for (int i = 1; i < output.Length; i++) if (output[i] > output[best]) best = i;
Console.WriteLine("EdgeInference: outputs " + string.Join(" ", ToStrings(output)) + "; action " + best.ToString(CultureInfo.InvariantCulture));

static string[] ToStrings(ReadOnlySpan<float> values)
{
    var text = new string[values.Length];
    for (int i = 0; i < values.Length; i++) text[i] = values[i].ToString("F6", CultureInfo.InvariantCulture);
    return text;
}
