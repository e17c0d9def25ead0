using System.CommandLine;
using Rait.Core;
using Rait.Core.Endpoints;
using Rait.Evaluation.Metrics;
using Rait.Pipeline.Eval;

namespace Rait.Cli.Commands;

/// <summary>
/// <c>rait eval --model DIR [--adapter DIR] | --endpoint URL --endpoint-model NAME [--api-key-env VAR], --data FILE [--data FILE ...] --prompt basic|refuse --out DIR
/// [--reference DIR] [--split-name NAME ...] [--judge-endpoint URL --judge-model NAME] [--config FILE] [--set key=value ...]</c>.
/// </summary>
internal static class EvalCommand
{
    private static readonly string[] PromptStyles = ["basic", "refuse", "r_tuning", "custom"];

    public static Command Create()
    {
        var model = new ModelOptions();
        var data = new Option<string[]>("--data") { Description = "Evaluation file or folder (repeatable; each is one split).", Required = true, AllowMultipleArgumentsPerToken = false };
        var prompt = new Option<string>("--prompt") { Description = $"Prompt template: {string.Join(" | ", PromptStyles)} (CRaFT BASIC / REFUSE).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder: answers.jsonl, metrics.json, resolved_config.toml.", Required = true };
        var reference = new Option<string?>("--reference") { Description = "Output folder of the reference run (Init-Basic) for THS and base-known flags." };
        var splitNames = new Option<string[]>("--split-name") { Description = "Split name per --data, in order (default: the file name without extension).", AllowMultipleArgumentsPerToken = false };
        var name = new Option<string?>("--name") { Description = "Label of the evaluated model in the results (default: the --out folder name)." };
        var config = new Option<string?>("--config") { Description = "Eval config file (.toml or .json); unknown keys are errors." };
        var set = new Option<string[]>("--set") { Description = "Override a config key, key.path=value (repeatable), applied after --config.", AllowMultipleArgumentsPerToken = false };
        var judgeEndpoint = new Option<string?>("--judge-endpoint") { Description = "OpenAI-compatible base URL (ending in /v1) of an LLM judge for open answers; sets judge.endpoint (key: env var named by judge.api_key_env)." };
        var judgeModel = new Option<string?>("--judge-model") { Description = "Model name of the LLM judge; sets judge.model." };
        var endpoint = new Option<string?>("--endpoint") { Description = "OpenAI-compatible base URL (ending in /v1) to evaluate instead of --model." };
        var endpointModel = new Option<string?>("--endpoint-model") { Description = "Model name to request from --endpoint." };
        var apiKeyEnv = new Option<string?>("--api-key-env") { Description = "Environment variable holding the --endpoint API key." };
        model.Model.Required = false;
        var command = new Command("eval", "Answer evaluation sets greedily, score each answer correct / wrong / refused, and report Pc, Pw, Pr, THS and AP with intervals.");
        model.AddTo(command);
        foreach (var o in new Option[] { data, prompt, output, reference, splitNames, name, judgeEndpoint, judgeModel, config, set, endpoint, endpointModel, apiKeyEnv }) command.Options.Add(o);
        command.SetAction(p =>
        {
            var style = p.GetRequiredValue(prompt);
            if (!PromptStyles.Contains(style)) throw new RaitException($"--prompt: expected one of {string.Join(", ", PromptStyles)}, got \"{style}\".");
            var loaded = EvalConfig.Load(p.GetValue(config), [.. p.GetValue(set) ?? [], $"prompt.style={style}", .. JudgeOverrides(p.GetValue(judgeEndpoint), p.GetValue(judgeModel))]);
            var request = new EvalRequest
            {
                Model = p.GetValue(endpoint) is { } url
                    ? EndpointSource(url, p.GetValue(endpointModel), p.GetValue(apiKeyEnv), p.GetValue(model.Model) is not null || p.GetValue(model.Adapter) is not null)
                    : new EvalModelSource(p.GetValue(model.Model) ?? throw new RaitException("--model or --endpoint: one model is required."), p.GetValue(model.Adapter), () => model.Load(p)),
                Data = DataFiles(p.GetRequiredValue(data), p.GetValue(splitNames) ?? []),
                OutDir = p.GetRequiredValue(output),
                ReferenceDir = p.GetValue(reference),
                Method = p.GetValue(name),
                JudgeApiKey = loaded.Judge?.ApiKeyEnv is { } env ? Environment.GetEnvironmentVariable(env) : null,
            };
            var progress = new ProgressLine<EvalProgress>(e =>
            {
                int bar = (int)(e.Fraction * 30);
                return (e.Fraction, $"eval {e.Split} ({e.SplitIndex + 1}/{e.SplitCount}) [{new string('#', bar)}{new string('.', 30 - bar)}] {e.Done}/{e.Total}");
            });
            var result = new EvalRunner(loaded).Run(request, progress);
            PrintTable(result, p.InvocationConfiguration.Output);
            return 0;
        });
        return command;
    }

    private static EvalModelSource EndpointSource(string url, string? name, string? keyEnv, bool localToo)
    {
        if (localToo) throw new RaitException("--endpoint: evaluates a served model; drop --model and --adapter (the server serves its own adapters).");
        if (string.IsNullOrEmpty(name)) throw new RaitException("--endpoint-model: required with --endpoint (the model name the server knows).");
        var e = new EndpointModel { Endpoint = url, Name = name, ApiKeyEnv = keyEnv };
        var errors = e.Validate("endpoint");
        if (errors.Count > 0) throw new RaitException(string.Join("; ", errors));
        return EvalModelSource.FromEndpoint(e, e.Fingerprint());
    }

    private static IEnumerable<string> JudgeOverrides(string? endpoint, string? model)
    {
        if (endpoint is not null) yield return $"judge.endpoint={endpoint}";
        if (model is not null) yield return $"judge.model={model}";
    }

    private static List<EvalDataFile> DataFiles(string[] paths, string[] names)
    {
        if (names.Length > 0 && names.Length != paths.Length)
            throw new RaitException($"--split-name: given {names.Length} times for {paths.Length} --data files; give one per file, in the same order.");
        return paths.Select((path, i) => names.Length > 0 ? new EvalDataFile(path, names[i]) : EvalDataFile.FromPath(path)).ToList();
    }

    private static void PrintTable(EvalRunResult result, TextWriter o)
    {
        static string F(Estimate? e) => e?.Format() ?? "-";
        o.WriteLine($"{result.Method} (model {result.ModelFingerprint}) -> {result.OutDir}");
        o.WriteLine($"{"split",-14} {"n",6}  {"status",-9} {"Pc",-20} {"Pw",-20} {"Pr",-20} {"fail-parse",-20} {"THS",-22} {"AP",-20}");
        foreach (var s in result.Splits)
        {
            var r = s.Result;
            o.WriteLine($"{s.Split,-14} {r.N,6}  {s.Status.ToString().ToLowerInvariant(),-9} {F(r.Correct),-20} {F(r.Wrong),-20} {F(r.Refused),-20} {F(r.FailParse),-20} {F(r.Ths),-22} {F(r.AveragePrecision),-20}");
        }
        o.WriteLine("rates in % with 95% bootstrap intervals; THS needs --reference, AP a confidence score (\"-\" = not computed).");
    }
}
