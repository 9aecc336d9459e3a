using System;
using System.Linq;
using ScottPlot;

namespace Samples.CartPole;

/// <summary>The learning curve: each episode's return and the average of the last 100, with the "solved" line.</summary>
internal static class LearningCurve
{
    public static void Save(string path, double[] returns, int window, double solvedAverage, int solvedAt)
    {
        var plot = new Plot();
        double[] episodes = Enumerable.Range(1, returns.Length).Select(e => (double)e).ToArray();
        var each = plot.Add.ScatterPoints(episodes, returns);
        each.LegendText = "return of each episode";
        each.MarkerSize = 3;
        each.Color = Colors.SteelBlue.WithAlpha(0.45);
        var averages = new double[returns.Length];
        for (int i = 0; i < returns.Length; i++)
        {
            int from = Math.Max(0, i + 1 - window);
            averages[i] = returns.Skip(from).Take(i + 1 - from).Average();
        }
        var mean = plot.Add.ScatterLine(episodes, averages);
        mean.LegendText = $"average of the last {window}";
        mean.LineWidth = 2.5f;
        mean.Color = Colors.OrangeRed;
        var solved = plot.Add.HorizontalLine(solvedAverage);
        solved.LegendText = $"solved ({solvedAverage})";
        solved.LinePattern = LinePattern.Dashed;
        solved.Color = Colors.Green;
        plot.Title(solvedAt > 0 ? $"CartPole-v1: REINFORCE with a baseline, solved after {solvedAt} episodes" : "CartPole-v1: REINFORCE with a baseline");
        plot.XLabel("episode");
        plot.YLabel("steps balanced (return)");
        plot.Axes.SetLimitsY(0, 520);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 900, 520);
    }
}
