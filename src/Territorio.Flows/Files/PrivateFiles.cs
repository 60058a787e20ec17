namespace Territorio.Flows.Files;

/// <summary>
/// Files with health data are readable by their owner only (GDPR art. 32): databases, uploads,
/// outputs. New files are created 0600; the process umask can only narrow it further.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;

    /// <summary>Options of a new file (that must not exist yet) created 0600.</summary>
    public static FileStreamOptions NewFile(int bufferSize)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = bufferSize };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        return options;
    }
}
