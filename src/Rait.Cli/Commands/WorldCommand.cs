using System.CommandLine;
using System.Globalization;
using Rait.World.Config;
using Rait.World.Store;

namespace Rait.Cli.Commands;

/// <summary>`rait world create`: generates a synthetic knowledge world into a folder.</summary>
internal static class WorldCommand
{
    public static Command Create()
    {
        var world = new Command("world", "Synthetic knowledge world with a known knowledge boundary.");
        world.Subcommands.Add(CreateSubcommand());
        world.Subcommands.Add(WorldPretrainCommand.Create());
        return world;
    }

    private static Command CreateSubcommand()
    {
        var outOption = new Option<string>("--out") { Description = "World folder to write (new, empty, or an existing world).", Required = true };
        var seedOption = new Option<ulong>("--seed") { Description = "Generation seed.", DefaultValueFactory = _ => 1 };
        var sizeOption = new Option<string>("--size") { Description = "tiny | small | default.", DefaultValueFactory = _ => "default" };
        var forceOption = new Option<bool>("--force") { Description = "Replace a folder that holds a different world." };
        var configOption = new Option<string?>("--config") { Description = "A world config as JSON (the \"config\" object of a world.json); replaces --size and --seed." };
        var command = new Command("create", "Generate people, facts with exposure counts, the pretraining corpus, QA splits and the tokenizer.")
        {
            outOption, seedOption, sizeOption, forceOption, configOption,
        };
        command.SetAction(parse =>
        {
            var config = parse.GetValue(configOption) is { } file
                ? WorldConfigFile.Load(file)
                : WorldConfig.ForSize(WorldConfig.ParseSize(parse.GetValue(sizeOption)!), parse.GetValue(seedOption)).EnsureValid("--size/--seed");
            var artifacts = WorldBuilder.Build(config);
            var saved = WorldStore.Save(artifacts, parse.GetValue(outOption)!, parse.GetValue(forceOption));
            Print(WorldSummary.From(artifacts), saved.Directory, parse.InvocationConfiguration.Output);
            return 0;
        });
        return command;
    }

    private static void Print(WorldSummary s, string dir, TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine($"world {s.ConfigHash} written to {dir}");
        o.WriteLine(string.Create(inv, $"people {s.People} (never appear {s.NeverAppear}, quizzed {s.Quizzed}), facts {s.Facts}"));
        o.WriteLine("exposure histogram (exposure: facts)");
        for (int k = 0; k < s.ExposureHistogram.Count; k++)
            o.WriteLine(string.Create(inv, $"  {k,2}: {s.ExposureHistogram[k],5}  {new string('#', Math.Min(60, s.ExposureHistogram[k] * 60 / Math.Max(1, s.ExposureHistogram.Max())))}"));
        o.WriteLine(string.Create(inv, $"corpus: {s.BioDocuments} biography + {s.QaDocuments} QA documents, {s.CorpusTokens} tokens per epoch, {s.Epochs} epochs planned ({(long)s.CorpusTokens * s.Epochs} tokens)"));
        o.WriteLine(string.Create(inv, $"vocabulary: {s.VocabularySize} tokens"));
        o.WriteLine("questions: " + string.Join(", ", s.QuestionsPerSplit.Select(kv => $"{kv.Key} {kv.Value}")) + $" (open and MC each); contexts {s.Contexts}");
    }
}
