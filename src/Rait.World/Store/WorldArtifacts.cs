using System.Text;
using System.Text.Json;
using Rait.Core.Io;
using Rait.Core.Records;
using Rait.World.Corpus;
using Rait.World.Generation;
using Rait.World.Qa;
using Rait.World.Tokenization;

namespace Rait.World.Store;

/// <summary>Everything a world folder holds, in memory, plus its serialisation to file bytes.</summary>
public sealed record WorldArtifacts(
    WorldData World,
    PretrainCorpus Corpus,
    WorldQaSets Qa,
    IReadOnlyList<QaItem> Contexts,
    IReadOnlyList<GroundTruthRow> GroundTruth,
    WorldVocabulary Vocabulary)
{
    /// <summary>Indented JSON in Rait's snake_case, strict options.</summary>
    public static readonly JsonSerializerOptions IndentedOptions = new(Jsonl.Options) { WriteIndented = true };

    /// <summary>The files of the folder (without the manifest), in a fixed order.</summary>
    public IReadOnlyList<(string Name, byte[] Bytes)> Files()
    {
        var files = new List<(string, byte[])>
        {
            (WorldFileNames.World, Utf8(JsonSerializer.Serialize(World, IndentedOptions) + "\n")),
            (WorldFileNames.Corpus, Lines(Corpus.Documents)),
        };
        foreach (var split in WorldSplits.All)
        {
            files.Add((WorldFileNames.Open(split), Lines(Qa.Open[split])));
            files.Add((WorldFileNames.MultipleChoice(split), Lines(Qa.MultipleChoice[split])));
        }
        files.Add((WorldFileNames.Contexts, Lines(Contexts)));
        files.Add((WorldFileNames.GroundTruth, Lines(GroundTruth)));
        files.Add((WorldFileNames.Tokenizer, Utf8(HfTokenizerFiles.TokenizerJson(Vocabulary))));
        files.Add((WorldFileNames.TokenizerConfig, Utf8(HfTokenizerFiles.TokenizerConfigJson(ModelMaxLength(World)))));
        return files;
    }

    /// <summary>Longest prompt the world model must handle: twice the packed pretraining length.</summary>
    public static int ModelMaxLength(WorldData world) => 2 * world.Config.Pretrain.SequenceLength;

    internal static byte[] Lines<T>(IEnumerable<T> records)
    {
        var sb = new StringBuilder();
        foreach (var r in records) sb.Append(Jsonl.Serialize(r)).Append('\n');
        return Utf8(sb.ToString());
    }

    private static byte[] Utf8(string s) => new UTF8Encoding(false).GetBytes(s);
}
