using System.CommandLine;
using Rait.Cli;

var root = new RootCommand("Rait: refusal-aware instruction tuning for Hugging Face language models.");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
return CliRunner.Run(root, args);
