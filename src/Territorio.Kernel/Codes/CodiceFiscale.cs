namespace Territorio.Kernel.Codes;

/// <summary>
/// The Italian tax code that identifies a person (DM 23/12/1976), validated with its check
/// character; omocodia substitutions (digits replaced by L–V letters) are accepted.
/// </summary>
public readonly record struct CodiceFiscale
{
    // Values of a character in an odd (1st, 3rd, ...) position: digits share the letters' values.
    private static readonly int[] OddValues =
        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

    private const string MonthLetters = "ABCDEHLMPRST";
    private const string OmocodiaLetters = "LMNPQRSTUV";

    private CodiceFiscale(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    public static CodiceFiscale Parse(string text) =>
        TryParse(text, out var cf, out string? reason) ? cf : throw new FormatException($"codice fiscale '{text}': {reason}");

    public static bool TryParse(string? text, out CodiceFiscale codiceFiscale, out string? reason)
    {
        codiceFiscale = default;
        string value = (text ?? string.Empty).Trim().ToUpperInvariant();
        reason = Validate(value);
        if (reason is not null)
        {
            return false;
        }

        codiceFiscale = new CodiceFiscale(value);
        return true;
    }

    public static char CheckCharacter(ReadOnlySpan<char> first15)
    {
        int sum = 0;
        for (int i = 0; i < 15; i++)
        {
            char c = first15[i];
            int index = char.IsAsciiDigit(c) ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? OddValues[index] : index;
        }

        return (char)('A' + (sum % 26));
    }

    private static string? Validate(string value)
    {
        if (value.Length != 16)
        {
            return "deve avere 16 caratteri";
        }

        for (int i = 0; i < 16; i++)
        {
            char c = value[i];
            bool ok = i switch
            {
                < 6 or 8 or 11 or 15 => char.IsAsciiLetterUpper(c),
                _ => char.IsAsciiDigit(c) || OmocodiaLetters.Contains(c),
            };
            if (!ok)
            {
                return $"carattere non valido '{c}' in posizione {i + 1}";
            }
        }

        if (!MonthLetters.Contains(value[8]))
        {
            return $"lettera del mese non valida '{value[8]}'";
        }

        char expected = CheckCharacter(value.AsSpan(0, 15));
        return expected == value[15] ? null : $"carattere di controllo errato (atteso '{expected}')";
    }
}
