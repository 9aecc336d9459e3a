// A small convolutional network learns to tell five shapes apart in 16×16 grey images drawn on the fly (no download):
// minibatches through TrainBatch, progress per epoch, then the test accuracy, Predict's latency and allocations, and
// vision.png: test images labelled by the network, the first convolution's learned filters and what they respond to.
//
//   dotnet run --project samples/Vision -c Release [-- output.png]
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using NetGen;
using Samples.Vision;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int TrainCount = 5000, TestCount = 1000, BatchSize = 32, Epochs = 5;
string output = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "vision.png");

var (trainX, trainY, trainLabels) = Shapes.Generate(TrainCount, seed: 1);
var (testX, testY, testLabels) = Shapes.Generate(TestCount, seed: 2);
var net = new ShapeNet();
Console.WriteLine($"ShapeNet: [1, 16, 16] → Conv2D 8 → BatchNorm → pool → Conv2D 16 → pool → Dense 32 → {ShapeNet.OutputSize} classes, {ShapeNet.ParameterCount} parameters");
Console.WriteLine($"{TrainCount} training images, {TestCount} test images ({string.Join(", ", Shapes.Names)}); minibatches of {BatchSize}");

// Minibatch training: each epoch visits the training images in a new order, copied into two reused batch buffers.
var order = new int[TrainCount];
for (int i = 0; i < TrainCount; i++) order[i] = i;
var batchX = new float[BatchSize * ShapeNet.InputSize];
var batchY = new float[BatchSize * ShapeNet.OutputSize];
var shuffle = new Random(3);
var clock = Stopwatch.StartNew();
for (int epoch = 1; epoch <= Epochs; epoch++)
{
    shuffle.Shuffle(order);
    net.LearningRate = epoch <= 3 ? 0.003f : epoch == 4 ? 0.001f : 0.0003f;   // a step schedule: settable between steps
    double lossSum = 0;
    int batches = 0;
    for (int start = 0; start + BatchSize <= TrainCount; start += BatchSize)
    {
        for (int k = 0; k < BatchSize; k++)
        {
            int i = order[start + k];
            trainX.AsSpan(i * ShapeNet.InputSize, ShapeNet.InputSize).CopyTo(batchX.AsSpan(k * ShapeNet.InputSize));
            trainY.AsSpan(i * ShapeNet.OutputSize, ShapeNet.OutputSize).CopyTo(batchY.AsSpan(k * ShapeNet.OutputSize));
        }
        lossSum += net.TrainBatch(batchX, batchY);
        batches++;
    }
    Console.WriteLine($"epoch {epoch}/{Epochs}  lr {net.LearningRate:G2}  loss {lossSum / batches:F4}  train {Accuracy(net, trainX, trainLabels):P1}  test {Accuracy(net, testX, testLabels):P1}  ({clock.Elapsed.TotalSeconds:F1} s)");
}
int[] predicted = Classify(net, testX);
float testAccuracy = Accuracy(net, testX, testLabels);
Console.WriteLine($"Trained in {clock.Elapsed.TotalSeconds:F1} s ({Epochs * (TrainCount / BatchSize) * BatchSize / clock.Elapsed.TotalSeconds:F0} images/s including the accuracy passes)");
Console.WriteLine($"Test accuracy {testAccuracy:P1}, test loss {net.Evaluate(testX, testY):F4} (Evaluate: BatchNorm with its running statistics)");
Console.WriteLine(Confusion(predicted, testLabels));

