using System.CommandLine;
using System.Text.Json;
using Rait.Core;
using Rait.Model.Generation;

namespace Rait.Cli.Commands;

/// <summary>`rait generate --model DIR --prompt T [--chat] [--max-new-tokens N] [--temperature t] [--top-p p] [--top-k k] [--seed s] [--json]`.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var model = new ModelOptions();
        var prompt = new Option<string>("--prompt") { Description = "prompt text", Required = true };
        var system = new Option<string?>("--system") { Description = "system prompt (chat mode)" };
        var chat = new Option<bool>("--chat") { Description = "wrap the prompt in the model's chat template" };
        var maxNew = new Option<int>("--max-new-tokens") { Description = "tokens to generate", DefaultValueFactory = _ => 128 };
        var temperature = new Option<double>("--temperature") { Description = "0 = greedy", DefaultValueFactory = _ => 0.8 };
        var topP = new Option<double>("--top-p") { Description = "nucleus sampling mass", DefaultValueFactory = _ => 0.95 };
        var topK = new Option<int>("--top-k") { Description = "keep the k most likely tokens (0 = off)", DefaultValueFactory = _ => 0 };
        var seed = new Option<long>("--seed") { Description = "sampling seed", DefaultValueFactory = _ => 0 };
        var n = new Option<int>("--n") { Description = "samples for the prompt", DefaultValueFactory = _ => 1 };
        var stop = new Option<string[]>("--stop") { Description = "stop string (repeatable)", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "machine-readable output with ids and per-token log-probs" };
        var cmd = new Command("generate", "Generate text from a prompt.");
        model.AddTo(cmd);
        foreach (var o in new Option[] { prompt, system, chat, maxNew, temperature, topP, topK, seed, n, stop, json }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            using var lm = model.Load(r);
            var text = r.GetValue(prompt);
            if (string.IsNullOrEmpty(text)) throw new RaitException("--prompt: empty prompt.");
            var ids = lm.EncodePrompt(text, r.GetValue(system), chat: r.GetValue(chat));
            var options = new SamplingOptions
            {
                MaxNewTokens = r.GetValue(maxNew), Temperature = r.GetValue(temperature), TopP = r.GetValue(topP),
                TopK = r.GetValue(topK), Seed = r.GetValue(seed), NumSamples = r.GetValue(n),
                StopStrings = r.GetValue(stop) ?? [],
            };
            var outs = lm.Generate([ids], options);
            if (r.GetValue(json))
                foreach (var o in outs)
                    Console.WriteLine(JsonSerializer.Serialize(new
                    {
                        prompt_ids = ids, sample = o.SampleIndex, text = o.Text, ids = o.TokenIds,
                        tokens = o.TokenIds.Select(lm.Tokenizer.TokenString), logprobs = o.LogProbs,
                        finish_reason = o.Finish.ToString().ToLowerInvariant(),
                    }));
            else
                foreach (var o in outs)
                {
                    if (outs.Count > 1) Console.WriteLine($"--- sample {o.SampleIndex}");
                    Console.WriteLine(r.GetValue(chat) ? o.Text : text + o.Text);
                }
            return 0;
        });
        return cmd;
    }
}
