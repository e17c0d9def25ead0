using System.CommandLine;
using Microsoft.Extensions.Logging;
using Rait.Core;
using Rait.Server;
using Rait.Server.Engine;

namespace Rait.Cli.Commands;

/// <summary>`rait serve --model DIR [--adapter DIR] [--host H] [--port N] [--api-key-env VAR] [--max-batch N] [--max-queue N]`.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var model = new ModelOptions();
        var name = new Option<string?>("--served-model-name") { Description = "model id clients send (default: the model folder's name)" };
        var host = new Option<string>("--host") { Description = "address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port (0 = any free port)", DefaultValueFactory = _ => 8000 };
        var keyEnv = new Option<string?>("--api-key-env") { Description = "environment variable holding the bearer key clients must send" };
        var maxBatch = new Option<int>("--max-batch") { Description = "most sequences (prompts x n) decoded together", DefaultValueFactory = _ => 32 };
        var maxQueue = new Option<int>("--max-queue") { Description = "most waiting requests before 429", DefaultValueFactory = _ => 256 };
        var kvMb = new Option<long>("--kv-cache-mb") { Description = "KV-cache memory budget in MiB; a request waits until it fits, and one that cannot fit alone gets 400", DefaultValueFactory = _ => new EngineOptions().KvCacheBytes >> 20 };
        var defaultMax = new Option<int>("--default-max-tokens") { Description = "max_tokens of a request that sets none", DefaultValueFactory = _ => new ServeOptions().DefaultMaxTokens };
        var cors = new Option<string[]>("--cors-origin") { Description = "origin allowed to call the API from a browser (repeatable)", AllowMultipleArgumentsPerToken = false };
        var cmd = new Command("serve", "Serve a model over an OpenAI-compatible HTTP API.");
        model.AddTo(cmd);
        foreach (var o in new Option[] { name, host, port, keyEnv, maxBatch, maxQueue, kvMb, defaultMax, cors }) cmd.Options.Add(o);
        cmd.SetAction(async (r, ct) =>
        {
            if (r.GetValue(kvMb) is < 1 or > (1L << 40)) throw new RaitException($"--kv-cache-mb: expected 1..{1L << 40}, got {r.GetValue(kvMb)}.");
            var engine = new EngineOptions { MaxBatchRows = r.GetValue(maxBatch), MaxQueue = r.GetValue(maxQueue), KvCacheBytes = r.GetValue(kvMb) << 20 };
            var options = new ServeOptions
            {
                Host = r.GetValue(host)!, Port = r.GetValue(port), ApiKey = ApiKey(r.GetValue(keyEnv)),
                DefaultMaxTokens = r.GetValue(defaultMax), CorsOrigins = r.GetValue(cors) ?? [],
            };
            var errors = engine.Validate().Concat(options.Validate()).ToList();
            if (errors.Count > 0) throw new RaitException("serve: " + string.Join("; ", errors));
            using var lm = model.Load(r);
            var id = r.GetValue(name) ?? Path.GetFileName(Path.GetFullPath(r.GetValue(model.Model)!).TrimEnd(Path.DirectorySeparatorChar));
            using var backend = new ModelBackend(lm, id, engine);
            await using var server = RaitServer.Create(options, backend, b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
            await server.StartAsync(ct);
            Console.WriteLine($"serving \"{id}\" at {server.Address}/v1 (context {backend.ContextLength}, max batch {r.GetValue(maxBatch)}); Ctrl+C stops");
            await server.WaitForShutdownAsync(ct);
            return 0;
        });
        return cmd;
    }

    private static string? ApiKey(string? envVar)
    {
        if (envVar is null) return null;
        var key = Environment.GetEnvironmentVariable(envVar);
        return string.IsNullOrEmpty(key) ? throw new RaitException($"--api-key-env: environment variable {envVar} is not set or empty.") : key;
    }
}
