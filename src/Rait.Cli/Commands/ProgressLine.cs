using Rait.Training;

namespace Rait.Cli.Commands;

/// <summary>Single-line progress on stderr (rewritten in place on a terminal, one line per 5% otherwise).</summary>
internal sealed class ProgressLine<T>(Func<T, (double Fraction, string Text)> render) : IProgress<T>
{
    private int _lastPercent = -1;

    public void Report(T value)
    {
        var (fraction, text) = render(value);
        int percent = (int)(fraction * 100);
        if (Console.IsErrorRedirected)
        {
            if (_lastPercent >= 0 && percent / 5 == _lastPercent / 5 && percent < 100) return;
            Console.Error.WriteLine(text);
        }
        else
        {
            Console.Error.Write("\r" + text.PadRight(Math.Min(Console.BufferWidth > 0 ? Console.BufferWidth - 1 : 100, 120)));
            if (percent >= 100) Console.Error.WriteLine();
        }
        _lastPercent = percent;
    }
}

internal static class ProgressLine
{
    public static ProgressLine<TrainProgress> ForTraining() => new(p =>
    {
        double f = p.TotalSteps == 0 ? 0 : (double)p.Step / p.TotalSteps;
        int bar = (int)(f * 30);
        return (f, $"train [{new string('#', bar)}{new string('.', 30 - bar)}] {p.Step}/{p.TotalSteps} loss {p.Loss:F4} {p.TokensPerSecond:F0} tok/s ETA {p.Eta:mm\\:ss}");
    });
}
