namespace Territorio.Kernel.Codes;

/// <summary>
/// Co-payment exemption codes for chronic and disabling diseases (DM 329/1999 and successors:
/// "013", "031", "0A02", "048"). No official list ships with Territorio: the shape is checked
/// (3 to 6 letters or digits), and codes no criterion uses are simply not chronic evidence.
/// </summary>
public static class ExemptionCode
{
    public static bool IsValid(ReadOnlySpan<char> code) =>
        code.Length is >= 3 and <= 6 && !code.ContainsAnyExcept(AlphaNumeric.Upper);
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
