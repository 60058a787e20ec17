using System.Text;
using Territorio.Flows.Sdo;

namespace Territorio.Flows.Tests.Sdo;

/// <summary>The '|'-separated codes of a field, split as the runtime's span splitter splits them, then trimmed.</summary>
public class Utf8CsvCodesTests
{
    [Theory]
    [InlineData("4019", new[] { "4019" })]
    [InlineData("4019|4280", new[] { "4019", "4280" })]
    [InlineData(" 401.9 | 428.0 ", new[] { "401.9", "428.0" })]
    [InlineData("4019||4280", new[] { "4019", "", "4280" })]
    [InlineData("|4019|", new[] { "", "4019", "" })]
    [InlineData("", new[] { "" })]
    public void Codes_SplitsAtEveryBar_AndTrimsEachPart(string field, string[] expected)
    {
        var bytes = Encoding.UTF8.GetBytes(field);
        var parts = new List<string>();
        foreach (var part in Utf8Csv.Codes(bytes))
        {
            parts.Add(Encoding.UTF8.GetString(part));
        }

        parts.ShouldBe(expected);
        var splitter = new List<string>();
        foreach (var range in bytes.AsSpan().Split((byte)'|'))
        {
            splitter.Add(Encoding.UTF8.GetString(Utf8Csv.TrimSpaces(bytes.AsSpan()[range])));
        }

        parts.ShouldBe(splitter, "the same parts as the span splitter it replaces");
    }
}
