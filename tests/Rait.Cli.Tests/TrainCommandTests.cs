using Rait.Tests;

namespace Rait.Cli.Tests;

/// <summary>`rait train` takes --set overrides with or without a --config file.</summary>
public sealed class TrainCommandTests
{
    [Fact]
    public void Train_SetWithoutConfig_IsApplied_UnknownKeyNamedAndNothingWritten()
    {
        // Given SFT rows and no config file
        var dir = RepoPaths.NewTempDir();
        var data = Path.Combine(dir, "sft.jsonl");
        File.WriteAllText(data, "{\"id\": \"r0\", \"prompt\": \"Who is Lily?\", \"answer\": \"A girl.\"}\n");
        var outDir = Path.Combine(dir, "out");

        // When a --set names a key the train config does not have
        var run = CliHarness.Run("train", "--model", RepoPaths.Fixture("tinystories-656k"), "--data", data, "--out", outDir, "--set", "lora.rnk=4");

        // Then the override was read (not silently dropped): one clear error naming the key and the allowed ones
        run.ExitCode.ShouldNotBe(0);
        run.Stderr.ShouldContain("--set lora.rnk: unknown key");
        run.Stderr.ShouldContain("rank");
        Directory.Exists(outDir).ShouldBeFalse();
    }

    [Fact]
    public void Train_RowsWithoutIds_PromptAnswerAndMessages_Train()
    {
        // Given SFT rows as users write them: no ids, prompt/answer and a chat message list
        var dir = RepoPaths.NewTempDir();
        var data = Path.Combine(dir, "sft.jsonl");
        File.WriteAllText(data,
            "{\"prompt\": \"What does Tom like? Tom likes the\", \"answer\": \"apple\"}\n" +
            "{\"messages\": [{\"role\": \"user\", \"content\": \"What does Lily like? Lily likes the\"}, {\"role\": \"assistant\", \"content\": \"ball\"}]}\n");
        var outDir = Path.Combine(dir, "out");

        // When rait train runs on the tiny model
        var run = CliHarness.Run("train", "--model", RepoPaths.Fixture("tinystories-656k"), "--data", data, "--out", outDir,
            "--epochs", "1", "--lora-r", "2", "--set", "batch_size=2");

        // Then it trains both rows and writes the adapter
        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("trained 1 steps");
        File.Exists(Path.Combine(outDir, "adapter_model.safetensors")).ShouldBeTrue();
    }
}
