using System.Globalization;

namespace Territorio.Web;

/// <summary>How the screens show numbers, money and dates: Italian conventions, Europe/Rome time.</summary>
public static class ItalianFormat
{
    public static readonly CultureInfo Culture = Territorio.Flows.Italian.Culture;

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "";

    /// <summary>A UTC instant as Italian local date and time.</summary>
    public static string DateTime(DateTime utc) =>
        ItalianTime.ToRome(utc).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Euro(decimal amount) => "€ " + amount.ToString("#,##0.00", Culture);

    public static string Number(long value) => Territorio.Flows.Italian.Number(value);

    /// <summary>"1 assistito", "2 assistiti": the count with the noun agreeing.</summary>
    public static string Count(long value, string one, string many) => $"{Number(value)} {(value == 1 ? one : many)}";

    /// <summary>Earliest and latest day a user may type: anything outside is a typing mistake, and 31/12/9999 plus a day overflows.</summary>
    public static readonly DateOnly FirstDay = new(1900, 1, 1);

    public static readonly DateOnly LastDay = new(2199, 12, 31);

    /// <summary>A day typed by a user (dd/MM/yyyy) or sent by a form's date field (yyyy-MM-dd), within the range above.</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        && date >= FirstDay && date <= LastDay;

    public static string Percent(double share) => share.ToString("0.0", Culture) + "%";
}

public static class ItalianTime
{
    public static readonly TimeZoneInfo Rome = CareManagement.Common.RomeCalendar.Zone;

    public static DateTime ToRome(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), Rome);

    /// <summary>Midnight of an Italian calendar day, as a UTC instant.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Rome);

    public static DateOnly Today(TimeProvider clock) => CareManagement.Common.RomeCalendar.Today(clock);
}
