using System;

namespace Samples.Vision;

/// <summary>
/// The data set, drawn on the fly: 16×16 grey images of one of five shapes (a ring, a square outline, a diagonal cross,
/// a horizontal or a vertical bar) at a random position, size, stroke width and brightness, anti-aliased, with Gaussian
/// noise. Deterministic for a seed; no files.
/// </summary>
internal static class Shapes
{
    public const int Side = 16, Pixels = Side * Side, Classes = 5;

    public static readonly string[] Names = { "ring", "square", "cross", "h-bar", "v-bar" };

    /// <summary><paramref name="count"/> images (row-major <c>[count, 1, 16, 16]</c>), their one-hot targets and labels; the classes take turns.</summary>
    public static (float[] Images, float[] Targets, int[] Labels) Generate(int count, int seed)
    {
        var random = new Random(seed);
        var images = new float[count * Pixels];
        var targets = new float[count * Classes];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % Classes;
            targets[i * Classes + labels[i]] = 1f;
            Draw(random, labels[i], images.AsSpan(i * Pixels, Pixels));
        }
        return (images, targets, labels);
    }

    /// <summary>Draws one shape: each pixel is the stroke's coverage (1 inside, fading over one pixel at its edge) times a brightness, plus noise.</summary>
    public static void Draw(Random random, int shape, Span<float> image)
    {
        double brightness = 0.6 + 0.4 * random.NextDouble();
        double noise = 0.1 + 0.15 * random.NextDouble();
        // The shape's half-extent h and the stroke's half-width.
        double h = shape switch
        {
            0 or 1 => 2.5 + 3.0 * random.NextDouble(),     // ring radius, square half-side
            2 => 2.5 + 3.0 * random.NextDouble(),          // cross half-side
            _ => 3.5 + 3.0 * random.NextDouble(),          // bar half-length
        };
        double half = shape >= 3 ? 0.8 + 0.6 * random.NextDouble() : 0.45 + 0.35 * random.NextDouble();
        // The centre: along a bar's length (and both ways for the other shapes) h + 0.5 from the border, across a bar half + 1.
        double along = Centre(random, h), across = Centre(random, shape >= 3 ? half + 1 : h);
        (double cx, double cy) = shape == 4 ? (across, along) : (along, across);

        for (int row = 0; row < Side; row++)
        {
            for (int col = 0; col < Side; col++)
            {
                double dx = col + 0.5 - cx, dy = row + 0.5 - cy;
                double distance = shape switch
                {
                    0 => Math.Abs(Math.Sqrt(dx * dx + dy * dy) - h),
                    1 => Math.Abs(Math.Max(Math.Abs(dx), Math.Abs(dy)) - h),
                    2 => Math.Min(Segment(dx, dy, -h, -h, h, h), Segment(dx, dy, -h, h, h, -h)),
                    3 => Segment(dx, dy, -h, 0, h, 0),
                    _ => Segment(dx, dy, 0, -h, 0, h),
                };
                double coverage = Math.Clamp(half - distance + 0.5, 0, 1);
                image[row * Side + col] = (float)(brightness * coverage + noise * Gaussian(random));
            }
        }
    }

    private static double Centre(Random random, double h)
    {
        double low = Math.Min(h + 0.5, Side / 2.0), high = Math.Max(Side - h - 0.5, Side / 2.0);
        return low + (high - low) * random.NextDouble();
    }

    /// <summary>The distance from (x, y) to the segment from (ax, ay) to (bx, by).</summary>
    private static double Segment(double x, double y, double ax, double ay, double bx, double by)
    {
        double ux = bx - ax, uy = by - ay;
        double t = Math.Clamp(((x - ax) * ux + (y - ay) * uy) / (ux * ux + uy * uy), 0, 1);
        double ex = x - ax - t * ux, ey = y - ay - t * uy;
        return Math.Sqrt(ex * ex + ey * ey);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
