using System.Text.Json;
using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Methods.Config;
using Rait.Tests;

namespace Rait.Cli.Tests;

public class BuildCommandTests
{
    private static readonly string[] SetFiles =
    [
        "sft.jsonl", "manifest.json", "resolved_config.toml", "llamafactory/alpaca.json", "llamafactory/sharegpt.json",
        "llamafactory/dataset_info.json", "trl/messages.jsonl", "trl/prompt_completion.jsonl",
    ];

    public static TheoryData<string, string[], int, string> Methods => new()
    {
        // method, extra argv, expected rows, "reason=count;..." expected in the manifest
        { "van", ["--set", "options.total=6"], 6, "sampled:keep=6" },
        { "cor", ["--set", "options.size.total=8", "--set", "options.size.keep_parts=1"], 8, "known:keep=4;unknown:refuse=4" },
        { "rtuning", [], 12, "certain:sure=6;uncertain:unsure=6" },
        { "craft", ["--rehearsed", "{dir}/rehearsed.jsonl", "--set", "options.size.total=8", "--set", "options.size.keep_parts=1"], 8, "known:keep=4;unknown:refuse=4" },
        { "grait", ["--gradients", "{dir}/gradients.jsonl", "--set", "options.size.total=8", "--set", "options.size.keep_parts=1"], 8, "known:keep=4;unknown:refuse=4" },
        { "context", ["--set", "options.total=5"], 5, "answerable:keep=2;distractor:refuse=2" },
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Build_EachMethodOnHandMadePool_WritesSetExportsAndCounts(string method, string[] extra, int rows, string reasons)
    {
        // Given a probed pool (plus re-probe and gradients) in a temp folder
        var dir = RepoPaths.NewTempDir("rait-cli");
        var pool = ProbeFiles.WritePool(dir);
        ProbeFiles.WriteRehearsed(dir);
        ProbeFiles.WriteGradients(dir);
        var outDir = Path.Combine(dir, "set");

        // When building with the method's defaults and the size overrides
        var run = CliHarness.Run(["build", "--method", method, "--probe", pool, "--out", outDir, "--seed", "5",
            .. extra.Select(a => a.Replace("{dir}", dir, StringComparison.Ordinal))]);

        // Then every file of the set exists and the counts agree across sft.jsonl, manifest and stdout
        run.Stderr.ShouldBeEmpty();
        run.ExitCode.ShouldBe(0);
        foreach (var f in SetFiles) File.Exists(Path.Combine(outDir, f)).ShouldBeTrue(f);
        var sft = Jsonl.Read<SftExample>(Path.Combine(outDir, "sft.jsonl"));
        sft.Count.ShouldBe(rows);
        sft.ShouldAllBe(e => e.Method == method);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        var summary = manifest.RootElement.GetProperty("summary");
        summary.GetProperty("rows").GetInt32().ShouldBe(rows);
        manifest.RootElement.GetProperty("seed").GetInt64().ShouldBe(5);
        var byReason = summary.GetProperty("by_reason").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        foreach (var pair in reasons.Split(';'))
        {
            var (reason, count) = (pair.Split('=')[0], int.Parse(pair.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
            byReason.GetValueOrDefault(reason).ShouldBe(count, reason);
            sft.Count(e => e.Reason == reason).ShouldBe(count, reason);
            run.Stdout.ShouldContain(reason);
        }
        byReason.Values.Sum().ShouldBe(rows);
        run.Stdout.ShouldContain($"{method}: {rows} rows");
        run.Stdout.ShouldContain("refusal share by exposure");
        // And the resolved config reloads to the same options, with the input paths that were read
        var resolved = StageConfigs.LoadBuild(method, Path.Combine(outDir, "resolved_config.toml"), []);
        resolved.Options.Seed.ShouldBe(5);
        resolved.Inputs.Probe.ShouldBe(pool);
    }

    [Fact]
    public void Build_CorOnPoolWithExposure_PrintsRefusalShareOnlyForNeverSeen()
    {
        // Given the pool where odd (unknown) questions have exposure 0 and even ones exposure 10
        var dir = RepoPaths.NewTempDir("rait-cli");
        var pool = ProbeFiles.WritePool(dir);

        // When building Cor-RAIT with 4 kept and 4 refused rows
        var run = CliHarness.Run("build", "--method", "cor", "--probe", pool, "--out", Path.Combine(dir, "cor"),
            "--set", "options.size.total=8", "--set", "options.size.keep_parts=1");

        // Then the report shows every never-seen row refused and no well-seen row refused
        run.ExitCode.ShouldBe(0);
        run.Stdout.ShouldContain("exposure 0        4 / 4     = 100.0%");
        run.Stdout.ShouldContain("exposure 10+      0 / 4     = 0.0%");
    }

    [Fact]
    public void Build_SameSeedTwice_WritesIdenticalSft()
    {
        // Given one pool
        var dir = RepoPaths.NewTempDir("rait-cli");
        var pool = ProbeFiles.WritePool(dir);
        string[] Args(string o, string seed) => ["build", "--method", "van", "--probe", pool, "--out", Path.Combine(dir, o), "--seed", seed, "--set", "options.total=6"];

        // When building twice with seed 3 and once with seed 4
        CliHarness.Run(Args("a", "3")).ExitCode.ShouldBe(0);
        CliHarness.Run(Args("b", "3")).ExitCode.ShouldBe(0);
        CliHarness.Run(Args("c", "4")).ExitCode.ShouldBe(0);

        // Then equal seeds give byte-identical sets and another seed draws differently
        var a = File.ReadAllText(Path.Combine(dir, "a", "sft.jsonl"));
        a.ShouldBe(File.ReadAllText(Path.Combine(dir, "b", "sft.jsonl")));
        a.ShouldNotBe(File.ReadAllText(Path.Combine(dir, "c", "sft.jsonl")));
    }

    [Fact]
    public void Build_ConfigFileWithUnknownKey_Exit2NamingKeyAndAllowedKeys()
    {
        // Given a cor config with a misspelt key under [options]
        var dir = RepoPaths.NewTempDir("rait-cli");
        var pool = ProbeFiles.WritePool(dir);
        var config = Path.Combine(dir, "cor.toml");
        File.WriteAllText(config, "[options]\nmethod = \"cor\"\nwith_replacemnt = true\n");

        // When building with it
        var run = CliHarness.Run("build", "--method", "cor", "--probe", pool, "--out", Path.Combine(dir, "o"), "--config", config);

        // Then the run fails with exit code 2, naming the file, the key and the keys that are allowed there
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("cor.toml");
        run.Stderr.ShouldContain("options.with_replacemnt: unknown key");
        run.Stderr.ShouldContain("allowed keys under 'options'");
        run.Stderr.ShouldContain("with_replacement");
        Directory.Exists(Path.Combine(dir, "o")).ShouldBeFalse();
    }

    [Fact]
    public void Build_UnknownSetKey_Exit2NamingKey()
    {
        // Given no config file
        var dir = RepoPaths.NewTempDir("rait-cli");
        var pool = ProbeFiles.WritePool(dir);

        // When overriding a key the van options do not have
        var run = CliHarness.Run("build", "--method", "van", "--probe", pool, "--out", Path.Combine(dir, "o"), "--set", "options.size.total=3");

        // Then the error names the key path and lists van's keys
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("options.size: unknown key");
        run.Stderr.ShouldContain("total");
    }

    [Fact]
    public void Build_ConfigForAnotherMethod_Exit2ExplainingMismatch()
    {
        // Given a craft config
        var dir = RepoPaths.NewTempDir("rait-cli");
        var pool = ProbeFiles.WritePool(dir);
        var config = Path.Combine(dir, "mine.toml");
        File.WriteAllText(config, "[options]\nmethod = \"craft\"\n");

        // When it is passed with --method cor
        var run = CliHarness.Run("build", "--method", "cor", "--probe", pool, "--out", Path.Combine(dir, "o"), "--config", config);

        // Then the run stops before building and says which two methods disagree
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("mine.toml: options.method is 'craft' but --method is 'cor'");
        Directory.Exists(Path.Combine(dir, "o")).ShouldBeFalse();
    }

    [Fact]
    public void Build_MissingProbeFile_Exit2NamingFile()
    {
        // Given a probe path that does not exist
        var dir = RepoPaths.NewTempDir("rait-cli");
        var missing = Path.Combine(dir, "nope.jsonl");

        // When building
        var run = CliHarness.Run("build", "--method", "cor", "--probe", missing, "--out", Path.Combine(dir, "o"));

        // Then exit code 2 and the message names the file; nothing is written
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldBe($"error: {missing}: probe table (--probe) not found.\n", StringCompareShould.IgnoreLineEndings);
        Directory.Exists(Path.Combine(dir, "o")).ShouldBeFalse();
    }

    [Fact]
    public void Build_NoProbeAtAll_Exit2AskingForIt()
    {
        // Given neither --probe nor inputs.probe
        var dir = RepoPaths.NewTempDir("rait-cli");

        // When building
        var run = CliHarness.Run("build", "--method", "van", "--out", Path.Combine(dir, "o"));

        // Then the message says how to supply the pool
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("pass --probe FILE or set inputs.probe");
    }

    [Fact]
    public void Build_CraftWithoutRehearsed_Exit2ExplainingTwoStageFlow()
    {
        // Given a probed pool only
        var dir = RepoPaths.NewTempDir("rait-cli");
        var pool = ProbeFiles.WritePool(dir);

        // When building CRaFT without the re-probed table
        var run = CliHarness.Run("build", "--method", "craft", "--probe", pool, "--out", Path.Combine(dir, "o"));

        // Then the error walks through probe -> rehearsal set -> fine-tune -> re-probe -> build
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("--rehearsed");
        run.Stderr.ShouldContain("rait build rehearsal --probe pool.jsonl --out rehearsal.jsonl");
        run.Stderr.ShouldContain("fine-tune the initial model on rehearsal.jsonl");
        run.Stderr.ShouldContain("probe the same pool with the rehearsed model");
        run.Stderr.ShouldContain("without_flow");
    }

    [Fact]
    public void Build_CraftWithoutFlowVariant_BuildsWithoutRehearsed()
    {
        // Given a probed pool only
        var dir = RepoPaths.NewTempDir("rait-cli");
        var pool = ProbeFiles.WritePool(dir);

        // When building the CorCer-RAIT ablation
        var run = CliHarness.Run("build", "--method", "craft", "--probe", pool, "--out", Path.Combine(dir, "o"),
            "--set", "options.variant=without_flow", "--set", "options.size.total=8", "--set", "options.size.keep_parts=1");

        // Then it succeeds with 4 kept and 4 refused rows, the refused ones the least certain unknowns
        run.ExitCode.ShouldBe(0, run.Stderr);
        var sft = Jsonl.Read<SftExample>(Path.Combine(dir, "o", "sft.jsonl"));
        sft.Count(e => e.Reason == "known:keep").ShouldBe(4);
        sft.Where(e => e.Reason == "unknown:refuse").Select(e => e.SourceId).Order(StringComparer.Ordinal).ShouldBe(["q01", "q03", "q05", "q07"]);
    }

    [Fact]
    public void Build_GraitWithoutGradients_Exit2()
    {
        // Given a probed pool only
        var dir = RepoPaths.NewTempDir("rait-cli");
        var pool = ProbeFiles.WritePool(dir);

        // When building GRAIT
        var run = CliHarness.Run("build", "--method", "grait", "--probe", pool, "--out", Path.Combine(dir, "o"));

        // Then the error asks for the gradient features
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("--gradients");
    }

    [Fact]
    public void Build_RehearsedGivenToCor_Exit2()
    {
        // Given a pool and its re-probe
        var dir = RepoPaths.NewTempDir("rait-cli");
        var pool = ProbeFiles.WritePool(dir);
        var rehearsed = ProbeFiles.WriteRehearsed(dir);

        // When passing the re-probe to a method that does not read it
        var run = CliHarness.Run("build", "--method", "cor", "--probe", pool, "--rehearsed", rehearsed, "--out", Path.Combine(dir, "o"));

        // Then the run refuses instead of silently ignoring the table
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("--rehearsed is read only by craft");
    }

    [Fact]
    public void Build_UnknownMethod_Exit2ListingMethods()
    {
        // Given a pool
        var dir = RepoPaths.NewTempDir("rait-cli");
        var pool = ProbeFiles.WritePool(dir);

        // When the method name is misspelt
        var run = CliHarness.Run("build", "--method", "crafty", "--probe", pool, "--out", Path.Combine(dir, "o"));

        // Then the message lists the methods
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("van, cor, rtuning, craft, grait, context");
    }

    [Fact]
    public void Build_ConfigFileInputsAndFlag_FlagWins()
    {
        // Given a config whose inputs.probe points to a missing file, and a real pool
        var dir = RepoPaths.NewTempDir("rait-cli");
        var pool = ProbeFiles.WritePool(dir);
        var config = Path.Combine(dir, "van.json");
        File.WriteAllText(config, """{ "options": { "method": "van", "total": 4 }, "inputs": { "probe": "missing.jsonl" } }""");

        // When --probe is also given
        var run = CliHarness.Run("build", "--method", "van", "--config", config, "--probe", pool, "--out", Path.Combine(dir, "o"));

        // Then the flag's file is read and recorded in the resolved config
        run.ExitCode.ShouldBe(0, run.Stderr);
        File.ReadAllText(Path.Combine(dir, "o", "resolved_config.toml")).ShouldContain(pool);
        Jsonl.Read<SftExample>(Path.Combine(dir, "o", "sft.jsonl")).Count.ShouldBe(4);
    }

    [Fact]
    public void BuildRehearsal_WithOverrides_WritesRehearsalRowsAndResolvedConfig()
    {
        // Given the pool (known rows μ 0.9, σ up to 1)
        var dir = RepoPaths.NewTempDir("rait-cli");
        var pool = ProbeFiles.WritePool(dir);
        var outPath = Path.Combine(dir, "rehearsal.jsonl");

        // When selecting 3 rehearsal rows among μ ≥ 0.9, any σ
        var run = CliHarness.Run("build", "rehearsal", "--probe", pool, "--out", outPath,
            "--set", "rehearsal.size=3", "--set", "rehearsal.open_min_mu=0.9", "--set", "rehearsal.open_min_sigma=0");

        // Then 3 known questions are written with their most frequent correct sample as the answer
        run.ExitCode.ShouldBe(0, run.Stderr);
        var rows = Jsonl.Read<SftExample>(outPath);
        rows.Count.ShouldBe(3);
        rows.ShouldAllBe(r => r.Reason == "rehearsal:keep" && r.Meta.Exposure == 10);
        rows.ShouldAllBe(r => r.Answer == "Town" + r.SourceId!.Substring(1));
        run.Stdout.ShouldContain("rehearsal: 3 rows from 12 probed questions");
        File.Exists(Path.Combine(dir, "rehearsal.resolved_config.toml")).ShouldBeTrue();
    }

    [Fact]
    public void BuildRehearsal_TooFewEligible_Exit2()
    {
        // Given the pool, where no row reaches μ ≥ 0.995
        var dir = RepoPaths.NewTempDir("rait-cli");
        var pool = ProbeFiles.WritePool(dir);

        // When selecting with the default thresholds
        var run = CliHarness.Run("build", "rehearsal", "--probe", pool, "--out", Path.Combine(dir, "r.jsonl"));

        // Then the shortfall is an error and nothing is written
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("rehearsal samples");
        File.Exists(Path.Combine(dir, "r.jsonl")).ShouldBeFalse();
    }
}
