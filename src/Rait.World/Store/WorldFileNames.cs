namespace Rait.World.Store;

/// <summary>Names of the files in a world folder.</summary>
public static class WorldFileNames
{
    public const string Manifest = "world_manifest.json";
    public const string World = "world.json";
    public const string Corpus = "corpus.jsonl";
    public const string Contexts = "contexts.jsonl";
    public const string GroundTruth = "ground_truth.jsonl";
    public const string Tokenizer = "tokenizer.json";
    public const string TokenizerConfig = "tokenizer_config.json";

    /// <summary>qa_open_{split}.jsonl</summary>
    public static string Open(string split) => $"qa_open_{split}.jsonl";

    /// <summary>qa_mc_{split}.jsonl</summary>
    public static string MultipleChoice(string split) => $"qa_mc_{split}.jsonl";
}
