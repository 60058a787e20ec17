namespace Territorio.Kernel.Codes;

/// <summary>
/// Co-payment exemption codes for chronic and disabling diseases as issued: DM 329/1999
/// ("013", "031") and DPCM 12/1/2017 allegato 8 ("0031", "0A31", "0A02"), optionally followed by
/// a sub-code after a dot, the ICD-9-CM code of the diagnosis ("013.250", "0A02.414",
/// "002A.V45.0"). The shape is checked (a disease part of 3 to 6 capital letters or digits, then
/// an optional sub-code of letters, digits and dots); which disease a code names is reference
/// data (data/esenzioni), and codes no criterion uses are simply not chronic evidence.
/// </summary>
public static class ExemptionCode
{
    public static bool IsValid(ReadOnlySpan<char> code)
    {
        int dot = code.IndexOf('.');
        var disease = dot < 0 ? code : code[..dot];
        if (disease.Length is < 3 or > 6 || disease.ContainsAnyExcept(AlphaNumeric.Upper))
        {
            return false;
        }

        if (dot < 0)
        {
            return true;
        }

        var sub = code[(dot + 1)..];
        return sub.Length is >= 1 and <= 8 && sub[0] != '.' && sub[^1] != '.' && !sub.Contains("..", StringComparison.Ordinal) && !sub.ContainsAnyExcept(AlphaNumeric.UpperOrDot);
    }

    /// <summary>The disease part of a valid code: "013" of "013.250".</summary>
    public static ReadOnlySpan<char> Disease(ReadOnlySpan<char> code)
    {
        int dot = code.IndexOf('.');
        return dot < 0 ? code : code[..dot];
    }
}

/// <summary>
/// Outpatient service codes of the national or regional nomenclator ("39.95.1", "89.7", "93.96").
/// No nomenclator ships with Territorio: the shape is checked (a digit, then digits, capital
/// letters and dots, up to 12 characters).
/// </summary>
public static class OutpatientCode
{
    public static bool IsValid(ReadOnlySpan<char> code) =>
        code.Length is >= 2 and <= 12 && char.IsAsciiDigit(code[0]) && !code.ContainsAnyExcept(AlphaNumeric.UpperOrDot);
}

internal static class AlphaNumeric
{
    public static readonly System.Buffers.SearchValues<char> Upper =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");

    public static readonly System.Buffers.SearchValues<char> UpperOrDot =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.");
}
