using System.CommandLine;

namespace Territorio.Cli;

public static class CommandExtensions
{
    /// <summary>An input file option whose file must exist (else a usage error naming it).</summary>
    public static Option<FileInfo> ExistingFile(string name, string description, bool required = true) =>
        Territorio.Rehab.Pipeline.Cli.InputFileOption.Create(name, description, required);
}
