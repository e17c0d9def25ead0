using Rait.Core.Io;
using Rait.Core.Records;
using Rait.World.Corpus;
using Rait.World.Generation;

namespace Rait.World.Store;

/// <summary>A verified world folder: its manifest, world.json content and typed readers for the other files.</summary>
public sealed record LoadedWorld(string Directory, WorldManifest Manifest, WorldData Data)
{
    public string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public PretrainCorpus ReadCorpus() =>
        new(Jsonl.Read<CorpusDocument>(PathOf(WorldFileNames.Corpus)), Data.Config.Pretrain, Data.Config.Seed);

    public List<QaItem> ReadOpen(string split) => Jsonl.Read<QaItem>(PathOf(WorldFileNames.Open(split)));

    public List<McItem> ReadMultipleChoice(string split) => Jsonl.Read<McItem>(PathOf(WorldFileNames.MultipleChoice(split)));

    public List<QaItem> ReadContexts() => Jsonl.Read<QaItem>(PathOf(WorldFileNames.Contexts));

    public List<GroundTruthRow> ReadGroundTruth() => Jsonl.Read<GroundTruthRow>(PathOf(WorldFileNames.GroundTruth));
}
