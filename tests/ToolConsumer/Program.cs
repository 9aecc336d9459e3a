using System;
using System.Globalization;
using System.IO;
using Game;

// Runs the imported networks on the inputs PyTorch was run on (the fixtures' .json files, passed as arguments) and
// compares with PyTorch's outputs: the whole walkthrough, from `netgen import` to a NativeAOT binary.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ToolConsumer <mlagents_style_clamp.json> <cnn2d_bn_unfused.json>");
    return 2;
}
int failures = Check("Policy", args[0], new Policy().Predict, Policy.InputSize, Policy.OutputSize)
             + Check("Detector", args[1], new Detector().Predict, Detector.InputSize, Detector.OutputSize);
// And back out: SaveOnnx under NativeAOT (no reflection) writes the same model again.
using var onnx = new MemoryStream();
new Detector().SaveOnnx(onnx);
Console.WriteLine($"Detector.SaveOnnx: {onnx.Length} bytes");
if (onnx.Length < 1000) failures++;
Console.WriteLine(failures == 0 ? "ToolConsumer: imported networks equal PyTorch within 1e-5" : $"ToolConsumer: {failures} outputs differ");
return failures == 0 ? 0 : 1;

static int Check(string name, string json, Predictor predict, int inputSize, int outputSize)
{
    string text = File.ReadAllText(json);
    float[] inputs = Numbers(text, "\"inputs\"");
    float[] expected = Numbers(text, "\"outputs\"");
    int samples = inputs.Length / inputSize;
    var output = new float[outputSize];
    int failures = 0;
    double worst = 0;
    for (int n = 0; n < samples; n++)
    {
        predict(inputs.AsSpan(n * inputSize, inputSize), output);
        for (int o = 0; o < outputSize; o++)
        {
            double e = expected[n * outputSize + o];
            double difference = Math.Abs(output[o] - e);
            worst = Math.Max(worst, difference);
            if (difference > 1e-5 * (1 + Math.Abs(e))) failures++;
        }
    }
    Console.WriteLine($"{name}: {samples} samples, largest difference {worst.ToString("E2", CultureInfo.InvariantCulture)}");
    return failures;
}

// The list of numbers after a key of the fixture's JSON (a flat array of floats): small and AOT-safe, no reflection.
static float[] Numbers(string json, string key)
{
    int start = json.IndexOf('[', json.IndexOf(key, StringComparison.Ordinal)) + 1;
    int end = json.IndexOf(']', start);
    return Array.ConvertAll(json[start..end].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        s => float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));
}

delegate void Predictor(ReadOnlySpan<float> input, Span<float> output);
