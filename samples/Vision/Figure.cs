using System;
using System.IO;
using NetGen;
using SkiaSharp;

namespace Samples.Vision;

/// <summary>
/// The picture of what the network learned: on the left test images with the class it predicts (red where it is wrong,
/// with the true class under it; the last row shows mistakes); on the right the first convolution's eight 3×3 filters read from <c>Parameters</c> and, under
/// each, its feature map (Conv2D → BatchNorm with the running statistics → ReLU) for one test image of every class.
/// </summary>
internal static class Figure
{
    private const int Margin = 20, Top = 56, Columns = 8, Rows = 6, Image = 64, CellWidth = 76, CellHeight = 98, Tile = 48, Step = 56;

    public static void Save(string path, ShapeNet net, float[] images, int[] labels, int[] predicted, float accuracy)
    {
        int right = Margin + Columns * CellWidth + 36;
        int width = right + (Columns + 1) * Step + Margin, height = Top + Rows * CellHeight + 12;
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var sans = SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default;
        using var title = new SKFont(sans, 20);
        using var heading = new SKFont(sans, 15);
        using var small = new SKFont(sans, 12);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var wrong = new SKPaint { Color = new SKColor(200, 30, 30), IsAntialias = true };
        using var correct = new SKPaint { Color = new SKColor(20, 110, 40), IsAntialias = true };

        int mistakes = 0;
        for (int i = 0; i < labels.Length; i++) if (predicted[i] != labels[i]) mistakes++;
        canvas.DrawText($"ShapeNet (NetGen): 16×16 shapes, test accuracy {accuracy:P1} ({mistakes} of {labels.Length} wrong)", Margin, 28, SKTextAlign.Left, title, ink);

        // Left: the first test images, then a row of mistakes (predicted, with the true class in brackets).
        canvas.DrawText("Test images and the class predicted (red: wrong, the true class in brackets)", Margin, Top - 6, SKTextAlign.Left, heading, ink);
        int shown = 0;
        for (int i = 0; i < (Rows - 1) * Columns; i++) DrawSample(i, shown++);
        for (int i = 0; i < labels.Length && shown < Rows * Columns; i++) if (predicted[i] != labels[i]) DrawSample(i, shown++);
        if (shown == (Rows - 1) * Columns) canvas.DrawText("(no mistakes to show)", Margin, Top + (Rows - 1) * CellHeight + Image / 2, SKTextAlign.Left, small, ink);

        void DrawSample(int i, int cell)
        {
            float x = Margin + cell % Columns * CellWidth, y = Top + cell / Columns * CellHeight;
            DrawGrey(canvas, images.AsSpan(i * Shapes.Pixels, Shapes.Pixels), Shapes.Side, x, y, Image, 1f);
            bool ok = predicted[i] == labels[i];
            canvas.DrawText(Shapes.Names[predicted[i]], x + Image / 2f, y + Image + 15, SKTextAlign.Center, small, ok ? correct : wrong);
            if (!ok) canvas.DrawText($"({Shapes.Names[labels[i]]})", x + Image / 2f, y + Image + 29, SKTextAlign.Center, small, ink);
        }

        // Right: the first layer's filters, weight [8, 1, 3, 3] at its ParameterOffset, and the BatchNorm's γ, β after it.
        IInferenceNetwork layers = net;
        ReadOnlySpan<float> p = net.Parameters;
        int conv = layers.Layers[0].ParameterOffset, norm = layers.Layers[1].ParameterOffset;
        const int Filters = 8, Taps = 9;
        float largest = 1e-6f;
        for (int k = 0; k < Filters * Taps; k++) largest = MathF.Max(largest, MathF.Abs(p[conv + k]));
        canvas.DrawText("Conv2D 1: its 8 learned 3×3 filters (red +, blue −)", right, Top - 6, SKTextAlign.Left, heading, ink);
        for (int o = 0; o < Filters; o++)
        {
            float x = right + (o + 1) * Step, y = Top + 6;
            for (int k = 0; k < Taps; k++)
            {
                float t = p[conv + o * Taps + k] / largest;
                byte fade = (byte)(255 * (1 - MathF.Abs(t)));
                using var paint = new SKPaint { Color = t >= 0 ? new SKColor(255, fade, fade) : new SKColor(fade, fade, 255) };
                canvas.DrawRect(x + k % 3 * Tile / 3f, y + k / 3 * Tile / 3f, Tile / 3f, Tile / 3f, paint);
            }
            canvas.DrawText($"{o}", x + Tile / 2f, y + Tile + 14, SKTextAlign.Center, small, ink);
        }

        // Under them, each filter's response: the feature maps of one correctly classified test image per class, computed
        // here from Parameters and RunningStatistics as Predict does (zero padding 1, BatchNorm in evaluation mode, ReLU).
        int mapsTop = Top + 6 + Tile + 66;
        canvas.DrawText("Their feature maps (after BatchNorm and ReLU)", right, mapsTop - 16, SKTextAlign.Left, heading, ink);
        ReadOnlySpan<float> running = net.RunningStatistics;
        var maps = new float[Shapes.Classes, Filters, Shapes.Pixels];
        var peak = new float[Filters];
        var examples = new int[Shapes.Classes];
        for (int c = 0; c < Shapes.Classes; c++)
        {
            examples[c] = Array.FindIndex(labels, (l) => l == c);
            for (int i = 0; i < labels.Length; i++) if (labels[i] == c && predicted[i] == c) { examples[c] = i; break; }
            ReadOnlySpan<float> image = images.AsSpan(examples[c] * Shapes.Pixels, Shapes.Pixels);
            for (int o = 0; o < Filters; o++)
            {
                float scale = p[norm + o] / MathF.Sqrt(running[Filters + o] + 1e-5f);
                for (int r = 0; r < Shapes.Side; r++)
                {
                    for (int q = 0; q < Shapes.Side; q++)
                    {
                        float sum = p[conv + Filters * Taps + o];
                        for (int i = 0; i < 3; i++)
                            for (int j = 0; j < 3; j++)
                            {
                                int row = r - 1 + i, col = q - 1 + j;
                                if ((uint)row < Shapes.Side && (uint)col < Shapes.Side) sum += p[conv + o * Taps + i * 3 + j] * image[row * Shapes.Side + col];
                            }
                        float value = MathF.Max(0f, (sum - running[o]) * scale + p[norm + Filters + o]);
                        maps[c, o, r * Shapes.Side + q] = value;
                        peak[o] = MathF.Max(peak[o], value);
                    }
                }
            }
        }
        canvas.DrawText("input", right + Tile / 2f, mapsTop + 3, SKTextAlign.Center, small, ink);
        for (int c = 0; c < Shapes.Classes; c++)
        {
            float y = mapsTop + 6 + c * Step;
            DrawGrey(canvas, images.AsSpan(examples[c] * Shapes.Pixels, Shapes.Pixels), Shapes.Side, right, y, Tile, 1f);
            for (int o = 0; o < Filters; o++)
            {
                var map = new float[Shapes.Pixels];
                for (int k = 0; k < Shapes.Pixels; k++) map[k] = maps[c, o, k];
                DrawGrey(canvas, map, Shapes.Side, right + (o + 1) * Step, y, Tile, peak[o] > 0 ? peak[o] : 1f);
            }
        }

        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    /// <summary>A side × side grey image scaled to <paramref name="size"/> pixels, black at 0 and white at <paramref name="white"/>.</summary>
    private static void DrawGrey(SKCanvas canvas, ReadOnlySpan<float> values, int side, float x, float y, float size, float white)
    {
        float pixel = size / side;
        using var paint = new SKPaint();
        for (int k = 0; k < side * side; k++)
        {
            byte level = (byte)(255 * Math.Clamp(values[k] / white, 0f, 1f));
            paint.Color = new SKColor(level, level, level);
            canvas.DrawRect(x + k % side * pixel, y + k / side * pixel, pixel, pixel, paint);
        }
    }
}
