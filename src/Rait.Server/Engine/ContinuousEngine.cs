using Rait.Core;
using Rait.Core.Random;
using Rait.Model;
using Rait.Model.Generation;

namespace Rait.Server.Engine;

/// <summary>A decoded token as the engine hands it out live, before its text is rendered.</summary>
/// <param name="TokenId">Null for the stop token that ended the choice (never text).</param>
/// <param name="Logprobs">Set when the request asked for completion log-probs (never for a stop token).</param>
internal delegate void RawLiveToken(int choice, int? TokenId, FinishReason? finish, PositionLogprobs? Logprobs);

/// <summary>
/// The server's generation engine: one worker thread runs a <see cref="ContinuousBatch"/>, admitting queued requests
/// between decode steps while the KV-cache budget and the row limit allow, and completing each request the moment its
/// last choice ends. Requests that do not fit yet wait in arrival order; a request whose caller cancels leaves at the
/// next step.
/// </summary>
/// <remarks>One thread because TorchSharp dispose scopes are thread-static and the model is not thread-safe.</remarks>
internal sealed class ContinuousEngine : IDisposable
{
    private sealed class Job(GenerationRequest request, SamplingOptions options, long longest, RawLiveToken? live, CancellationToken ct)
    {
        public GenerationRequest Request { get; } = request;
        /// <summary>The request's options with the model's default stop tokens.</summary>
        public SamplingOptions Options { get; } = options;
        public int RowCount { get; } = request.Prompts.Count * request.Sampling.NumSamples;
        /// <summary>Longest sequence any of its rows may reach.</summary>
        public long Longest { get; } = longest;
        public RawLiveToken? Live { get; } = live;
        public CancellationToken Ct { get; } = ct;
        public TaskCompletionSource<IReadOnlyList<RawChoice>> Tcs { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration WhileQueued { get; set; }
        public BatchRow[] Rows { get; } = new BatchRow[request.Prompts.Count * request.Sampling.NumSamples];
        public List<PositionLogprobs>[] Logprobs { get; } =
            Enumerable.Range(0, request.Prompts.Count * request.Sampling.NumSamples).Select(_ => new List<PositionLogprobs>()).ToArray();
        public IReadOnlyList<PositionLogprobs>?[] PromptLogprobs { get; } = new IReadOnlyList<PositionLogprobs>?[request.Prompts.Count];
        public int Open { get; set; }
    }

    private readonly LanguageModel _lm;
    private readonly EngineOptions _options;
    private readonly ContinuousBatch _batch;
    private readonly LinkedList<Job> _queue = new();
    private readonly Dictionary<BatchRow, (Job Job, int Choice)> _owners = new(ReferenceEqualityComparer.Instance);
    private readonly List<Job> _running = [];
    private readonly object _lock = new();
    private readonly Thread _worker;
    private bool _stopping;
    private long _steps, _peakRows, _idleLive = -1;

    public ContinuousEngine(LanguageModel lm, EngineOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new RaitException("engine options: " + string.Join("; ", errors));
        _lm = lm;
        _options = options;
        _batch = new ContinuousBatch(lm.Model, ids => lm.Tokenizer.Decode(ids), options.CacheBlock);
        _worker = new Thread(Loop) { IsBackground = true, Name = "rait-engine" };
        _worker.Start();
    }

    /// <summary>Requests accepted but not yet started.</summary>
    public int Depth { get { lock (_lock) return _queue.Count; } }
    /// <summary>Decode steps run so far.</summary>
    public long Steps => Interlocked.Read(ref _steps);
    /// <summary>Most rows that ever decoded together.</summary>
    public long PeakRows => Interlocked.Read(ref _peakRows);
    /// <summary>Most bytes the KV cache ever held (instrumented on the cache tensors).</summary>
    public long PeakCacheBytes => _batch.PeakCacheBytes;
    public long CacheBudget => _options.KvCacheBytes;
    /// <summary>Live TorchSharp tensors of the engine thread the last time the batch went empty (-1 before that): it must
    /// stay flat however many requests ran.</summary>
    public long IdleLiveTensors => Interlocked.Read(ref _idleLive);

