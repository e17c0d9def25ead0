using Rait.Methods.Output;

namespace Rait.Methods;

/// <summary>What <see cref="BuildRecipe.Run"/> produced: the built set, its manifest and the folder it went to.</summary>
public sealed record BuildOutcome(RaitBuildResult Result, BuildManifest Manifest, string Directory);
