namespace Rait.Tests;

/// <summary>Repeats an action on another thread until disposed: stands in for whatever else runs in the process
/// at the same time (another test, a server request), to show that a result does not depend on it.</summary>
internal sealed class BackgroundLoop : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public BackgroundLoop(Action action)
    {
        _thread = new Thread(() =>
        {
            while (!_stop.IsCancellationRequested) { action(); Iterations++; }
        }) { IsBackground = true };
        _thread.Start();
        while (Iterations == 0) Thread.Yield(); // the interference is under way before the caller goes on
    }

    /// <summary>How often the action ran.</summary>
    public long Iterations { get; private set; }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
