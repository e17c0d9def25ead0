namespace Rait.Probing.Output;

/// <summary>The flat row shape of the Parquet copy (lists stay lists; metadata fields become columns).</summary>
public sealed class ProbeParquetRow
{
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Question { get; set; } = "";
    public List<string> Answers { get; set; } = [];
    public string? Target { get; set; }
    public double Mu { get; set; }
    public double Sigma { get; set; }
    public string? GreedyAnswer { get; set; }
    public bool? GreedyCorrect { get; set; }
    public List<string> Samples { get; set; } = [];
    public List<bool> SampleCorrect { get; set; } = [];
    public double? PGold { get; set; }
    public List<double> LetterProbs { get; set; } = [];
    public string ModelFingerprint { get; set; } = "";
    public string PromptFingerprint { get; set; } = "";
    public string? Source { get; set; }
    public string? Split { get; set; }
    public string? Subject { get; set; }
    public int? Exposure { get; set; }
}
