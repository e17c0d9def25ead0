using System.CommandLine;
using Rait.Core;
using Rait.Core.Endpoints;
using Rait.Model;
using Rait.Model.Checkpoints;
using Rait.Probing;
using Rait.Probing.Backends;
using Rait.Probing.Certainty;
using static TorchSharp.torch;

namespace Rait.Cli.Commands;

/// <summary>
/// `rait probe --model DIR | --endpoint URL --endpoint-model NAME, --data FILE --out FILE [...]`: knowledge
/// probing (μ, σ per question). Options given on the command line override the --config file.
/// </summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "Hugging Face model folder (in-process engine)" };
        var adapter = new Option<string?>("--adapter") { Description = "PEFT LoRA adapter folder on top of --model" };
        var dtype = new Option<string>("--dtype") { Description = "compute dtype: float32 or bfloat16", DefaultValueFactory = _ => "float32" };
        var threads = new Option<int>("--threads") { Description = "CPU threads for tensor math (0 = all cores)" };
        var data = new Option<string>("--data") { Description = "questions as JSONL (QaItem, or McItem when a line has \"options\")", Required = true };
        var output = new Option<string>("--out") { Description = "output JSONL; .parquet and .summary.json are written next to it; an existing file is resumed", Required = true };
        var config = new Option<string?>("--config") { Description = "probe config (TOML or JSON, snake_case keys)" };
        var samples = new Option<int?>("--samples") { Description = "samples per open question (default 10)" };
        var temperature = new Option<double?>("--temperature") { Description = "sampling temperature (default 1.0)" };
        var maxNew = new Option<int?>("--max-new-tokens") { Description = "tokens per answer (default 50)" };
        var prompt = new Option<string?>("--prompt") { Description = "basic | refuse (default basic)" };
        var certainty = new Option<string?>("--certainty") { Description = "lexical | answer_logprob | embedding (default lexical)" };
        var embedding = new Option<string?>("--embedding-model") { Description = "folder with model.onnx + vocab.txt (embedding certainty)" };
        var batch = new Option<int?>("--batch-size") { Description = "questions per generate call (default 8); does not change results" };
        var seed = new Option<long?>("--seed") { Description = "master seed (default 0)" };
        var noChat = new Option<bool>("--no-chat") { Description = "plain-text prompts even when the model has a chat template" };
        var endpoint = new Option<string?>("--endpoint") { Description = "OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1" };
        var apiKeyEnv = new Option<string?>("--api-key-env") { Description = "environment variable holding the endpoint's API key" };
        var endpointModel = new Option<string?>("--endpoint-model") { Description = "model name to request from the endpoint" };
        var concurrency = new Option<int>("--concurrency") { Description = "endpoint requests in flight", DefaultValueFactory = _ => 4 };
        var cmd = new Command("probe", "Probe what a model knows: correctness μ and certainty σ per question.");
        foreach (var o in new Option[] { model, adapter, dtype, threads, data, output, config, samples, temperature, maxNew, prompt, certainty, embedding, batch, seed, noChat, endpoint, apiKeyEnv, endpointModel, concurrency })
            cmd.Options.Add(o);
        cmd.SetAction(async (r, ct) =>
        {
            var c = r.GetValue(config) is { } path ? ProbeConfigFile.Load(path) : new ProbeConfig();
            c = c with
            {
                Samples = r.GetValue(samples) ?? c.Samples,
                Temperature = r.GetValue(temperature) ?? c.Temperature,
                MaxNewTokens = r.GetValue(maxNew) ?? c.MaxNewTokens,
                Prompt = r.GetValue(prompt) is { } p ? ParsePrompt(p) : c.Prompt,
                Certainty = r.GetValue(certainty) is { } m ? ParseCertainty(m) : c.Certainty,
                EmbeddingModel = r.GetValue(embedding) ?? c.EmbeddingModel,
                BatchSize = r.GetValue(batch) ?? c.BatchSize,
                Seed = r.GetValue(seed) ?? c.Seed,
                Chat = !r.GetValue(noChat) && c.Chat,
            };
            var errors = c.Validate();
            if (errors.Count > 0) throw new RaitException("probe options: " + string.Join(" ", errors));
            using var backend = OpenBackend(r.GetValue(model), r.GetValue(adapter), r.GetValue(dtype)!, r.GetValue(threads),
                r.GetValue(endpoint), r.GetValue(apiKeyEnv), r.GetValue(endpointModel), r.GetValue(concurrency));
            using var embedder = c.Certainty == CertaintyMethod.Embedding ? OnnxSentenceEmbedder.Load(c.EmbeddingModel!) : null;
            ProbeRunResult result;
            try { result = await new KnowledgeProber(backend, c, embedder).RunAsync(r.GetValue(data)!, r.GetValue(output)!, new ProgressLine(Console.Error), ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Console.Error.WriteLine($"\ninterrupted: finished batches are kept in {r.GetValue(output)}; run the same command again to resume.");
                return 130;
            }
            Console.Error.WriteLine();
            Console.WriteLine($"{result.Rows.Count} questions ({result.Resumed} resumed), mean μ {result.Summary.MeanMu:0.000}");
            Console.WriteLine($"rows: {result.JsonlPath}{(result.ParquetPath is null ? "" : $", {result.ParquetPath}")}; summary: {result.SummaryPath}");
            return 0;
        });
        return cmd;
    }

    private static IProbeBackend OpenBackend(string? modelDir, string? adapterDir, string dtype, int threads,
        string? endpoint, string? apiKeyEnv, string? endpointModel, int concurrency)
    {
        if (adapterDir is not null)
            throw new RaitException("--adapter: loading a LoRA adapter is not supported yet (the engine has no adapter-loading API); merge the adapter into the base model first, or serve it and use --endpoint.");
        if (endpoint is not null)
        {
            if (modelDir is not null) throw new RaitException("--model and --endpoint: give one backend, not both.");
            if (string.IsNullOrEmpty(endpointModel)) throw new RaitException("--endpoint-model: required with --endpoint (the model name the server knows).");
            string? key = null;
            if (apiKeyEnv is not null && string.IsNullOrEmpty(key = Environment.GetEnvironmentVariable(apiKeyEnv)))
                throw new RaitException($"--api-key-env: environment variable {apiKeyEnv} is not set or empty.");
            var client = new OpenAiClient(new OpenAiClientOptions { BaseUrl = endpoint, ApiKey = key, Concurrency = concurrency });
            return new EndpointBackend(client, endpoint, endpointModel);
        }
        if (modelDir is null) throw new RaitException("--model or --endpoint: one backend is required.");
        if (threads > 0) set_num_threads(threads);
        var type = dtype switch
        {
            "float32" or "fp32" => ScalarType.Float32,
            "bfloat16" or "bf16" => ScalarType.BFloat16,
            _ => throw new RaitException($"--dtype: expected float32 or bfloat16, got \"{dtype}\"."),
        };
        return new EngineBackend(LanguageModel.Load(modelDir, new ModelLoadOptions { Dtype = type }), ownsModel: true);
    }

    private static PromptStyle ParsePrompt(string s) => s switch
    {
        "basic" => PromptStyle.Basic,
        "refuse" => PromptStyle.Refuse,
        _ => throw new RaitException($"--prompt: expected basic or refuse, got \"{s}\" (custom templates go in --config)."),
    };

    private static CertaintyMethod ParseCertainty(string s) => s switch
    {
        "lexical" => CertaintyMethod.Lexical,
        "answer_logprob" => CertaintyMethod.AnswerLogprob,
        "embedding" => CertaintyMethod.Embedding,
        _ => throw new RaitException($"--certainty: expected lexical, answer_logprob or embedding, got \"{s}\"."),
    };

    /// <summary>Rewrites one stderr line: done/total, rate, ETA.</summary>
    private sealed class ProgressLine(TextWriter w) : IProgress<ProbeProgress>
    {
        public void Report(ProbeProgress p)
        {
            var eta = p.Eta is { } t ? $"  ETA {(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}" : "";
            var resumed = p.Resumed > 0 ? $" ({p.Resumed} resumed)" : "";
            w.Write($"\rprobe {p.Done}/{p.Total}{resumed}  {p.QuestionsPerSecond:0.00} q/s{eta}   ");
            w.Flush();
        }
    }
}