    /// <summary>Queues a request; the task completes when its last choice has ended.</summary>
    /// <exception cref="ApiException">400: the request alone needs more KV cache than the budget.</exception>
    /// <exception cref="QueueFullException">The queue is at capacity.</exception>
    public Task<IReadOnlyList<RawChoice>> EnqueueAsync(GenerationRequest request, RawLiveToken? live, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var options = _lm.WithDefaultStops(request.Sampling);
        long longest = request.Prompts.Max(p => _batch.ReservedLength(p.Count, options.MaxNewTokens));
        var job = new Job(request, options, longest, live, ct);
        long alone = _batch.BytesAlone(job.RowCount, longest);
        if (request.Sampling.MaxNewTokens > 0 && alone > _options.KvCacheBytes)
            throw ApiException.BadRequest($"This request needs {alone} bytes of KV cache ({job.RowCount} sequences of up to {longest} tokens), " +
                $"more than the server's budget of {_options.KvCacheBytes} bytes; lower max_tokens, n or the number of prompts.",
                "max_tokens", "kv_cache_budget_exceeded");
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            if (_queue.Count >= _options.MaxQueue) throw new QueueFullException(_options.MaxQueue);
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
            List<Job> admitted;
            lock (_lock)
            {
                while (_queue.Count == 0 && _batch.Count == 0 && !_stopping) Monitor.Wait(_lock);
                if (_stopping) break;
                admitted = TakeAdmissible();
            }
            try
            {
                StartAll(admitted);
                DropCancelled();
                if (_batch.Count == 0) continue;
                Interlocked.Exchange(ref _peakRows, Math.Max(_peakRows, _batch.Count));
                var tokens = _batch.Step();
                Interlocked.Increment(ref _steps);
                Route(tokens);
                if (_batch.Count == 0) Interlocked.Exchange(ref _idleLive, TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            }
            catch (Exception e)
            {
                // Not swallowed: every running request receives the failure; the engine must survive to serve the next ones.
                FailRunning(e);
            }
        }
        lock (_lock)
            foreach (var job in _queue) job.Tcs.TrySetException(new ObjectDisposedException(nameof(ContinuousEngine)));
        FailRunning(new ObjectDisposedException(nameof(ContinuousEngine)));
        _batch.Dispose();
    }

    /// <summary>Queued requests, oldest first, while they fit beside the running rows. The first that does not fit waits,
    /// and later ones may pass it only when they cannot delay it (EASY backfilling): they fit now, reserve no longer
    /// sequences than are already reserved, and reach their max_tokens within the steps the soonest running or admitted
    /// row has left, so they are gone by the time that row's room frees (a row stopping early at a stop token can let them
    /// delay the waiting one by at most their own few steps). So a large request is never starved, and short ones do not
    /// queue behind it for nothing. Cancelled ones are dropped. Caller holds the lock.</summary>
    private List<Job> TakeAdmissible()
    {
        var taken = new List<Job>();
        int rows = 0;
        long longest = _batch.LongestReserved;
        long? horizon = null; // set once a request waits: steps until the soonest row can end
        for (var node = _queue.First; node is not null;)
        {
            var next = node.Next;
            var job = node.Value;
            if (job.Tcs.Task.IsCompleted)
            {
                _queue.Remove(node);
                node = next;
                continue;
            }
            bool empty = _batch.Count == 0 && taken.Count == 0;
            bool rowsFit = _batch.Count + rows + job.RowCount <= _options.MaxBatchRows;
            bool bytesFit = job.Request.Sampling.MaxNewTokens == 0
                || _batch.BytesWith(rows + job.RowCount, Math.Max(longest, job.Longest)) <= _options.KvCacheBytes;
            bool fits = bytesFit && (rowsFit || empty);
            if (horizon is null && !fits)
            {
                horizon = taken.Select(j => (long)j.Request.Sampling.MaxNewTokens).Append(_batch.FewestTokensLeft ?? long.MaxValue).Min();
                node = next;
                continue;
            }
            if (fits && (horizon is null || (job.Longest <= longest && job.Request.Sampling.MaxNewTokens <= horizon)))
            {
                _queue.Remove(node);
                taken.Add(job);
                rows += job.RowCount;
                longest = Math.Max(longest, job.Longest);
            }
            node = next;
        }
        return taken;
    }

    /// <summary>Joins the admitted requests' rows, prefilling equal-length prompts together (an echo-only request is answered
    /// at once); a request that fails its checks fails alone.</summary>
    private void StartAll(List<Job> jobs)
    {
        var joining = new List<Job>();
        var requests = new List<JoinRequest>();
        foreach (var job in jobs.Where(j => !j.Tcs.Task.IsCompleted))
        {
            var r = job.Request;
            try
            {
                if (r.Logprobs.Prompt)
                    for (int p = 0; p < r.Prompts.Count; p++)
                        job.PromptLogprobs[p] = TokenDistributions.Compute(_lm.Model, r.Prompts[p], 1, r.Logprobs.TopK);
                if (r.Sampling.MaxNewTokens == 0)
                {
                    Complete(job);
                    continue;
                }
                var own = Requests(job);
                foreach (var q in own) _batch.Validate(q);
                requests.AddRange(own);
                joining.Add(job);
            }
            catch (Exception e)
            {
                job.Tcs.TrySetException(e);
            }
        }
        if (requests.Count == 0) return;
        IReadOnlyList<IReadOnlyList<BatchRow>> rows;
        try
        {
            rows = _batch.Join(requests);
        }
        catch (Exception e)
        {
            foreach (var job in joining) job.Tcs.TrySetException(e);
            return;
        }
        int next = 0;
        foreach (var job in joining)
        {
            int n = job.Request.Sampling.NumSamples;
            for (int p = 0; p < job.Request.Prompts.Count; p++, next++)
                for (int j = 0; j < n; j++)
                {
                    job.Rows[p * n + j] = rows[next][j];
                    _owners[rows[next][j]] = (job, p * n + j);
                }
            job.Open = job.RowCount;
            _running.Add(job);
        }
    }

