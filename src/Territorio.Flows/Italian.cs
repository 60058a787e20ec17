using System.Globalization;

namespace Territorio.Flows;

/// <summary>Formats for what people read (messages, reports, PDFs); data files stay culture-invariant.</summary>
public static class Italian
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("it-IT");

    public static string Number(long value) => value.ToString("N0", Culture);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", Culture);
}
