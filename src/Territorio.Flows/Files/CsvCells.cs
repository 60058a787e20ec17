namespace Territorio.Flows.Files;

/// <summary>
/// Text cells of every CSV and XLSX export. A cell that starts with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, tab or carriage return is a formula to a spreadsheet (OWASP, "CSV Injection"): an SDO
/// <c>record_id</c> of <c>=HYPERLINK(…)</c> would run in the controller's Excel. Such a cell gets a
/// leading apostrophe, which spreadsheets show as text. Numbers we format ourselves are not text
/// cells and keep their sign.
/// </summary>
public static class CsvCells
{
    public static bool IsFormulaLike(ReadOnlySpan<char> value) => !value.IsEmpty && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The value a spreadsheet reads as text.</summary>
    public static string Neutralised(string value) => IsFormulaLike(value) ? "'" + value : value;

    /// <summary>A text field: neutralised, then quoted when it holds a comma, quote or line break (RFC 4180).</summary>
    public static string Text(string value) => Quoted(Neutralised(value));

    /// <summary>RFC 4180 quoting only (for values that are not text: numbers, dates, codes we wrote).</summary>
    public static string Quoted(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
