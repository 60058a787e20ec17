namespace Territorio.Kernel.Codes;

/// <summary>Which of the two ICD-9-CM volumes a code belongs to: they format differently.</summary>
public enum Icd9CmKind
{
    Diagnosis,
    Procedure,
}

/// <summary>
/// An ICD-9-CM code in its canonical dotted form ("428.0", "V45.1", "E880.9", "93.11").
/// Input may come with or without the dot, in any case; SDO flows usually drop the dot.
/// </summary>
public readonly record struct Icd9CmCode
{
    private Icd9CmCode(string value, Icd9CmKind kind)
    {
        Value = value;
        Kind = kind;
    }

    public string Value { get; }

    public Icd9CmKind Kind { get; }

    public override string ToString() => Value;

    public static Icd9CmCode ParseDiagnosis(ReadOnlySpan<char> text) =>
        TryParse(text, Icd9CmKind.Diagnosis, out var code)
            ? code
            : throw new FormatException($"'{text.ToString()}' is not an ICD-9-CM diagnosis code");

    public static Icd9CmCode ParseProcedure(ReadOnlySpan<char> text) =>
        TryParse(text, Icd9CmKind.Procedure, out var code)
            ? code
            : throw new FormatException($"'{text.ToString()}' is not an ICD-9-CM procedure code");

    /// <summary>
    /// Checks the shape only (digits and the V/E prefixes, lengths). Whether the code exists is
    /// the catalogue's business: see <see cref="Icd9CmCatalogue"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, Icd9CmKind kind, out Icd9CmCode code)
    {
        code = default;
        text = text.Trim();
        Span<char> buffer = stackalloc char[8];
        int length = 0;
        foreach (char c in text)
        {
            if (c == '.')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                return false;
            }

            buffer[length++] = char.ToUpperInvariant(c);
        }

        var compact = buffer[..length];
        int head = HeadLength(compact, kind);
        if (head == 0 || compact.Length < head || compact.Length > head + 2)
        {
            return false;
        }

        for (int i = 0; i < compact.Length; i++)
        {
            bool letterAllowed = i == 0 && kind == Icd9CmKind.Diagnosis && (compact[0] == 'V' || compact[0] == 'E');
            if (!char.IsAsciiDigit(compact[i]) && !letterAllowed)
            {
                return false;
            }
        }

        string value = compact.Length == head
            ? new string(compact)
            : string.Concat(compact[..head], ".", compact[head..]);
        code = new Icd9CmCode(value, kind);
        return true;
    }

    // Diagnoses: 3-character category (4 for E codes); procedures: 2-digit category.
    private static int HeadLength(ReadOnlySpan<char> compact, Icd9CmKind kind) => kind switch
    {
        _ when compact.IsEmpty => 0,
        Icd9CmKind.Procedure => 2,
        _ when compact[0] == 'E' => 4,
        _ => 3,
    };
}
