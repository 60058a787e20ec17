namespace Territorio.Kernel.Errors;

/// <summary>
/// A rejected piece of input, precise enough for the sender to fix it: which file, which line,
/// which field, what value, and why. Every batch reader reports these instead of dropping rows.
/// </summary>
public sealed record InputError(string File, long Line, string Field, string Value, string Reason)
{
    /// <summary>In Italian, as users read it: <c>file: riga N: colonna C: 'valore': motivo</c>.</summary>
    public override string ToString() =>
        File
        + (Line > 0 ? $": riga {Line}" : "")
        + (Field is "" or WholeFile ? "" : $": colonna {Field}")
        + (Value.Length > 0 ? $": '{Shown(Value)}'" : "")
        + $": {Reason}";

    /// <summary>The field of a fault of the file as a whole (encoding, structure), not of one column.</summary>
    public const string WholeFile = "(file)";

    // A value is echoed to help find it, never in full when it is huge (a binary file, an attack).
    private static string Shown(string value) => value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 77), "...");
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
