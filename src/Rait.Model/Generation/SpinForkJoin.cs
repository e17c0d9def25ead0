using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Rait.Model.Generation;

/// <summary>
/// Runs the chunks of one decode step on the calling thread and on dedicated helper threads, which take chunks from a
/// shared counter and keep spinning for about a millisecond after each step before they park.
/// </summary>
/// <remarks>
/// Why not Parallel.For: decode steps of a small model take a fraction of a millisecond, with gaps of tens of
/// microseconds between them, and on the 2-core VM we measure on a parked thread took about 0.3 ms to wake, so the
/// caller did most steps alone. Why chunks that any thread may take, rather than one fixed share per thread: the other
/// core is often busy for a few milliseconds (libtorch's OpenMP workers spin after each parallel op, e.g. a prefill), and
/// a fixed share would make the step wait for it; here the caller takes every chunk no helper has started, so a step is
/// never slower than on one thread. Only one step at a time uses the helpers: a caller that finds them taken (another
/// batch on another thread) runs its chunks alone. An exception in a chunk is rethrown to the caller once every started
/// chunk has finished.
/// </remarks>
internal sealed class SpinForkJoin
{
    public static readonly SpinForkJoin Shared = new();

    /// <summary>How long an idle helper spins before it parks.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 1000;

    private readonly Lock _gate = new();
    private Helper[] _helpers = [];

    /// <summary>Runs body(chunk, thread) for every chunk in 0..chunks-1, on up to <paramref name="threads"/> threads
    /// (thread 0 is the caller; a thread runs one chunk at a time), and returns when all chunks have finished.</summary>
    public void For(int chunks, int threads, Action<int, int> body)
    {
        var step = new Step(chunks, body);
        if (threads <= 1 || chunks <= 1 || !_gate.TryEnter())
        {
            step.Work(0);
            step.Finish();
            return;
        }
        try
        {
            int helpers = Math.Min(threads, chunks) - 1;
            if (_helpers.Length < helpers)
                _helpers = [.. _helpers, .. Enumerable.Range(_helpers.Length, helpers - _helpers.Length).Select(i => new Helper(i + 1))];
            for (int i = 0; i < helpers; i++) _helpers[i].Post(step);
            step.Work(0);
            step.Finish();
        }
        finally { _gate.Exit(); }
    }

    /// <summary>One call's chunks: a counter to take them from and one to see them finish.</summary>
    private sealed class Step(int chunks, Action<int, int> body)
    {
        private int _next, _done;
        private Exception? _error;

        public void Work(int thread)
        {
            int chunk;
            while ((chunk = Interlocked.Increment(ref _next) - 1) < chunks)
            {
                try { body(chunk, thread); }
                catch (Exception e) { Interlocked.CompareExchange(ref _error, e, null); }
                Interlocked.Increment(ref _done);
            }
        }

        /// <summary>Waits for the chunks other threads took, then rethrows the first error.</summary>
        public void Finish()
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _done) < chunks) spin.SpinOnce(sleep1Threshold: -1);
            if (_error is not null) ExceptionDispatchInfo.Throw(_error);
        }
    }

    private sealed class Helper
    {
        private readonly int _thread;
        private readonly SemaphoreSlim _wake = new(0);
        private Step? _pending;     // the newest step posted; a helper too late for one finds its chunks all taken
        private int _parked;

        public Helper(int thread)
        {
            _thread = thread;
            new Thread(Loop) { IsBackground = true, Name = $"rait decode {thread}" }.Start();
        }

        public void Post(Step step)
        {
            Interlocked.Exchange(ref _pending, step);     // a full fence: the helper sees the step, or we see it parked
            if (Volatile.Read(ref _parked) == 1) _wake.Release();
        }

        private void Loop()
        {
            while (true)
            {
                long idleSince = Stopwatch.GetTimestamp();
                Step? step = null;
                while (Volatile.Read(ref _pending) is null || (step = Interlocked.Exchange(ref _pending, null)) is null)
                {
                    if (Stopwatch.GetTimestamp() - idleSince < SpinTicks)
                    {
                        Thread.SpinWait(16);
                        continue;
                    }
                    Interlocked.Exchange(ref _parked, 1);
                    if (Volatile.Read(ref _pending) is null) _wake.Wait();
                    Interlocked.Exchange(ref _parked, 0);
                    idleSince = Stopwatch.GetTimestamp();
                }
                step.Work(_thread);
            }
        }
    }
}
