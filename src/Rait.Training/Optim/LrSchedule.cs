namespace Rait.Training.Optim;

/// <summary>Linear warm-up from 0, then cosine or linear decay to 0 (or constant), as HF's schedulers.</summary>
public sealed record LrSchedule(double Peak, int TotalSteps, int WarmupSteps, ScheduleKind Kind)
{
    /// <summary>Learning rate for 0-based optimizer step <paramref name="step"/>.</summary>
    public double At(int step)
    {
        if (WarmupSteps > 0 && step < WarmupSteps) return Peak * (step + 1) / WarmupSteps;
        if (Kind == ScheduleKind.Constant) return Peak;
        double progress = TotalSteps <= WarmupSteps ? 1 : (double)(step - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps);
        progress = Math.Clamp(progress, 0, 1);
        return Kind == ScheduleKind.Cosine ? Peak * 0.5 * (1 + Math.Cos(Math.PI * progress)) : Peak * (1 - progress);
    }
}
