using System.CommandLine;
using System.Text.Json;
using Rait.Core;
using Rait.Model.Tokenization;

namespace Rait.Cli.Commands;

/// <summary>`rait tokenize --model DIR --text T [--no-special] [--json]`.</summary>
internal static class TokenizeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "model folder with tokenizer.json", Required = true };
        var text = new Option<string>("--text") { Description = "text to encode", Required = true };
        var noSpecial = new Option<bool>("--no-special") { Description = "do not add BOS/EOS from the post-processor" };
        var json = new Option<bool>("--json") { Description = "machine-readable output" };
        var cmd = new Command("tokenize", "Encode text with a model's tokenizer and show the ids and pieces.");
        cmd.Options.Add(model); cmd.Options.Add(text); cmd.Options.Add(noSpecial); cmd.Options.Add(json);
        cmd.SetAction(r =>
        {
            var tok = TokenizerLoader.Load(r.GetValue(model)!);
            var t = r.GetValue(text) ?? throw new RaitException("--text: required.");
            var ids = tok.Encode(t, addSpecialTokens: !r.GetValue(noSpecial));
            var pieces = ids.Select(tok.TokenString).ToList();
            if (r.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new { ids, tokens = pieces, decoded = tok.Decode(ids, skipSpecialTokens: false) }));
            else
            {
                Console.WriteLine($"{ids.Count} tokens");
                for (int i = 0; i < ids.Count; i++) Console.WriteLine($"{ids[i],8}  {JsonSerializer.Serialize(pieces[i])}");
            }
            return 0;
        });
        return cmd;
    }
}
