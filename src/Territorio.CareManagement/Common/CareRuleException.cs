namespace Territorio.CareManagement.Common;

/// <summary>
/// An operation refused by a rule of the care path. The message is in Italian, in the user's
/// terms (e.g. "il Gestore G1 non è idoneo per l'ATS 321 al livello 2"), and is shown as is.
/// </summary>
public sealed class CareRuleException : Exception
{
    public CareRuleException(string message)
        : base(message)
    {
    }

    /// <param name="field">The request field the refusal judges (e.g. "start"), for the doors that name it.</param>
    public CareRuleException(string message, string field)
        : base(message)
    {
        Field = field;
    }

    public CareRuleException()
    {
    }

    public CareRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The request field the refusal judges, when one does (null: the operation as a whole).</summary>
    public string? Field { get; }
}
