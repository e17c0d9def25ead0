using System.CommandLine;
using Rait.Core.Config;
using Rait.Core.Io;
using Rait.Methods;
using Rait.Methods.Config;
using Rait.Methods.Craft;

namespace Rait.Cli.Commands;

/// <summary>
/// <c>rait build --method M --probe FILE --out DIR</c>: builds a RAIT fine-tuning set from a probed pool;
/// <c>rait build rehearsal</c>: selects CRaFT's rehearsal set (GRAIT's warm-up set).
/// </summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var method = new Option<string>("--method") { Description = $"RAIT method: {string.Join(" | ", MethodNames.All)}.", Required = true };
        var probe = new Option<string?>("--probe") { Description = "Probed pool (ProbeRecord JSONL); replaces inputs.probe of the config." };
        var output = new Option<string>("--out") { Description = "Folder to write sft.jsonl, the exports, manifest.json and resolved_config.toml into.", Required = true };
        var rehearsed = new Option<string?>("--rehearsed") { Description = "craft: the pool re-probed after the rehearsal fine-tune." };
        var gradients = new Option<string?>("--gradients") { Description = "grait: per-candidate gradient features (JSONL)." };
        var (config, set, seed) = ConfigOptions();
        var command = new Command("build", "Build the fine-tuning set a RAIT method prescribes from a probed pool.")
        {
            method, probe, output, rehearsed, gradients, config, set, seed,
        };
        command.SetAction(p =>
        {
            var loaded = StageConfigs.LoadBuild(p.GetRequiredValue(method), p.GetValue(config), p.GetValue(set) ?? []);
            var inputs = loaded.Inputs with
            {
                Probe = p.GetValue(probe) ?? loaded.Inputs.Probe,
                Rehearsed = p.GetValue(rehearsed) ?? loaded.Inputs.Rehearsed,
                Gradients = p.GetValue(gradients) ?? loaded.Inputs.Gradients,
            };
            var options = p.GetValue(seed) is { } s ? loaded.Options with { Seed = s } : loaded.Options;
            var outcome = BuildRecipe.Run(loaded with { Inputs = inputs, Options = options }, p.GetRequiredValue(output));
            BuildCommandReport.Print(outcome, p.InvocationConfiguration.Output);
            return 0;
        });
        command.Subcommands.Add(CreateRehearsal());
        return command;
    }

    private static Command CreateRehearsal()
    {
        var probe = new Option<string>("--probe") { Description = "Pool probed with the initial model (ProbeRecord JSONL).", Required = true };
        var output = new Option<string>("--out") { Description = "Rehearsal set to write (SftExample JSONL); its resolved config goes beside it.", Required = true };
        var (config, set, seed) = ConfigOptions();
        var command = new Command("rehearsal", "Select the rehearsal set (CRaFT stage 1, GRAIT warm-up): questions the model already knows with high certainty.")
        {
            probe, output, config, set, seed,
        };
        command.SetAction(p =>
        {
            var loaded = StageConfigs.LoadRehearsal(p.GetValue(config), p.GetValue(set) ?? []);
            if (p.GetValue(seed) is { } s) loaded = loaded with { Rehearsal = loaded.Rehearsal with { Seed = s } };
            var pool = ProbeTable.Load(p.GetRequiredValue(probe));
            var rows = CraftRehearsalSelector.Select(pool, loaded.Rehearsal, loaded.ExpectedModelFingerprint);
            var outPath = p.GetRequiredValue(output);
            var resolved = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath))!, Path.GetFileNameWithoutExtension(outPath) + ".resolved_config.toml");
            ConfigLoader.SaveResolved(loaded, resolved);
            Jsonl.Write(outPath, rows);
            var o = p.InvocationConfiguration.Output;
            o.WriteLine($"rehearsal: {rows.Count} rows from {pool.Rows.Count} probed questions written to {outPath}");
            o.WriteLine("next: fine-tune the initial model on it, re-probe the same pool with the result, then " +
                "rait build --method craft --probe POOL --rehearsed REPROBED --out DIR");
            return 0;
        });
        return command;
    }

    private static (Option<string?> Config, Option<string[]> Set, Option<long?> Seed) ConfigOptions() =>
    (
        new Option<string?>("--config") { Description = "Config file (.toml or .json); unknown keys are errors." },
        new Option<string[]>("--set") { Description = "Override a config key, key.path=value (repeatable), applied after --config.", AllowMultipleArgumentsPerToken = false },
        new Option<long?>("--seed") { Description = "Seed of every random draw; replaces the config's seed." }
    );
}
