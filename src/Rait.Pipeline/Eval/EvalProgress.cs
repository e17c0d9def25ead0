namespace Rait.Pipeline.Eval;

/// <summary>Progress of an eval run: items finished in the current split, and which split of how many.</summary>
public sealed record EvalProgress(string Split, int SplitIndex, int SplitCount, int Done, int Total)
{
    /// <summary>Fraction of the current split done, in [0, 1].</summary>
    public double Fraction => Total == 0 ? 1 : (double)Done / Total;
}
