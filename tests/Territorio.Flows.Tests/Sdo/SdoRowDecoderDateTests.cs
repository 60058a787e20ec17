using System.Globalization;
using System.Text;
using Territorio.Flows.Reference;
using Territorio.Flows.Sdo;

namespace Territorio.Flows.Tests.Sdo;

/// <summary>The decoder reads dates digit by digit (every row has two or three): it must agree with .NET's exact parser.</summary>
public class SdoRowDecoderDateTests
{
    private const string Header =
        "record_id,patient_id,birth_date,sex,structure_id,discipline,regime,admission_date,discharge_date,discharge_mode,mdc,drg,principal_dx,secondary_dx,procedures,transfer_from_discipline,rankin,barthel,barthel_dyspnoea,six_minute_walk_m,rcs";

    private static readonly SdoRowDecoder Decoder =
        new SdoCsvReader(ReferenceData.Default().Icd9Cm).DecoderFor(Encoding.UTF8.GetBytes(Header), "sdo.csv");

    [Fact]
    public void EveryDayFrom1600To2400_IsReadAsDotNetReadsIt()
    {
        for (var day = new DateOnly(1600, 1, 1); day <= new DateOnly(2400, 12, 31); day = day.AddDays(1))
        {
            AdmissionDateOf(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ShouldBe(day);
        }
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2024-02-29")]
    [InlineData("2000-02-29")]
    [InlineData("1900-02-29")]
    [InlineData("2100-02-29")]
    [InlineData("2025-02-29")]
    [InlineData("2025-04-31")]
    [InlineData("2025-00-10")]
    [InlineData("2025-13-01")]
    [InlineData("2025-01-00")]
    [InlineData("2025-01-32")]
    [InlineData("0000-01-01")]
    [InlineData("2025/01/01")]
    [InlineData("2025-1-01")]
    [InlineData("20250101")]
    [InlineData("2O25-01-01")]
    [InlineData("2025-01-0a")]
    [InlineData("2025-01-01T")]
    [InlineData("")]
    public void Text_IsADateExactlyWhenDotNetSaysSo(string text)
    {
        bool valid = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expected);

        AdmissionDateOf(text).ShouldBe(valid ? expected : default);
    }

    private static DateOnly AdmissionDateOf(string date)
    {
        byte[] row = Encoding.UTF8.GetBytes($"R1,P1,1950-05-01,F,030001,56,1,{date},2025-03-20,2,8,249,71536,,,,,,,,");
        var fields = new Range[Decoder.FieldCount + 1];
        byte[]? scratch = null;
        Utf8Csv.Split(row, false, fields, ref scratch, out var source);
        return Decoder.DateOf(source, fields, SdoColumn.AdmissionDate);
    }
}
