using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Territorio.Kernel.Codes;

namespace Territorio.Flows.Sdo;

/// <summary>
/// The catalogue as a dense key space over raw bytes: a code's key comes from its characters
/// without the dot ("4019" and "401.9" share one), so checking that a code exists is one bit,
/// and the canonical <see cref="Icd9CmCode"/> is shared, never rebuilt per row.
/// </summary>
public sealed class Icd9CmCodeIndex
{
    // key = ((kind * 3 + prefix) * 8 + digitCount) * 100_000 + digits, prefix 0 digit, 1 V, 2 E.
    private const int KeySpace = 2 * 3 * 8 * 100_000;

    private readonly ulong[] _known = new ulong[(KeySpace + 63) / 64];
    private readonly FrozenDictionary<int, Icd9CmCode> _codes;

    public Icd9CmCodeIndex(Icd9CmCatalogue catalogue)
    {
        var codes = new Dictionary<int, Icd9CmCode>();
        Span<byte> bytes = stackalloc byte[16];
        foreach (var entry in catalogue.Diagnoses.Concat(catalogue.Procedures))
        {
            int length = System.Text.Encoding.ASCII.GetBytes(entry.Code.Value, bytes);
            if (TryKey(bytes[..length], entry.Code.Kind, out int key))
            {
                _known[key >> 6] |= 1UL << key;
                codes[key] = entry.Code;
            }
        }

        _codes = codes.ToFrozenDictionary();
        Catalogue = catalogue;
    }

    public Icd9CmCatalogue Catalogue { get; }

    /// <summary>True when the text is a code of the catalogue, with or without the dot.</summary>
    // Once per code (per row): inlined by the native build too, which has no run-time profile (decision 0114).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(ReadOnlySpan<byte> text, Icd9CmKind kind) =>
        TryKey(text, kind, out int key) && (_known[key >> 6] & (1UL << key)) != 0;

    /// <summary>The catalogue's code for the text, or false when it is malformed or unknown.</summary>
    public bool TryFind(ReadOnlySpan<byte> text, Icd9CmKind kind, out Icd9CmCode code)
    {
        code = default;
        return TryKey(text, kind, out int key) && (_known[key >> 6] & (1UL << key)) != 0 && _codes.TryGetValue(key, out code);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryKey(ReadOnlySpan<byte> text, Icd9CmKind kind, out int key)
    {
        key = 0;
        text = Utf8Csv.TrimSpaces(text);
        if (text.IsEmpty)
        {
            return false;
        }

        int prefix = 0;
        if (kind == Icd9CmKind.Diagnosis && (text[0] | 0x20) is (byte)'v' or (byte)'e')
        {
            prefix = (text[0] | 0x20) == (byte)'v' ? 1 : 2;
            text = text[1..];
        }

        int digits = 0;
        int value = 0;
        foreach (byte b in text)
        {
            if (b == (byte)'.')
            {
                continue;
            }

            if ((uint)(b - '0') > 9 || digits == 5)
            {
                return false;
            }

            value = (value * 10) + (b - '0');
            digits++;
        }

        if (digits == 0)
        {
            return false;
        }

        key = ((((int)kind * 3) + prefix) * 8 + digits) * 100_000 + value;
        return true;
    }
}
