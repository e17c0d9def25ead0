using Rait.Core.Records;

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
}
