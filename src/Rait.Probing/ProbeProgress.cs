namespace Rait.Probing;

/// <summary>Where a probe stands: questions done (including those resumed from the file) out of the total.</summary>
/// <param name="Resumed">Questions found already done in the output file at start.</param>
/// <param name="QuestionsPerSecond">Rate over the questions probed in this run.</param>
/// <param name="Eta">Remaining time at that rate; null before the first batch.</param>
public sealed record ProbeProgress(int Done, int Total, int Resumed, double QuestionsPerSecond, TimeSpan? Eta);
