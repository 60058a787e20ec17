using Territorio.Flows.Files;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Tests.Files;

/// <summary>Quantities of the flows (packs, DDD): whole ones take a shortcut that must read as the general parser does.</summary>
public sealed class FlowCsvNumberTests
{
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