    /// <summary>One join per prompt of a request, n rows each with the request's seeded streams.</summary>
    private static List<JoinRequest> Requests(Job job)
    {
        var r = job.Request;
        var seeds = PromptSeeds(r);
        int topK = r.Logprobs.Completion ? r.Logprobs.TopK : 0;
        return r.Prompts.Select((prompt, p) => new JoinRequest(prompt, job.Options,
            Enumerable.Range(0, r.Sampling.NumSamples)
                .Select(j => job.Options.Greedy ? (SplitMix64?)null : SamplingOptions.SampleStream(seeds[p], j)).ToList(),
            topK, $"prompt {p}")).ToList();
    }

    /// <summary>Seeds of a request's prompts, derived from its own seed exactly as a call with only this request would
    /// derive them, so batch mates never change a seeded request's text.</summary>
    private static IReadOnlyList<long> PromptSeeds(GenerationRequest r)
    {
        var own = new SamplingOptions { Seed = r.Seed ?? Random.Shared.NextInt64(long.MaxValue) };
        return Enumerable.Range(0, r.Prompts.Count).Select(own.PromptSeed).ToList();
    }

    private void DropCancelled()
    {
        foreach (var job in _running.Where(j => j.Ct.IsCancellationRequested).ToList())
        {
            Leave(job);
            job.Tcs.TrySetCanceled(job.Ct);
        }
    }

    private void Route(IReadOnlyList<RowToken> tokens)
    {
        foreach (var t in tokens)
        {
            var (job, choice) = _owners[t.Row];
            bool stopToken = t.Finish == FinishReason.Stop && job.Options.StopTokenIds.Contains(t.TokenId);
            PositionLogprobs? lp = null;
            if (job.Request.Logprobs.Completion && !stopToken)
            {
                lp = new PositionLogprobs(t.TokenId, t.LogProb, t.TopIds, t.TopLogProbs);
                job.Logprobs[choice].Add(lp);
            }
            job.Live?.Invoke(choice, stopToken ? null : t.TokenId, t.Finish, lp);
            if (t.Finish is not null && --job.Open == 0)
            {
                Leave(job);
                Complete(job);
            }
        }
    }

    private void Complete(Job job)
    {
        var r = job.Request;
        int n = r.Sampling.NumSamples;
        var choices = new List<RawChoice>(job.RowCount);
        for (int c = 0; c < job.RowCount; c++)
        {
            int p = c / n, s = c % n;
            var prompt = r.Prompts[p];
            var promptLps = job.PromptLogprobs[p];
            if (job.Rows[c] is not { } row)
            {
                choices.Add(new RawChoice(p, s, "", [], FinishReason.Length, prompt, r.Logprobs.Completion ? [] : null, promptLps));
                continue;
            }
            var text = _lm.ToCompletion(row.ToSequence(p, s), job.Options);
            var completion = r.Logprobs.Completion ? job.Logprobs[c].Take(text.TokenIds.Count).ToList() : null;
            choices.Add(new RawChoice(p, s, text.Text, text.TokenIds, text.Finish, prompt, completion, promptLps));
        }
        job.WhileQueued.Dispose();
        job.Tcs.TrySetResult(choices);
    }

    /// <summary>Takes a request's rows out of the batch and forgets it.</summary>
    private void Leave(Job job)
    {
        var rows = job.Rows.Where(r => r is not null && _owners.Remove(r)).ToList();
        _batch.Remove(rows.Where(r => r.Finish is null).ToList());
        _running.Remove(job);
    }

    private void FailRunning(Exception e)
    {
        foreach (var job in _running.ToList())
        {
            Leave(job);
            job.Tcs.TrySetException(e);
        }
    }

    /// <summary>Stops the worker after the running step; waiting and running requests fail with ObjectDisposedException.</summary>
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
