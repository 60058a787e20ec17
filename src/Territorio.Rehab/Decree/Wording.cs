using System.Globalization;
using System.Text;
using Territorio.Kernel.Codes;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.Decree;

/// <summary>
/// How the reasons of a verdict read to an Italian controller: dates as dd/MM/yyyy, counts with
/// the right singular or plural, lists joined with "e", codes with their descriptions. The
/// machine-readable inputs keep their own forms (<see cref="Judgement.Day"/>).
/// </summary>
internal static class Wording
{
    /// <summary>"07/12/2026": the text <c>date.ToString("dd/MM/yyyy", InvariantCulture)</c> gives, without parsing the pattern for every date of every verdict.</summary>
    public static string Date(DateOnly date) => string.Create(10, date, static (text, d) =>
    {
        TwoDigits(text, d.Day);
        text[2] = '/';
        TwoDigits(text[3..], d.Month);
        text[5] = '/';
        TwoDigits(text[6..], d.Year / 100);
        TwoDigits(text[8..], d.Year % 100);
    });

    private static void TwoDigits(Span<char> text, int value)
    {
        text[0] = (char)('0' + (value / 10));
        text[1] = (char)('0' + (value % 10));
    }

    /// <summary>"1 giorno", "22 giorni".</summary>
    public static string Days(int days) => Count(days, "giorno", "giorni");

    /// <summary>"1 codice", "3 codici", "nessun codice" when <paramref name="none"/> is given.</summary>
    public static string Count(int n, string singular, string plural, string? none = null) =>
        n == 0 && none is not null ? none : n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural);

    /// <summary>"ne serve 1", "ne servono 3".</summary>
    public static string Needed(int n) => n switch
    {
        1 => "ne serve 1",
        2 => "ne servono 2",
        3 => "ne servono 3",
        _ => "ne servono " + n.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>"28, 56 e 75".</summary>
    public static string List(IReadOnlyCollection<int> values) => List(values, Number);

    /// <summary>The values in ascending order, each in words: "ordinario e day hospital".</summary>
    public static string List(IReadOnlyCollection<int> values, Func<int, string> word)
    {
        int[] sorted = [.. values];
        Array.Sort(sorted);
        var items = new string[sorted.Length];
        for (int i = 0; i < sorted.Length; i++)
        {
            items[i] = word(sorted[i]);
        }

        return List(items);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"a", "a e b", "a, b e c".</summary>
    public static string List(IReadOnlyList<string> items)
    {
        switch (items.Count)
        {
            case 0:
                return "";
            case 1:
                return items[0];
        }

        var text = new StringBuilder();
        for (int i = 0; i < items.Count - 1; i++)
        {
            text.Append(i > 0 ? ", " : "").Append(items[i]);
        }

        return text.Append(" e ").Append(items[^1]).ToString();
    }

    /// <summary>The codes with their descriptions, separated by "; " (descriptions may hold commas).</summary>
    public static string Codes(ReadOnlySpan<Icd9CmCode> codes, CodeLabels labels)
    {
        if (codes.Length == 1)
        {
            return labels.Of(codes[0]);
        }

        var parts = new string[codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            parts[i] = labels.Of(codes[i]);
        }

        return string.Join("; ", parts);
    }

    /// <summary>DM 5/8/2021 art.1 c.1: the two regimes of the SDO, in words.</summary>
    public static string Regime(int regime) => regime switch
    {
        1 => "ordinario",
        2 => "day hospital",
        _ => regime.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The entry scales of the SDOr (art.2 c.10) by the names a clinician uses.</summary>
    public static string Scale(Scale scale) => scale switch
    {
        Rules.Scale.Rankin => "Rankin",
        Rules.Scale.Barthel => "Barthel",
        Rules.Scale.BarthelDyspnoea => "Barthel dispnea",
        Rules.Scale.SixMinuteWalk => "test del cammino in 6 minuti (metri)",
        _ => "RCS",
    };
}
