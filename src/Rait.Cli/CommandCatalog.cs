using System.CommandLine;
using Rait.Cli.Commands;

namespace Rait.Cli;

/// <summary>Every verb of the CLI, in the order of the pipeline. Add one line per command.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return InfoCommand.Create();
        yield return TokenizeCommand.Create();
        yield return GenerateCommand.Create();
        yield return DataCommand.Create();
        yield return Commands.WorldCommand.Create();
        yield return BuildCommand.Create();
        yield return TrainCommand.Create();
        yield return MergeCommand.Create();
        yield return EvalCommand.Create();
        yield return RunCommand.Create();
        yield return DemoCommand.Create();
        yield return ServeCommand.Create();
        yield return ProbeCommand.Create();
    }
}
