using Territorio.Flows.Files;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Tests.Files;

/// <summary>Shortcuts of the hot path read as the general way does: quantities (packs, DDD) and line numbers.</summary>
public sealed class FlowCsvTests
{
    [Fact]
    public void LineOfEachRow_CountsNewlinesInsideQuotedFields_WhateverTheLineEndings()
    {
        using var csv = FlowCsv.Open(new StringReader("id,note\r\nP1,\"a\r\nb\"\r\nP2,x\r\nP3,\"c\n\nd\"\nP4,y"), "n.csv", ["id", "note"]);
        var lines = new List<(string, long)>();
        while (csv.Read())
        {
            lines.Add((csv.Text(0), csv.Line));
        }

        lines.ShouldBe([("P1", 2L), ("P2", 4L), ("P3", 5L), ("P4", 8L)]);
    }

    private static List<(double Value, string? Reason)> Numbers(params string[] values)
    {
        using var csv = FlowCsv.Open(new StringReader("q\n" + string.Join('\n', values) + "\n"), "q.csv", ["q"]);
        var read = new List<(double, string?)>();
        while (csv.Read())
        {
            InputError? error = null;
            read.Add((csv.Number(0, ref error), error?.Reason));
        }

        return read;
    }

    [Fact]
    public void WholeAndDecimalQuantities_AreReadAsWritten()
    {
        Numbers("28", "007", "0", " 3 ", "999999999", "1234567890", "0.5", "99.25", "2.").Select(n => n.Value)
            .ShouldBe([28, 7, 0, 3, 999_999_999, 1_234_567_890, 0.5, 99.25, 2]);
    }

    [Fact]
    public void NegativeExponentOrEmpty_IsRefusedWithItsReason()
    {
        var read = Numbers("-1", "1e3", "1 5", "\"\"", "x");

        read.ShouldAllBe(n => n.Value == 0 && n.Reason == "numero non valido (atteso non negativo, punto decimale)");
    }
}
