namespace Rait.Server.Tests.Support;

/// <summary>
/// A bounded request queue drained by one dedicated worker thread, which takes the oldest request plus every
/// queued request with an equal batch key (up to a row budget) and runs them as one batch.
/// </summary>
/// <remarks>The fake backend's engine (static batching of requests with equal sampling keys); the real engine batches continuously.
/// Requests that cannot share a batch wait for the next round in arrival order.</remarks>
internal sealed class BatchingQueue<TItem, TResult> : IDisposable
{
    /// <summary>Runs one batch on the worker thread; returns one result per item, in order.</summary>
    /// <param name="ct">Fires once every request of the batch has been cancelled.</param>
    public delegate IReadOnlyList<TResult> BatchRunner(IReadOnlyList<TItem> items, CancellationToken ct);

    private sealed class Job(TItem item, object key, int rows, CancellationToken ct)
    {
        public TItem Item { get; } = item;
        public object Key { get; } = key;
        public int Rows { get; } = rows;
        public CancellationToken Ct { get; } = ct;
        public TaskCompletionSource<TResult> Tcs { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration WhileQueued { get; set; }
    }

    private readonly BatchRunner _run;
    private readonly Func<TItem, object> _keyOf;
    private readonly Func<TItem, int> _rowsOf;
    private readonly int _maxBatchRows;
    private readonly int _capacity;
    private readonly LinkedList<Job> _queue = new();
    private readonly object _lock = new();
    private readonly Thread _worker;
    private bool _stopping;
    private long _batches;
    private int _largestBatch;

    /// <param name="keyOf">Items with equal keys (Equals) may share a batch.</param>
    /// <param name="rowsOf">Batch rows an item takes (prompts × samples); a batch holds at most <paramref name="maxBatchRows"/>
    /// rows unless a single item is larger.</param>
    /// <param name="capacity">Most items waiting; more are refused with <see cref="QueueFullException"/>.</param>
    public BatchingQueue(BatchRunner run, Func<TItem, object> keyOf, Func<TItem, int> rowsOf, int maxBatchRows, int capacity, string threadName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _run = run;
        _keyOf = keyOf;
        _rowsOf = rowsOf;
        _maxBatchRows = maxBatchRows;
        _capacity = capacity;
        _worker = new Thread(Loop) { IsBackground = true, Name = threadName };
        _worker.Start();
    }

    /// <summary>Items accepted but not yet started.</summary>
    public int Depth { get { lock (_lock) return _queue.Count; } }
    public int Capacity => _capacity;
    /// <summary>Batches run so far.</summary>
    public long BatchesRun => Interlocked.Read(ref _batches);
    /// <summary>Most items that ever shared one batch.</summary>
    public int LargestBatch => Volatile.Read(ref _largestBatch);

    /// <summary>Queues an item; the task completes when its batch has run.</summary>
    /// <exception cref="QueueFullException">Capacity reached.</exception>
    public Task<TResult> EnqueueAsync(TItem item, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var job = new Job(item, _keyOf(item), _rowsOf(item), ct);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            if (_queue.Count >= _capacity) throw new QueueFullException(_capacity);
            _queue.AddLast(job);
            Monitor.Pulse(_lock);
        }
        // A request cancelled while waiting completes at once; the worker skips it.
        job.WhileQueued = ct.Register(() => job.Tcs.TrySetCanceled(ct));
        return job.Tcs.Task;
    }

    private void Loop()
    {
        while (true)
        {
            List<Job> batch;
            lock (_lock)
            {
                while (_queue.Count == 0 && !_stopping) Monitor.Wait(_lock);
                if (_stopping) break;
                batch = TakeBatch();
            }
            if (batch.Count > 0) Run(batch);
        }
        foreach (var job in _queue) job.Tcs.TrySetException(new ObjectDisposedException(nameof(BatchingQueue<TItem, TResult>)));
    }

    /// <summary>Oldest live job plus compatible followers; cancelled jobs are dropped on the way. Caller holds the lock.</summary>
    private List<Job> TakeBatch()
    {
        var batch = new List<Job>();
        int rows = 0;
        for (var node = _queue.First; node is not null;)
        {
            var next = node.Next;
            var job = node.Value;
            if (job.Tcs.Task.IsCompleted) _queue.Remove(node);
            else if (batch.Count == 0 || (job.Key.Equals(batch[0].Key) && rows + job.Rows <= _maxBatchRows))
            {
                _queue.Remove(node);
                batch.Add(job);
                rows += job.Rows;
            }
            if (rows >= _maxBatchRows) break;
            node = next;
        }
        return batch;
    }

    private void Run(List<Job> batch)
    {
        using var batchCts = new CancellationTokenSource();
        int live = batch.Count;
        var registrations = batch.Select(j => j.Ct.Register(() =>
        {
            if (Interlocked.Decrement(ref live) == 0) batchCts.Cancel();
        })).ToList();
        try
        {
            var results = _run(batch.Select(j => j.Item).ToList(), batchCts.Token);
            for (int i = 0; i < batch.Count; i++) batch[i].Tcs.TrySetResult(results[i]);
        }
        catch (OperationCanceledException) when (batchCts.IsCancellationRequested)
        {
            foreach (var job in batch) job.Tcs.TrySetCanceled(job.Ct);
        }
        catch (Exception e)
        {
            // Not swallowed: every request of the batch receives the failure; the worker must survive to serve the next batch.
            foreach (var job in batch) job.Tcs.TrySetException(e);
        }
        finally
        {
            foreach (var r in registrations) r.Dispose();
            foreach (var job in batch) job.WhileQueued.Dispose();
        }
        Interlocked.Increment(ref _batches);
        if (batch.Count > _largestBatch) Volatile.Write(ref _largestBatch, batch.Count);
    }

    /// <summary>Stops the worker after the running batch; waiting requests fail with ObjectDisposedException.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_stopping) return;
            _stopping = true;
            Monitor.PulseAll(_lock);
        }
        _worker.Join();
    }
}
