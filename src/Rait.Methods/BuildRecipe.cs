using Rait.Core;
using Rait.Core.Config;
using Rait.Methods.Config;
using Rait.Methods.Options;
using Rait.Methods.Output;

namespace Rait.Methods;

/// <summary>
/// The build stage: check that the method has the tables it needs, load them, build the set, write
/// resolved_config.toml and the set (sft.jsonl, exports, manifest last).
/// </summary>
public static class BuildRecipe
{
    /// <summary>How CRaFT's inputs come about; shown when the rehearsed table is missing.</summary>
    public const string CraftTwoStageHelp =
        "craft needs the pool re-probed after a rehearsal fine-tune (--rehearsed FILE, or inputs.rehearsed). CRaFT runs in two stages:\n" +
        "  1. probe the pool with the initial model                     -> pool.jsonl\n" +
        "  2. rait build rehearsal --probe pool.jsonl --out rehearsal.jsonl\n" +
        "  3. fine-tune the initial model on rehearsal.jsonl\n" +
        "  4. probe the same pool with the rehearsed model              -> rehearsed.jsonl\n" +
        "  5. rait build --method craft --probe pool.jsonl --rehearsed rehearsed.jsonl --out DIR\n" +
        "To build without knowledge flow (the CorCer-RAIT ablation), set options.variant = \"without_flow\".";

    /// <summary>Shown when GRAIT's gradient features are missing.</summary>
    public const string GraitGradientsHelp =
        "grait needs per-candidate gradient features (--gradients FILE, or inputs.gradients): warm up on the rehearsal set " +
        "(rait build rehearsal), then compute the answer and refusal gradients of every pool question with the training engine.";

    /// <summary>Builds the set described by <paramref name="config"/> into <paramref name="outDir"/>.</summary>
    /// <exception cref="RaitException">Missing or unused input tables, bad input rows, or a shortfall under the Error policy; nothing is written then.</exception>
    public static BuildOutcome Run(BuildConfig config, string outDir)
    {
        var paths = config.Inputs;
        CheckInputs(config.Options, paths);
        var input = new RaitBuildInput
        {
            Pool = ProbeTable.Load(Existing(paths.Probe!, "probe table (--probe)")),
            Rehearsed = paths.Rehearsed is { } r ? ProbeTable.Load(Existing(r, "rehearsed probe table (--rehearsed)")) : null,
            Gradients = paths.Gradients is { } g ? GradientTable.Load(Existing(g, "gradient table (--gradients)")) : null,
            ExpectedModelFingerprint = paths.ExpectedModelFingerprint,
            ExpectedPromptFingerprint = paths.ExpectedPromptFingerprint,
        };
        var result = MethodFactory.Create(config.Options).Build(input);
        Directory.CreateDirectory(outDir);
        ConfigLoader.SaveResolved(config, Path.Combine(outDir, BuildConfig.ResolvedFileName));
        var manifest = RaitSetWriter.Write(outDir, result, config.Export);
        return new BuildOutcome(result, manifest, outDir);
    }

    private static void CheckInputs(MethodOptions options, BuildInputPaths paths)
    {
        var name = MethodNames.Of(options);
        if (paths.Probe is null) throw new RaitException($"{name}: no probe table; pass --probe FILE or set inputs.probe.");
        switch (options)
        {
            case CraftOptions { Variant: not CraftVariant.WithoutFlow } when paths.Rehearsed is null:
                throw new RaitException(CraftTwoStageHelp);
            case GraitOptions when paths.Gradients is null:
                throw new RaitException(GraitGradientsHelp);
        }
        // A table the method never reads is almost always a wrong command line; say so instead of ignoring it.
        if (paths.Rehearsed is not null && options is not CraftOptions { Variant: not CraftVariant.WithoutFlow })
            throw new RaitException($"{name}: --rehearsed is read only by craft with knowledge flow (variant full or without_certainty); remove it.");
        if (paths.Gradients is not null && options is not GraitOptions)
            throw new RaitException($"{name}: --gradients is read only by grait; remove it.");
    }

    private static string Existing(string path, string what) =>
        File.Exists(path) ? path : throw new RaitException($"{path}: {what} not found.");
}
