namespace Territorio.Cli;

/// <summary>Exit codes of the <c>territorio</c> command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The data was bad (rows rejected, malformed rule set): see the error file or message.</summary>
    public const int BadData = 1;

    /// <summary>The command line was wrong.</summary>
    public const int BadUsage = 2;

    /// <summary>The work could not be done (the database failed or timed out); nothing was saved.</summary>
    public const int Failure = 3;
}

/// <summary>A mistake in how the command was called (missing file, incompatible options).</summary>
public sealed class UsageException(string message) : Exception(message);
