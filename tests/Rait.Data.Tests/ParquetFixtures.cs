using Parquet.Serialization;

namespace Rait.Data.Tests;

/// <summary>Small Parquet files in HF layouts, written with Parquet.Net's class serializer.</summary>
internal static class ParquetFixtures
{
    public sealed class SquadAnswers { public List<string> text { get; set; } = []; public List<int> answer_start { get; set; } = []; }

    public sealed class SquadRow
    {
        public string id { get; set; } = "";
        public string title { get; set; } = "";
        public string context { get; set; } = "";
        public string question { get; set; } = "";
        public SquadAnswers answers { get; set; } = new();
    }

    public sealed class TriviaAnswer
    {
        public List<string> aliases { get; set; } = [];
        public List<string> normalized_aliases { get; set; } = [];
        public string value { get; set; } = "";
        public string normalized_value { get; set; } = "";
        public string type { get; set; } = "";
    }

    public sealed class TriviaRow
    {
        public string question { get; set; } = "";
        public string question_id { get; set; } = "";
        public string question_source { get; set; } = "";
        public TriviaAnswer answer { get; set; } = new();
    }

    /// <summary>A layout with the question stored as an integer: the wrong type.</summary>
    public sealed class WrongTypeRow { public int question { get; set; } public List<string> answer { get; set; } = []; }

    public static string Write<T>(string name, IEnumerable<T> rows)
    {
        var path = Path.Combine(Rait.Tests.RepoPaths.NewTempDir("rait-parquet"), name);
        ParquetSerializer.SerializeAsync(rows, path).GetAwaiter().GetResult();
        return path;
    }
}
