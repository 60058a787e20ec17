using System.CommandLine;

namespace Territorio.Cli;

public static class CommandExtensions
{
    /// <summary>An input file option whose file must exist (else a usage error naming it).</summary>
    public static Option<FileInfo> ExistingFile(string name, string description, bool required = true)
    {
        var option = new Option<FileInfo>(name) { Description = description, Required = required };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<FileInfo>() is { Exists: false } file)
            {
                result.AddError($"file non trovato: {file.FullName} ({name})");
            }
        });
        return option;
    }
}
