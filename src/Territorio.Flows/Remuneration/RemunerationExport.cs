using System.Globalization;
using MiniExcelLibs;
using Territorio.Flows.Files;

namespace Territorio.Flows.Remuneration;

/// <summary>Writes export tables as CSV files (culture-invariant, UTF-8) and as one XLSX workbook.</summary>
public static class RemunerationExport
{
    public static void WriteCsv(ExportTable table, string path)
    {
        OutputFile.WriteText(path, writer => WriteCsv(table, writer));
    }

    public static void WriteCsv(ExportTable table, TextWriter writer)
    {
        writer.Write(string.Join(',', table.Headers));
        writer.Write('\n');
        foreach (var row in table.Rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }

                // Strings are text cells (neutralised); numbers keep their sign.
                writer.Write(row[i] is string text ? CsvCells.Text(text) : Quoted(Text(row[i])));
            }

            writer.Write('\n');
        }
    }

    public static void WriteXlsx(IEnumerable<ExportTable> tables, string path)
    {
        OutputFile.Write(path, file => WriteXlsx(tables, file));
    }

    public static void WriteXlsx(IEnumerable<ExportTable> tables, Stream output)
    {
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            sheets[table.Name] = table.Rows.Select(row =>
            {
                var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (int i = 0; i < table.Headers.Count; i++)
                {
                    cells[table.Headers[i]] = row[i] is string text ? CsvCells.Neutralised(text) : row[i];
                }

                return cells;
            }).ToList();
        }

        output.SaveAs(sheets);
    }

    /// <summary>RFC 4180: quote a field holding a comma, quote or line break.</summary>
    public static string Quoted(string field) => CsvCells.Quoted(field);

    public static string Text(object? value) => value switch
    {
        null => "",
        decimal m => m.ToString("0.00", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
