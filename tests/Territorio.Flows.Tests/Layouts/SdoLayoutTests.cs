using System.Text;
using Territorio.Flows.Layouts;
using Territorio.Flows.Reference;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Tests.Layouts;

/// <summary>A region's own SDO columns, rewritten into Territorio's by a layout (issue 19 part 4).</summary>
public sealed class SdoLayoutTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("territorio-layout-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string RegionalHeader =
        "ID_SDO;ID_ASSISTITO;DATA_NASCITA;SESSO;COD_STRUTTURA;REPARTO_AMMISSIONE;REGIME_RICOVERO;DATA_RICOVERO;DATA_DIMISSIONE;MODALITA_DIMISSIONE;MDC;DRG;DIAG_PRINC;"
        + string.Join(';', Enumerable.Range(1, 24).Select(i => $"DIAG_SEC_{i}")) + ";INT_PRINC;" + string.Join(';', Enumerable.Range(1, 5).Select(i => $"INT_SEC_{i}"))
        + ";REPARTO_PROVENIENZA;RANKIN;BARTHEL;BARTHEL_DISPNEA;TEST_6MW;RCS";

    /// <summary>A regional row: six secondary diagnoses in their own columns, a four-character ward code, compact dates.</summary>
    private static string RegionalRow(string id, string admission = "20250112", string birth = "07/08/1948") =>
        $"{id};P1;{birth};2;030001;5601;1;{admission};20250130;2;8;249;71536;"
        + string.Join(';', new[] { "4019", "25000", "4280", "42731", "5849", "2724" }.Concat(Enumerable.Repeat("", 18)))
        + ";9339;;;;;;0801;3;45;;;12";

    private FlowLayout RegionalLayout() => FlowLayout.Load(ReferenceData.Default().PathOf("sdo", "layouts", "esempio-regionale.json"), FlowSchema.Sdo);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private static (List<Kernel.Hospital.SdoRecord> Records, List<InputError> Errors) ReadCanonical(LayoutTranslation translation)
    {
        var errors = new List<InputError>();
        var records = new SdoCsvReader(ReferenceData.Default().Icd9Cm).ReadFile(translation.Path, e => errors.Add(translation.ToSource(e))).ToList();
        return (records, errors);
    }

    [Fact]
    public void RegionalFile_WardCodeCompactDatesAndSixSecondaryDiagnoses_IsReadWhole()
    {
        string source = Write("sdo-regione.csv", RegionalHeader + "\n" + RegionalRow("R1") + "\n");

        using var translation = LayoutTranslation.Translate(source, RegionalLayout(), _dir);
        var (records, errors) = ReadCanonical(translation);

        translation.Errors.ShouldBeEmpty();
        errors.ShouldBeEmpty();
        var r = records.ShouldHaveSingleItem();
        r.Discipline.ShouldBe(56);
        r.TransferFromDiscipline.ShouldBe(8);
        r.AdmissionDate.ShouldBe(new DateOnly(2025, 1, 12));
        r.BirthDate.ShouldBe(new DateOnly(1948, 8, 7));
        r.SecondaryDiagnoses.Count.ShouldBe(6);
        r.Procedures.Single().Value.ShouldBe("93.39");
    }

    [Fact]
    public void DateInNoneOfTheLayoutsFormats_IsRefusedWithSourceFileLineAndColumn_OtherRowsKept()
    {
        string source = Write("sdo-regione.csv", RegionalHeader + "\n" + RegionalRow("R1", admission: "2025-01-12") + "\n" + RegionalRow("R2") + "\n");

        using var translation = LayoutTranslation.Translate(source, RegionalLayout(), _dir);
        var (records, _) = ReadCanonical(translation);

        var error = translation.Errors.ShouldHaveSingleItem();
        error.File.ShouldBe("sdo-regione.csv");
        error.Line.ShouldBe(2);
        error.Field.ShouldBe("admission_date (DATA_RICOVERO)");
        error.Reason.ShouldContain("yyyyMMdd, dd/MM/yyyy");
        records.ShouldHaveSingleItem().RecordId.ShouldBe("R2");
    }

    [Fact]
    public void ErrorFoundAfterTheRewrite_NamesTheSourceLineAndColumn()
    {
        string source = Write("sdo-regione.csv", RegionalHeader + "\n" + RegionalRow("R1", admission: "bad") + "\n" + RegionalRow("R2").Replace(";71536;", ";99999;", StringComparison.Ordinal) + "\n");

        using var translation = LayoutTranslation.Translate(source, RegionalLayout(), _dir);
        var (_, errors) = ReadCanonical(translation);

        var error = errors.ShouldHaveSingleItem();
        error.Line.ShouldBe(3);
        error.File.ShouldBe("sdo-regione.csv");
        error.Field.ShouldBe("principal_dx (DIAG_PRINC)");
    }

    [Fact]
    public void ColumnTheLayoutNamesButTheHeaderLacks_IsRefusedBeforeAnyRow()
    {
        string source = Write("sdo-regione.csv", RegionalHeader.Replace("DATA_RICOVERO", "DT_RIC", StringComparison.Ordinal) + "\n" + RegionalRow("R1") + "\n");

        var ex = Should.Throw<InputDataException>(() => LayoutTranslation.Translate(source, RegionalLayout(), _dir));

        ex.Error!.Field.ShouldBe("DATA_RICOVERO");
        ex.Error.Reason.ShouldContain("admission_date");
        Directory.GetFiles(_dir).ShouldBe([source], "nothing half-written");
    }

    [Theory]
    [InlineData("{\"ricovero\": \"X\"}", "ricovero", "campo sconosciuto")]
    [InlineData("{\"delimiter\": \";;\"}", "delimiter", "un solo carattere")]
    [InlineData("{\"date_format\": \"\"}", "date_format", "formato di data")]
    [InlineData("{\"principal_dx\": [\"A\", \"B\"]}", "principal_dx", "solo per i campi elenco")]
    [InlineData("{\"discipline\": {\"column\": \"REPARTO\", \"first\": 0}}", "discipline", "first")]
    [InlineData("{\"record_id\": \"ID\"}", "patient_id", "obbligatori")]
    public void MalformedLayout_IsRefusedNamingTheField(string json, string field, string reason)
    {
        string path = Write("layout.json", json);

        var ex = Should.Throw<InputDataException>(() => FlowLayout.Load(path, FlowSchema.Sdo));

        ex.Error!.File.ShouldBe("layout.json");
        ex.Error.Field.ShouldBe(field);
        ex.Error.Reason.ShouldContain(reason);
    }

    [Fact]
    public void ShippedDefaultLayout_IsTerritoriosOwnColumns_SoTheFileIsReadAsItIs()
    {
        FlowLayout.Load(ReferenceData.Default().PathOf("sdo", "layouts", "territorio.json"), FlowSchema.Sdo).IsCanonical.ShouldBeTrue();
        RegionalLayout().IsCanonical.ShouldBeFalse();
    }
}
