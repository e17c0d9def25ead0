using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Model;
using Rait.Tests;

namespace Rait.Probing.Tests;

/// <summary>The TinyStories checkpoint (no chat template, plain-text prompts), loaded once per test class.</summary>
public sealed class TinyModelFixture : IDisposable
{
    public LanguageModel Model { get; } = LanguageModel.Load(RepoPaths.Fixture("tinystories-656k"));

    public void Dispose() => Model.Dispose();

    /// <summary>Hand-made questions about TinyStories-like facts; some answers the model may produce, most it won't.</summary>
    public static IReadOnlyList<QaItem> OpenItems(int count = 7)
    {
        var all = new (string Q, string[] A, int Exposure)[]
        {
            ("What did Lily find in the park?", ["ball", "a ball"], 8),
            ("What color was the big dog?", ["brown"], 4),
            ("Who did Tom play with?", ["his mom", "mom"], 2),
            ("What did the cat like to eat?", ["fish"], 1),
            ("Where did Sue go on a sunny day?", ["park", "the park"], 0),
            ("What was the name of the little bird?", ["Tweety"], 0),
            ("What did Ben want to build?", ["a tower", "tower"], 16),
            ("What did the girl see in the sky?", ["a rainbow", "the sun"], 3),
            ("What did Max say to his friend?", ["sorry"], 1),
        };
        return all.Take(count).Select((x, i) => new QaItem
        {
            Id = $"q{i:D2}", Question = x.Q, Answers = x.A, Meta = new ItemMetadata { Source = "hand", Exposure = x.Exposure },
        }).ToList();
    }

    /// <summary>Story openings as "questions" with a custom "{question}" prompt: the model continues them, so μ can be above 0.</summary>
    public static IReadOnlyList<QaItem> StoryItems() =>
    [
        new QaItem { Id = "s0", Question = "Once upon a time, there was a little girl named", Answers = ["Lily", "Sue", "Amy", "Mia", "Lucy"], Meta = new ItemMetadata { Exposure = 9 } },
        new QaItem { Id = "s1", Question = "One day, Tom went to the", Answers = ["park", "store", "beach"], Meta = new ItemMetadata { Exposure = 5 } },
        new QaItem { Id = "s2", Question = "The sun was shining and the birds were", Answers = ["singing", "flying"], Meta = new ItemMetadata { Exposure = 3 } },
        new QaItem { Id = "s3", Question = "Lily and her mom went to the", Answers = ["park", "store"], Meta = new ItemMetadata { Exposure = 2 } },
        new QaItem { Id = "s4", Question = "The quantum chromodynamics lecture covered", Answers = ["gluon confinement"], Meta = new ItemMetadata { Exposure = 0 } },
        new QaItem { Id = "s5", Question = "Ben had a big red", Answers = ["ball", "car", "truck"], Meta = new ItemMetadata { Exposure = 4 } },
        new QaItem { Id = "s6", Question = "The capital of Mongolia is", Answers = ["Ulaanbaatar"], Meta = new ItemMetadata { Exposure = 0 } },
    ];

    /// <summary>Custom "{question}" prompt without examples, for <see cref="StoryItems"/>.</summary>
    public static ProbeConfig StoryConfig(int batchSize = 3, long seed = 7) =>
        SmallConfig(batchSize, seed) with { Prompt = PromptStyle.Custom, CustomTemplate = "{question}", FewShot = [], MaxNewTokens = 8 };

    public static IReadOnlyList<McItem> ChoiceItems() =>
    [
        new McItem { Id = "m0", Question = "What did Lily find in the park?", Target = "A",
            Options = [new("A", "a ball"), new("B", "a car"), new("C", "a cake"), new("D", "a boat")] },
        new McItem { Id = "m1", Question = "What color is the sky?", Target = "C",
            Options = [new("A", "red"), new("B", "green"), new("C", "blue")] },
        new McItem { Id = "m2", Question = "Who was happy?", Target = "E", Meta = new ItemMetadata { Subject = "story_time" },
            Options = [new("A", "Tom"), new("B", "Sue"), new("C", "Max"), new("D", "the dog"), new("E", "everyone")] },
    ];

    public static string WriteData<T>(string dir, IEnumerable<T> items, string name = "data.jsonl")
    {
        var path = Path.Combine(dir, name);
        Jsonl.Write(path, items);
        return path;
    }

    /// <summary>Small, fast settings; the defaults (10 samples × 50 tokens) are exercised by the bench.</summary>
    public static ProbeConfig SmallConfig(int batchSize = 3, long seed = 7) => new()
    {
        Samples = 4, MaxNewTokens = 10, BatchSize = batchSize, Seed = seed, Chat = false, FewShot = [ProbeConfig.CraftFewShot[0]],
    };
}
