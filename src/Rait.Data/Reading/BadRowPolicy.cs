namespace Rait.Data.Reading;

/// <summary>
/// Decides what a bad row does: by default it stops the load with its error; with skipping on, it is
/// recorded (location and reason) and reading goes on.
/// </summary>
public sealed class BadRowPolicy(bool skip)
{
    private readonly List<SkippedRow> _skipped = [];

    public bool Skip { get; } = skip;

    public IReadOnlyList<SkippedRow> Skipped => _skipped;

    /// <summary>Throws <paramref name="error"/> unless skipping, in which case the row is recorded.</summary>
    public void Handle(DataRowException error)
    {
        if (!Skip) throw error;
        _skipped.Add(error.Row);
    }
}
