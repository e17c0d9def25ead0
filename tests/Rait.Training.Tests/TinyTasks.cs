using Rait.Core.Records;
using Rait.Model.Checkpoints;
using TorchSharp;

namespace Rait.Training.Tests;

/// <summary>Small SFT tasks in TinyStories' vocabulary.</summary>
internal static class TinyTasks
{
    public static readonly (string Name, string Answer)[] Facts =
    [
        ("Tom", "apple"), ("Lily", "ball"), ("Sam", "cake"), ("Mia", "fish"),
        ("Ben", "tree"), ("Sue", "car"), ("Max", "bird"), ("Amy", "hat"),
    ];

    public static string Prompt(string name) => $"What does {name} like? {name} likes the";

    public static List<SftExample> FactRows() =>
        Facts.Select((f, i) => new SftExample { Id = $"f{i}", Prompt = Prompt(f.Name), Answer = f.Answer }).ToList();

    public static readonly string FixturePath = Rait.Tests.RepoPaths.Fixture("tinystories-656k");

    /// <summary>Largest absolute difference between the adapters saved in two output folders (same tensor names required).</summary>
    public static float MaxAdapterDifference(string dirA, string dirB)
    {
        var a = SafetensorsFile.Open(Path.Combine(dirA, "adapter_model.safetensors"));
        var b = SafetensorsFile.Open(Path.Combine(dirB, "adapter_model.safetensors"));
        a.Entries.Keys.ShouldNotBeEmpty();
        b.Entries.Keys.ShouldBe(a.Entries.Keys, ignoreOrder: true);
        float max = 0;
        foreach (var key in a.Entries.Keys)
        {
            using var scope = torch.NewDisposeScope();
            max = Math.Max(max, (a.Read(key) - b.Read(key)).abs().max().item<float>());
        }
        return max;
    }
}
