using Parquet.Serialization;
using Rait.Core.Io;
using Rait.Core.Records;

namespace Rait.Probing.Output;

/// <summary>Writes and reads the Parquet copy of probe rows.</summary>
public static class ProbeParquet
{
    public static void Write(string path, IReadOnlyList<ProbeRecord> rows)
    {
        var flat = rows.Select(r => new ProbeParquetRow
        {
            Id = r.Id, Kind = r.Kind == QuestionKind.Open ? "open" : "multiple_choice", Question = r.Question,
            Answers = [.. r.Answers], Target = r.Target, Mu = r.Mu, Sigma = r.Sigma, GreedyAnswer = r.GreedyAnswer,
            GreedyCorrect = r.GreedyCorrect, Samples = [.. r.Samples], SampleCorrect = [.. r.SampleCorrect], PGold = r.PGold,
            LetterProbs = [.. r.LetterProbs], ModelFingerprint = r.ModelFingerprint, PromptFingerprint = r.PromptFingerprint,
            Source = r.Meta.Source, Split = r.Meta.Split, Subject = r.Meta.Subject, Exposure = r.Meta.Exposure,
        }).ToList();
        AtomicFile.Write(path, s => ParquetSerializer.SerializeAsync(flat, s).GetAwaiter().GetResult());
    }

    public static IList<ProbeParquetRow> Read(string path)
    {
        using var fs = File.OpenRead(path);
        return ParquetSerializer.DeserializeAsync<ProbeParquetRow>(fs).GetAwaiter().GetResult().Data;
    }
}
