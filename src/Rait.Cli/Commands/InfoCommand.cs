using System.CommandLine;
using System.Text.Json;

namespace Rait.Cli.Commands;

/// <summary>`rait info --model DIR`: what the engine understood of a checkpoint.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var model = new ModelOptions();
        var json = new Option<bool>("--json") { Description = "machine-readable output" };
        var cmd = new Command("info", "Show a model's architecture, size, tokenizer and chat template.");
        model.AddTo(cmd);
        cmd.Options.Add(json);
        cmd.SetAction(r =>
        {
            using var lm = model.Load(r);
            var c = lm.Model.Config;
            var info = new
            {
                source = lm.Source, fingerprint = lm.Fingerprint, family = c.Family.ToString().ToLowerInvariant(),
                parameters = c.ParameterCount(), hidden_size = c.HiddenSize, layers = c.NumLayers, heads = c.NumHeads,
                kv_heads = c.NumKvHeads, head_dim = c.HeadDim, intermediate_size = c.IntermediateSize, vocab_size = c.VocabSize,
                tokenizer_vocab = lm.Tokenizer.VocabSize, max_positions = c.MaxPositions, context_length = c.ContextLength,
                rope_theta = c.RopeTheta, rope_scaling = c.RopeScaling?.ToJson().ToJsonString() ?? "none",
                sliding_window = c.SlidingWindow is int w ? $"{w} on {Enumerable.Range(0, c.NumLayers).Count(c.IsSliding)} of {c.NumLayers} layers" : "none",
                tied_embeddings = c.TieWordEmbeddings,
                dtype = lm.Model.Dtype.ToString().ToLowerInvariant(), device = lm.Model.Device.ToString(), chat_template = lm.ChatTemplate?.Name ?? "none",
                stop_token_ids = lm.StopTokenIds,
            };
            if (r.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(info));
            else
                foreach (var p in info.GetType().GetProperties())
                {
                    var v = p.GetValue(info);
                    Console.WriteLine($"{p.Name,-18} {(v is IEnumerable<int> ids ? string.Join(", ", ids) : v)}");
                }
            return 0;
        });
        return cmd;
    }
}
