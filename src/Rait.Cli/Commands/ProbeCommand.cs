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
        var s = new Settings();
        var cmd = new Command("probe", "Probe what a model knows: correctness μ and certainty σ per question.");
        foreach (var o in s.All) cmd.Options.Add(o);
        cmd.SetAction(async (r, ct) =>
        {
            var config = s.Config(r);
            var output = r.GetValue(s.Output)!;
            using var backend = s.OpenBackend(r);
            using var embedder = config.Certainty == CertaintyMethod.Embedding ? OnnxSentenceEmbedder.Load(config.EmbeddingModel!) : null;
            ProbeRunResult result;
            try { result = await new KnowledgeProber(backend, config, embedder).RunAsync(r.GetValue(s.Data)!, output, new ProgressLine(Console.Error), ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Console.Error.WriteLine($"\ninterrupted: finished batches are kept in {output}; run the same command again to resume.");
                return 130;
            }
            Console.Error.WriteLine();
            Console.WriteLine($"{result.Rows.Count} questions ({result.Resumed} resumed), mean μ {result.Summary.MeanMu:0.000}");
            Console.WriteLine($"rows: {result.JsonlPath}{(result.ParquetPath is null ? "" : $", {result.ParquetPath}")}; summary: {result.SummaryPath}");
            return 0;
        });
        return cmd;
    }

    /// <summary>The command's options and how they turn into a config and a backend.</summary>
    private sealed class Settings
    {
        public readonly ModelOptions Engine = new(modelRequired: false, "Hugging Face model folder (in-process engine)");
        public readonly Option<string> Data = new("--data") { Description = "questions as JSONL (QaItem, or McItem when a line has \"options\")", Required = true };
        public readonly Option<string> Output = new("--out") { Description = "output JSONL; .parquet and .summary.json are written next to it; an existing file is resumed", Required = true };
        public readonly Option<string?> ConfigFile = new("--config") { Description = "probe config (TOML or JSON, snake_case keys)" };
        public readonly Option<int?> Samples = new("--samples") { Description = "samples per open question (default 10)" };
        public readonly Option<double?> Temperature = new("--temperature") { Description = "sampling temperature (default 1.0)" };
        public readonly Option<int?> MaxNew = new("--max-new-tokens") { Description = "tokens per answer (default 50)" };
        public readonly Option<string?> Prompt = new("--prompt") { Description = "basic | refuse (default basic)" };
        public readonly Option<string?> Certainty = new("--certainty") { Description = "lexical | answer_logprob | embedding (default lexical)" };
        public readonly Option<string?> Embedding = new("--embedding-model") { Description = "folder with model.onnx + vocab.txt (embedding certainty)" };
        public readonly Option<int?> Batch = new("--batch-size") { Description = "questions per generate call (default 8); does not change results" };
        public readonly Option<long?> Seed = new("--seed") { Description = "master seed (default 0)" };
        public readonly Option<bool> NoChat = new("--no-chat") { Description = "plain-text prompts even when the model has a chat template" };
        public readonly Option<string?> Endpoint = new("--endpoint") { Description = "OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1" };
        public readonly Option<string?> ApiKeyEnv = new("--api-key-env") { Description = "environment variable holding the endpoint's API key" };
        public readonly Option<string?> EndpointModel = new("--endpoint-model") { Description = "model name to request from the endpoint" };
        public readonly Option<int> Concurrency = new("--concurrency") { Description = "endpoint requests in flight", DefaultValueFactory = _ => 4 };

        public IEnumerable<Option> All =>
            [.. Engine.All, Data, Output, ConfigFile, Samples, Temperature, MaxNew, Prompt, Certainty, Embedding, Batch, Seed, NoChat, Endpoint, ApiKeyEnv, EndpointModel, Concurrency];

        /// <summary>The --config file (or defaults) with the command-line overrides applied, validated.</summary>
        public ProbeConfig Config(ParseResult r)
        {
            var c = r.GetValue(ConfigFile) is { } path ? ProbeConfigFile.Load(path) : new ProbeConfig();
            c = c with
            {
                Samples = r.GetValue(Samples) ?? c.Samples,
                Temperature = r.GetValue(Temperature) ?? c.Temperature,
                MaxNewTokens = r.GetValue(MaxNew) ?? c.MaxNewTokens,
                Prompt = r.GetValue(Prompt) is { } p ? ParsePrompt(p) : c.Prompt,
                Certainty = r.GetValue(Certainty) is { } m ? ParseCertainty(m) : c.Certainty,
                EmbeddingModel = r.GetValue(Embedding) ?? c.EmbeddingModel,
                BatchSize = r.GetValue(Batch) ?? c.BatchSize,
                Seed = r.GetValue(Seed) ?? c.Seed,
                Chat = !r.GetValue(NoChat) && c.Chat,
            };
            var errors = c.Validate();
            if (errors.Count > 0) throw new RaitException("probe options: " + string.Join(" ", errors));
            return c;
        }

        public IProbeBackend OpenBackend(ParseResult r)
        {
            var modelDir = r.GetValue(Engine.Model);
            if (r.GetValue(Endpoint) is { } endpoint)
            {
                if (modelDir is not null) throw new RaitException("--model and --endpoint: give one backend, not both.");
                if (r.GetValue(Engine.Adapter) is not null) throw new RaitException("--adapter: applies to --model only; an endpoint serves its own adapters.");
                var name = r.GetValue(EndpointModel);
                if (string.IsNullOrEmpty(name)) throw new RaitException("--endpoint-model: required with --endpoint (the model name the server knows).");
                string? key = null;
                if (r.GetValue(ApiKeyEnv) is { } env && string.IsNullOrEmpty(key = Environment.GetEnvironmentVariable(env)))
                    throw new RaitException($"--api-key-env: environment variable {env} is not set or empty.");
                var client = new OpenAiClient(new OpenAiClientOptions { BaseUrl = endpoint, ApiKey = key, Concurrency = r.GetValue(Concurrency) });
                return new EndpointBackend(client, endpoint, name);
            }
            if (modelDir is null) throw new RaitException("--model or --endpoint: one backend is required.");
            return new EngineBackend(Engine.Load(r, modelDir), ownsModel: true);
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
    }

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
