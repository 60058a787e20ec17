namespace Territorio.Kernel.Errors;

/// <summary>
/// A rejected piece of input, precise enough for the sender to fix it: which file, which line,
/// which field, what value, and why. Every batch reader reports these instead of dropping rows.
/// </summary>
public sealed record InputError(string File, long Line, string Field, string Value, string Reason)
{
    public override string ToString() =>
        $"{File}: riga {Line}: campo {Field}: '{Value}': {Reason}";
}

/// <summary>Bad data that stops an operation as a whole (a malformed rule set, a bad catalogue).</summary>
public sealed class InputDataException : Exception
{
    public InputDataException(InputError error)
        : base(error.ToString()) => Error = error;

    public InputDataException(string message)
        : base(message)
    {
    }

    public InputDataException()
    {
    }

    public InputDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InputError? Error { get; }
}
