using Rait.Evaluation;
using Rait.Evaluation.Metrics;
using Rait.Methods.Options;
using Rait.Model;
using Rait.Pipeline.Eval;
using Rait.Tests;

namespace Rait.Pipeline.Tests.Eval;

/// <summary>Hand-made eval files and a small, fast configuration on the TinyStories fixture (no chat template).</summary>
internal sealed class EvalFixture
{
    public static readonly string ModelDir = RepoPaths.Fixture("tinystories-656k");

    // Common story words ("she", "was") make some open answers correct and rare ones wrong, so Pc and Pw are both used.
    public const string OpenLines = """
        {"id":"o1","question":"Once upon a time, there was a little girl. One day","answers":["she","was"],"meta":{"exposure":5,"subject":"story"}}
        {"id":"o2","question":"What is the atomic number of zirconium?","answers":["zirconium forty","little"],"meta":{"exposure":0,"subject":"science"}}
        {"id":"o3","question":"Tom went to the park. He saw a big","answers":["the","was","he"],"meta":{"exposure":3,"subject":"story"}}
        {"id":"o4","question":"Who wrote the treatise on quaternion algebras?","answers":["Hamilton"],"meta":{"exposure":0,"subject":"science"}}
        {"id":"o5","question":"Is there an even prime larger than two?","answers":[],"meta":{"answerable":false,"subject":"science"}}
        """;

    public const string ChoiceLines = """
        {"id":"m1","question":"What color is the sky on a sunny day?","options":[{"label":"A","text":"blue"},{"label":"B","text":"green"}],"target":"A"}
        {"id":"m2","question":"Which animal says meow?","options":[{"label":"A","text":"dog"},{"label":"B","text":"cat"},{"label":"C","text":"cow"}],"target":"B"}
        {"id":"m3","question":"How many legs does a spider have?","options":[{"label":"A","text":"six"},{"label":"B","text":"eight"}],"target":"B"}
        """;

    public EvalFixture()
    {
        Dir = RepoPaths.NewTempDir("rait-eval");
        OpenFile = Write("open.jsonl", OpenLines);
        ChoiceFile = Write("mc.jsonl", ChoiceLines);
    }

    public string Dir { get; }
    public string OpenFile { get; }
    public string ChoiceFile { get; }
    /// <summary>How many times the model was loaded (resume must not load it).</summary>
    public int Loads { get; private set; }

    public static EvalConfig Config(PromptStyle style = PromptStyle.Basic, ConfidenceScore confidence = ConfidenceScore.Answer) => new()
    {
        Prompt = new PromptOptions { Style = style }, Chat = false, MaxNewTokensOpen = 8, MaxNewTokensMc = 4, BatchSize = 4,
        Confidence = confidence,
        Evaluation = new EvaluationOptions { Bootstrap = new BootstrapOptions { Replicates = 50, Seed = 7 } },
    };

    public string Write(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r", "") + "\n");
        return path;
    }

    public EvalModelSource Model() => new(ModelDir, null, () => { Loads++; return LanguageModel.Load(ModelDir); });

    public EvalRequest Request(string outName, string? reference = null, params string[] files) => new()
    {
        Model = Model(),
        Data = (files.Length == 0 ? [OpenFile, ChoiceFile] : files).Select(EvalDataFile.FromPath).ToList(),
        OutDir = Path.Combine(Dir, outName),
        ReferenceDir = reference is null ? null : Path.Combine(Dir, reference),
    };
}
