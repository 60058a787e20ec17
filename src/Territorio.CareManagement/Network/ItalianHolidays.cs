namespace Territorio.CareManagement.Network;

/// <summary>
/// Italy's national public holidays, on which no agenda has slots. Patron saints' days are local:
/// each erogatore publishes them as closures.
/// </summary>
public static class ItalianHolidays
{
    // L. 27 maggio 1949 n.260 (as amended by L. 5 marzo 1977 n.54, DPR 28 dicembre 1985 n.792,
    // L. 20 novembre 2000 n.336): the national holidays, fixed and Easter Monday.
    private static readonly (int Month, int Day, string Name)[] Fixed =
    [
        (1, 1, "Capodanno"),
        (1, 6, "Epifania"),
        (4, 25, "Festa della Liberazione"),
        (5, 1, "Festa del Lavoro"),
        (6, 2, "Festa della Repubblica"),
        (8, 15, "Assunzione (Ferragosto)"),
        (11, 1, "Ognissanti"),
        (12, 8, "Immacolata Concezione"),
        (12, 25, "Natale"),
        (12, 26, "Santo Stefano"),
    ];

    /// <summary>The holiday's Italian name, or null on a working day.</summary>
    public static string? NameOf(DateOnly day)
    {
        foreach (var (month, dayOfMonth, name) in Fixed)
        {
            if (day.Month == month && day.Day == dayOfMonth)
            {
                return name;
            }
        }

        return day == EasterSunday(day.Year).AddDays(1) ? "Lunedì dell'Angelo (Pasquetta)" : null;
    }

    public static bool IsHoliday(DateOnly day) => NameOf(day) is not null;

    /// <summary>Gregorian Easter Sunday (the anonymous Meeus/Jones/Butcher algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31;
        int day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
