using Rait.Core;

namespace Rait.Data.Adapters;

/// <summary>CLI names of the dataset formats ("nq-open", "mmlu", ...).</summary>
public static class DatasetFormats
{
    private static readonly (DatasetFormat Format, string Name)[] Names =
    [
        (DatasetFormat.RaitQa, "rait-qa"), (DatasetFormat.RaitMc, "rait-mc"), (DatasetFormat.NqOpen, "nq-open"),
        (DatasetFormat.TriviaQa, "triviaqa"), (DatasetFormat.SquadV2, "squad-v2"), (DatasetFormat.MmluCsv, "mmlu"),
        (DatasetFormat.MmluHf, "mmlu-hf"), (DatasetFormat.Arc, "arc"), (DatasetFormat.SelfAware, "selfaware"),
        (DatasetFormat.Generic, "generic"),
    ];

    public static IReadOnlyList<string> AllNames => Names.Select(n => n.Name).ToList();

    public static string Name(DatasetFormat format) => Names.First(n => n.Format == format).Name;

    /// <exception cref="RaitException">Unknown name; lists the known ones.</exception>
    public static DatasetFormat Parse(string name) =>
        Names.FirstOrDefault(n => n.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase)) is { Name: not null } hit
            ? hit.Format
            : throw new RaitException($"--format: unknown dataset format '{name}'; expected one of {string.Join(", ", AllNames)}.");
}
