using System;
using System.Globalization;
using NetGen;

namespace Samples.Training;

/// <summary>Draws one line per report, overwritten in place: <c>[#####-----] epoch 12/400 loss 0.41 val 0.43</c>.</summary>
internal sealed class ConsoleProgressBar : IProgress<EpochReport>
{
    private const int Width = 30;

    public void Report(EpochReport value)
    {
        int filled = (int)((long)Width * value.Epoch / value.EpochCount);
        string bar = new string('#', filled) + new string('-', Width - filled);
        Console.Write(string.Format(CultureInfo.InvariantCulture,
            "\r[{0}] epoch {1,3}/{2} loss {3:F4} val {4:F4} {5,9:N0} samples/s",
            bar, value.Epoch, value.EpochCount, value.Loss, value.ValidationLoss, value.SamplesPerSecond));
    }
}
