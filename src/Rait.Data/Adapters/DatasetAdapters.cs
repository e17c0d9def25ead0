using Rait.Core;

namespace Rait.Data.Adapters;

/// <summary>Creates the adapter for a layout.</summary>
public static class DatasetAdapters
{
    /// <exception cref="RaitException">Generic layout without a usable mapping.</exception>
    public static IDatasetAdapter For(DatasetFormat format, GenericMapping? mapping) => format switch
    {
        DatasetFormat.RaitQa => new RaitRecordAdapter(multipleChoice: false),
        DatasetFormat.RaitMc => new RaitRecordAdapter(multipleChoice: true),
        DatasetFormat.NqOpen => new NqOpenAdapter(),
        DatasetFormat.TriviaQa => new TriviaQaAdapter(),
        DatasetFormat.SquadV2 => new SquadV2Adapter(),
        DatasetFormat.MmluCsv => new MmluCsvAdapter(),
        DatasetFormat.MmluHf => new MmluHfAdapter(),
        DatasetFormat.Arc => new ArcAdapter(),
        DatasetFormat.SelfAware => new SelfAwareAdapter(),
        DatasetFormat.Generic => new GenericAdapter(mapping ?? throw new RaitException("--format generic needs --question-field and --answers-field (or --options-field and --target-field).")),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
