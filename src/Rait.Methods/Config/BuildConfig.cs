using Rait.Core.Config;
using Rait.Methods.Options;
using Rait.Methods.Output;

namespace Rait.Methods.Config;

/// <summary>
/// Stage config of <c>rait build</c>: the method options (table <c>[options]</c>, discriminated by
/// <c>method = "craft"</c> etc.), the export options and the input tables.
/// </summary>
/// <example>
/// <code>
/// [options]
/// method = "cor"
/// seed = 3
/// [options.size]
/// total = 2000
/// </code>
/// </example>
public sealed record BuildConfig : IValidatable
{
    public required MethodOptions Options { get; init; }
    public ExportOptions Export { get; init; } = new();
    public BuildInputPaths Inputs { get; init; } = new();

    /// <summary>The file name the build writes next to the set.</summary>
    public const string ResolvedFileName = "resolved_config.toml";

    public IReadOnlyList<string> Validate() =>
        [.. Options.Validate().Select(OptionsKeyPath), .. Export.Validate(), .. Inputs.Validate("inputs")];

    // The options records prefix their errors with the method name ("craft.size.total"); in this file the
    // same keys live under [options], so the message names the key the user has to edit.
    private string OptionsKeyPath(string error)
    {
        var name = MethodNames.Of(Options);
        return error.StartsWith(name + ".", StringComparison.Ordinal) || error.StartsWith(name + ":", StringComparison.Ordinal)
            ? "options" + error[name.Length..]
            : error;
    }
}
