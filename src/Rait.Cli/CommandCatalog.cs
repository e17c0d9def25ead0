using System.CommandLine;

namespace Rait.Cli;

/// <summary>Every verb of the CLI, in the order of the pipeline. Add one line per command.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return Commands.WorldCommand.Create();
    }
}