// One image at a time, as an application would call it: warm up, then time Predict and count the bytes it allocates.
var probabilities = new float[ShapeNet.OutputSize];
for (int i = 0; i < 2000; i++) net.Predict(testX.AsSpan(i % TestCount * ShapeNet.InputSize, ShapeNet.InputSize), probabilities);
const int Calls = 20_000;
var timer = new Stopwatch();   // created before the count: Stopwatch.StartNew() would allocate inside it
long allocated = GC.GetAllocatedBytesForCurrentThread();
timer.Start();
for (int i = 0; i < Calls; i++) net.Predict(testX.AsSpan(i % TestCount * ShapeNet.InputSize, ShapeNet.InputSize), probabilities);
timer.Stop();
allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
Console.WriteLine($"Predict: {timer.Elapsed.TotalMilliseconds * 1000 / Calls:F1} µs an image, {allocated} bytes allocated in {Calls} calls");

// The tensors PyTorch's nn.Sequential would hold: LoadSafetensors/SaveSafetensors use these names.
using (var tensors = new MemoryStream())
{
    net.SaveSafetensors(tensors);
    Console.WriteLine($"SaveSafetensors: {tensors.Length} bytes, {SafetensorsNames(tensors.ToArray())}");
}

Figure.Save(output, net, testX, testLabels, predicted, testAccuracy);
Console.WriteLine($"wrote {output}");

static int[] Classify(ShapeNet net, float[] images)
{
    int n = images.Length / ShapeNet.InputSize;
    var outputs = new float[n * ShapeNet.OutputSize];
    net.PredictBatch(images, outputs);
    var classes = new int[n];
    for (int i = 0; i < n; i++)
    {
        var row = outputs.AsSpan(i * ShapeNet.OutputSize, ShapeNet.OutputSize);
        for (int c = 1; c < row.Length; c++) if (row[c] > row[classes[i]]) classes[i] = c;
    }
    return classes;
}

static float Accuracy(ShapeNet net, float[] images, int[] labels)
{
    int[] classes = Classify(net, images);
    int correct = 0;
    for (int i = 0; i < labels.Length; i++) if (classes[i] == labels[i]) correct++;
    return (float)correct / labels.Length;
}

static string Confusion(int[] predicted, int[] labels)
{
    var counts = new int[Shapes.Classes, Shapes.Classes];
    for (int i = 0; i < labels.Length; i++) counts[labels[i], predicted[i]]++;
    var text = new StringBuilder("true \\ predicted");
    foreach (string name in Shapes.Names) text.Append($"{name,8}");
    for (int t = 0; t < Shapes.Classes; t++)
    {
        text.Append($"\n{Shapes.Names[t],16}");
        for (int p = 0; p < Shapes.Classes; p++) text.Append($"{counts[t, p],8}");
    }
    return text.ToString();
}

// The header of a safetensors file is 8 bytes of length, then JSON: {"name":{"dtype":…,"shape":[…],…},…}.
static string SafetensorsNames(byte[] file)
{
    string json = Encoding.UTF8.GetString(file, 8, (int)BitConverter.ToInt64(file, 0));
    using var header = System.Text.Json.JsonDocument.Parse(json);
    var names = new StringBuilder();
    foreach (var tensor in header.RootElement.EnumerateObject())
    {
        if (tensor.Name == "__metadata__") continue;
        names.Append(names.Length == 0 ? "" : ", ").Append(tensor.Name).Append(' ').Append(tensor.Value.GetProperty("shape").GetRawText().Replace(",", ", "));
    }
    return names.ToString();
}

/// <summary>
/// One grey 16×16 image in, the probabilities of the five shapes out: two 3×3 convolutions, each followed by a 2×2 max
/// pool (the first through a BatchNorm), then a small dense classifier; PyTorch's nn.Sequential of the same modules.
/// </summary>
[Network(Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.003f, Seed = 1)]
[Input(1, 16, 16)]
[Conv2D(8, 3, padding: 1)]
[BatchNorm(Activation.Relu)]
[MaxPool2D(2)]
[Conv2D(16, 3, padding: 1, activation: Activation.Relu)]
[MaxPool2D(2)]
[Flatten]
[Dense(32, Activation.Relu)]
[Dense(5, Activation.Softmax)]
public partial class ShapeNet { }
