using System.Globalization;
using System.Text;
using Territorio.Kernel.Population;

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

    // Positions (0-based) of the digits that omocodia replaces, from the rightmost one (DM 23/12/1976, omocodia).
    private static readonly int[] OmocodiaPositions = [14, 13, 12, 10, 9, 7, 6];

    private CodiceFiscale(string value) => Value = value;

    public string Value { get; }

    /// <summary>Two-digit year of birth (the century is not in the code).</summary>
    public int BirthYearOfCentury => Digits(6, 2);

    public int BirthMonth => MonthLetters.IndexOf(Value[8], StringComparison.Ordinal) + 1;

    /// <summary>Day of birth, women's 41–71 brought back to 1–31.</summary>
    public int BirthDay => Digits(9, 2) % 40;

    public Sex Sex => Digits(9, 2) > 40 ? Sex.Female : Sex.Male;

    /// <summary>The birth municipality's cadastral (Belfiore) code, or Z + country for those born abroad.</summary>
    public string BirthplaceCode => string.Concat(Value.AsSpan(11, 1), Digits(12, 3).ToString("D3", CultureInfo.InvariantCulture));

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

    /// <summary>
    /// Whether the code agrees with a person's birth date, sex and (when given) birthplace; null when it
    /// does, otherwise the reason in Italian. Omocodia letters are read back as the digits they replace.
    /// </summary>
    public string? MismatchWith(DateOnly birthDate, Sex sex, string? birthplaceCode = null) =>
        Mismatch(Value, birthDate, sex, birthplaceCode, birthplaceCode is not null);

    /// <summary>
    /// <see cref="TryParse"/> then <see cref="MismatchWith"/> on a code as a flow carries it, without
    /// building it (a region's registry checks millions): null when the code is valid and agrees with
    /// the person; otherwise the reason, <paramref name="malformed"/> telling which of the two failed.
    /// An empty <paramref name="birthplaceCode"/> is not compared.
    /// </summary>
    public static string? Check(ReadOnlySpan<char> text, DateOnly birthDate, Sex sex, ReadOnlySpan<char> birthplaceCode, out bool malformed)
    {
        text = text.Trim();
        malformed = true;
        if (text.Length != 16)
        {
            return "deve avere 16 caratteri";
        }

        Span<char> value = stackalloc char[16];
        text.ToUpperInvariant(value);
        if (Validate(value) is { } reason)
        {
            return reason;
        }

        malformed = false;
        return Mismatch(value, birthDate, sex, birthplaceCode, !birthplaceCode.IsEmpty);
    }

    private static string? Mismatch(ReadOnlySpan<char> value, DateOnly birthDate, Sex sex, ReadOnlySpan<char> birthplaceCode, bool compareBirthplace)
    {
        int day = Digits(value, 9, 2);
        if (Digits(value, 6, 2) != birthDate.Year % 100 || MonthLetters.IndexOf(value[8], StringComparison.Ordinal) + 1 != birthDate.Month || day % 40 != birthDate.Day)
        {
            return $"non corrisponde alla data di nascita {birthDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";
        }

        if ((day > 40 ? Sex.Female : Sex.Male) != sex)
        {
            return $"non corrisponde al sesso {(sex == Sex.Female ? "F" : "M")}";
        }

        return compareBirthplace && !SameBirthplace(value, birthplaceCode)
            ? $"non corrisponde al comune di nascita {birthplaceCode}"
            : null;
    }

    /// <summary>The code's birthplace (letter and three digits, omocodia read back) against a cadastral code, ignoring case.</summary>
    private static bool SameBirthplace(ReadOnlySpan<char> value, ReadOnlySpan<char> birthplaceCode)
    {
        if (birthplaceCode.Length != 4 || char.ToUpperInvariant(birthplaceCode[0]) != value[11])
        {
            return false;
        }

        for (int i = 1; i < 4; i++)
        {
            if (birthplaceCode[i] != '0' + Digit(value[11 + i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The code of a person (DM 23/12/1976): three letters of the surname, three of the given name,
    /// year, month letter, day (+40 for women), birthplace code and check character.
    /// <paramref name="omocodia"/> &gt; 0 replaces that many digits from the right, as the Agenzia
    /// delle Entrate does for the second, third… person with the same code.
    /// </summary>
    public static CodiceFiscale Compute(string surname, string givenName, DateOnly birthDate, Sex sex, string birthplaceCode, int omocodia = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(omocodia);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(omocodia, OmocodiaPositions.Length);
        if (birthplaceCode is not { Length: 4 } || !char.IsAsciiLetter(birthplaceCode[0]) || birthplaceCode.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException($"codice del comune di nascita non valido '{birthplaceCode}'", nameof(birthplaceCode));
        }

        Span<char> code = stackalloc char[16];
        SurnameLetters(surname).CopyTo(code);
        GivenNameLetters(givenName).CopyTo(code[3..]);
        (birthDate.Year % 100).TryFormat(code[6..], out _, "D2", CultureInfo.InvariantCulture);
        code[8] = MonthLetters[birthDate.Month - 1];
        (birthDate.Day + (sex == Sex.Female ? 40 : 0)).TryFormat(code[9..], out _, "D2", CultureInfo.InvariantCulture);
        code[11] = char.ToUpperInvariant(birthplaceCode[0]);
        birthplaceCode.AsSpan(1).CopyTo(code[12..]);
        for (int i = 0; i < omocodia; i++)
        {
            int at = OmocodiaPositions[i];
            code[at] = OmocodiaLetters[code[at] - '0'];
        }

        code[15] = CheckCharacter(code);
        return new CodiceFiscale(new string(code));
    }

    /// <summary>Consonants, then vowels, then X: the first three (DM 23/12/1976, cognome).</summary>
    private static string SurnameLetters(string surname)
    {
        var (consonants, vowels) = Split(surname);
        return (consonants + vowels + "XXX")[..3];
    }

    /// <summary>As the surname, but with four or more consonants the 1st, 3rd and 4th (DM 23/12/1976, nome).</summary>
    private static string GivenNameLetters(string givenName)
    {
        var (consonants, vowels) = Split(givenName);
        return consonants.Length >= 4
            ? string.Concat(consonants.AsSpan(0, 1), consonants.AsSpan(2, 2))
            : (consonants + vowels + "XXX")[..3];
    }

    /// <summary>The letters of a name without accents, apostrophes or spaces, split into consonants and vowels.</summary>
    private static (string Consonants, string Vowels) Split(string name)
    {
        var consonants = new StringBuilder(name.Length);
        var vowels = new StringBuilder(4);
        foreach (char c in PersonNames.Letters(name))
        {
            (c is 'A' or 'E' or 'I' or 'O' or 'U' ? vowels : consonants).Append(c);
        }

        return (consonants.ToString(), vowels.ToString());
    }

    private int Digits(int start, int length) => Digits(Value, start, length);

    private static int Digits(ReadOnlySpan<char> code, int start, int length)
    {
        int value = 0;
        for (int i = start; i < start + length; i++)
        {
            value = (value * 10) + Digit(code[i]);
        }

        return value;
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

    private static string? Validate(ReadOnlySpan<char> value)
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

        int day = ((Digit(value[9]) * 10) + Digit(value[10])) % 40;
        if (day is < 1 or > 31)
        {
            return $"giorno di nascita non valido '{value.Slice(9, 2)}'";
        }

        char expected = CheckCharacter(value[..15]);
        return expected == value[15] ? null : $"carattere di controllo errato (atteso '{expected}')";
    }

    /// <summary>A digit of the code, or the digit an omocodia letter stands for.</summary>
    private static int Digit(char c) => char.IsAsciiDigit(c) ? c - '0' : OmocodiaLetters.IndexOf(c, StringComparison.Ordinal);
}
