using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Methods;
using Rait.Methods.Common;
using Rait.Methods.Options;
using Rait.Model.Lora;
using Rait.Training;
using Rait.Training.Checkpointing;
using Rait.Training.Data;
using Rait.Training.Gradients;
using Rait.Training.Optim;

namespace Rait.Pipeline.Run;

/// <summary>
/// GRAIT's input: for every pool question, the projected LoRA gradient of training on its original
/// answer and on the refusal, taken at the warm-up (rehearsal) adapter and preconditioned with the
/// warm-up optimizer's Adam state.
/// </summary>
public static class GradientStage
{
    public static void Run(string baseModel, string warmUpDir, ProbeTable pool, GraitOptions options, TrainConfig train, string outPath, long seed)
    {
        var recipe = new SftRecipe(train with { Lora = PeftAdapter.ReadOptions(warmUpDir) with { Dropout = 0 } });
        using var lm = recipe.LoadForTraining(baseModel);
        PeftAdapter.LoadWeights(lm.Model, warmUpDir);
        var trainable = recipe.Trainable(lm);
        using var adam = new AdamW(trainable, train.Beta1, train.Beta2, train.AdamEpsilon, train.WeightDecay);
        var ckpt = TrainCheckpoint.Latest(warmUpDir) ?? throw new Core.RaitException($"{warmUpDir}: no optimizer checkpoint; GRAIT needs the warm-up run's Adam state.");
        adam.Load(Path.Combine(ckpt, "optimizer.safetensors"));
        var tok = new SftTokenizer(lm, train.Chat, train.MaxLength, OverlongPolicy.Truncate);
        var answers = pool.Rows.Select(r => tok.Tokenize(Row(r, Prompts.GoldTarget(r, options.Prompt, "pool"), options))).ToList();
        var refusals = pool.Rows.Select(r => tok.Tokenize(Row(r, Prompts.Refusal(r, options.Prompt), options))).ToList();
        var extractor = new GradientFeatureExtractor(lm.Model, trainable, adam, new GradientProjectionOptions(Dimensions: 128, Seed: seed), lm.PadId);
        var a = extractor.Compute(answers);
        var f = extractor.Compute(refusals);
        Jsonl.Write(outPath, pool.Rows.Select((r, i) => new GradientFeature { Id = r.Id, AnswerGrad = a[i], RefusalGrad = f[i] }));
    }

    private static SftExample Row(ProbeRecord r, string answer, GraitOptions o) =>
        new() { Id = r.Id, Prompt = Prompts.UserTurn(r, o.Prompt), Answer = answer };
}
