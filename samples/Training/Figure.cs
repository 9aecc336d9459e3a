using System;
using System.IO;
using System.Linq;
using NetGen;
using NetGen.Training;
using ScottPlot;
using SkiaSharp;

namespace Samples.Training;

/// <summary>The picture: loss curves on the left, the decision boundary with the training points on the right.</summary>
internal static class Figure
{
    private const int PanelWidth = 640, Height = 520;

    public static void Save(string path, INetwork net, FitResult result, float[] points, float[] labels)
    {
        byte[] left = LossCurves(result).GetImageBytes(PanelWidth, Height, ImageFormat.Png);
        byte[] right = DecisionBoundary(net, points, labels).GetImageBytes(PanelWidth, Height, ImageFormat.Png);
        using var surface = SKSurface.Create(new SKImageInfo(2 * PanelWidth, Height));
        surface.Canvas.Clear(SKColors.White);
        using (var a = SKBitmap.Decode(left)) surface.Canvas.DrawBitmap(a, 0, 0);
        using (var b = SKBitmap.Decode(right)) surface.Canvas.DrawBitmap(b, PanelWidth, 0);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static Plot LossCurves(FitResult result)
    {
        var plot = new Plot();
        double[] epochs = Enumerable.Range(1, result.EpochsRun).Select(e => (double)e).ToArray();
        var training = plot.Add.ScatterLine(epochs, result.TrainingLosses.Select(v => (double)v).ToArray());
        training.LegendText = "training";
        training.LineWidth = 2;
        var validation = plot.Add.ScatterLine(epochs, result.ValidationLosses.Select(v => (double)v).ToArray());
        validation.LegendText = "validation";
        validation.LineWidth = 2;
        var best = plot.Add.VerticalLine(result.BestEpoch);
        best.LegendText = $"best epoch ({result.BestEpoch})";
        best.LinePattern = LinePattern.Dashed;
        plot.Title("Loss per epoch (binary cross-entropy)");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot DecisionBoundary(INetwork net, float[] points, float[] labels)
    {
        const int cells = 160;
        const double min = -3.5, max = 3.5;
        var grid = new float[cells * cells * 2];
        for (int row = 0; row < cells; row++)
        {
            for (int col = 0; col < cells; col++)
            {
                int k = row * cells + col;
                grid[2 * k] = (float)(min + (max - min) * (col + 0.5) / cells);
                grid[2 * k + 1] = (float)(max - (max - min) * (row + 0.5) / cells); // row 0 at the top
            }
        }
        var probability = new float[cells * cells];
        net.PredictBatch(grid, probability);
        var values = new double[cells, cells];
        for (int row = 0; row < cells; row++)
            for (int col = 0; col < cells; col++) values[row, col] = probability[row * cells + col];

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Extent = new CoordinateRect(min, max, min, max);
        heatmap.Colormap = new ScottPlot.Colormaps.MellowRainbow();
        plot.Add.ColorBar(heatmap);

        for (int label = 0; label < 2; label++)
        {
            var xs = Enumerable.Range(0, labels.Length).Where(i => labels[i] == label).Select(i => (double)points[2 * i]).ToArray();
            var ys = Enumerable.Range(0, labels.Length).Where(i => labels[i] == label).Select(i => (double)points[2 * i + 1]).ToArray();
            var scatter = plot.Add.ScatterPoints(xs, ys);
            scatter.Color = label == 0 ? Colors.Navy : Colors.DarkRed;
            scatter.MarkerSize = 5;
            scatter.LegendText = $"spiral {label}";
        }
        plot.Title("Decision boundary: P(spiral 1)");
        plot.Axes.SetLimits(min, max, min, max);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }
}
