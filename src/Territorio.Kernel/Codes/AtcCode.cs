namespace Territorio.Kernel.Codes;

/// <summary>
/// Shape rules of the WHO ATC classification (Anatomical Therapeutic Chemical). No list of
/// valid ATC codes ships with Territorio (AIFA's list is not in the reference data), so a code
/// is accepted when it has the five-level shape L-NN-L-L-NN and a known level-1 anatomical
/// group; see docs/decisions/0042-atc-validation-by-shape.md.
/// </summary>
public static class AtcCode
{
    /// <summary>The 14 anatomical main groups of the ATC classification (level 1).</summary>
    public const string AnatomicalGroups = "ABCDGHJLMNPRSV";

    /// <summary>Lengths of the five ATC levels: A, A10, A10B, A10BA, A10BA02.</summary>
    private static ReadOnlySpan<byte> LevelLengths => [1, 3, 4, 5, 7];

    /// <summary>A complete (level-5, chemical substance) code such as <c>A10BA02</c>.</summary>
    public static bool IsValid(ReadOnlySpan<char> code) => code.Length == 7 && HasShape(code);

    /// <summary>A code of any level (A, A10, A10B, A10BA, A10BA02): what criteria use as prefixes.</summary>
    public static bool IsValidPrefix(ReadOnlySpan<char> code) => LevelLengths.Contains((byte)Math.Min(code.Length, 255)) && HasShape(code);

    private static bool HasShape(ReadOnlySpan<char> code)
    {
        for (int i = 0; i < code.Length; i++)
        {
            char c = code[i];
            bool ok = i switch
            {
                0 => AnatomicalGroups.Contains(c, StringComparison.Ordinal),
                1 or 2 or 5 or 6 => char.IsAsciiDigit(c),
                _ => char.IsAsciiLetterUpper(c),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>AIFA's pack code (autorizzazione all'immissione in commercio): 9 digits, as the pharmaceutical flows carry it.</summary>
public static class AicCode
{
    public static bool IsValid(ReadOnlySpan<char> code) => code.Length == 9 && !code.ContainsAnyExceptInRange('0', '9');
}
