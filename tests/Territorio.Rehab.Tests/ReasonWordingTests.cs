using System.Text.RegularExpressions;
using Territorio.Kernel.Hospital;
using Territorio.Rehab.Engine;
using static Territorio.Rehab.Tests.Cases;

namespace Territorio.Rehab.Tests;

/// <summary>
/// The reasons of a verdict are Italian sentences a controller reads (issue 19 part 3): dates
/// dd/MM/yyyy, "entro"/"oltre", codes with their descriptions, no empty lists, no English words,
/// singular and plural right. The machine-readable inputs keep their stable forms.
/// </summary>
public partial class ReasonWordingTests
{
    private static readonly RehabEngine Engine = new(TestRules.Default());
    private static readonly RehabEngine Strict = new(TestRules.WithRequiredScales());

    private static RehabVerdict Judge(SdoRecord rehab, AcuteDischarge? acute = null, RehabEngine? engine = null, SdoRecord? earlier = null, SdoRecord? source = null) =>
        (engine ?? Engine).Judge(new RehabCase(rehab, acute, earlier, source));

    /// <summary>Admissions that take every article and level, passed and failed.</summary>
    public static TheoryData<string> Paths() =>
    [
        "post-acute 56a", "post-acute 56c", "post-acute late", "not post-acute 56c", "not post-acute none", "75 after acute",
        "75 wrong mdc", "28 after acute", "28 not post-acute", "out of scope", "transfer 56", "transfer 28", "worsening", "exception",
        "strict scales", "mdc warning",
    ];

    private static RehabVerdict PathVerdict(string path) => path switch
    {
        "post-acute 56a" => Judge(RehabStay(secondary: ["428.0", "401.9"], procedures: ["96.71"]), Acute(10)),
        "post-acute 56c" => Judge(RehabStay(mdc: 8, principal: "V54.13"), Acute(5, "820.21")),
        "post-acute late" => Judge(RehabStay(mdc: 8, principal: "V54.13"), Acute(45, "820.21")),
        "not post-acute 56c" => Judge(RehabStay(secondary: ["428.0"])),
        "not post-acute none" => Judge(RehabStay(principal: "401.9")),
        "75 after acute" => Judge(RehabStay(discipline: 75, principal: "907.0"), Acute(5, "852.21")),
        "75 wrong mdc" => Judge(RehabStay(discipline: 75, mdc: 8, principal: "907.0"), Acute(5, "820.21")),
        "28 after acute" => Judge(RehabStay(discipline: 28, principal: "344.1"), Acute(5, "806.20")),
        "28 not post-acute" => Judge(RehabStay(discipline: 28, principal: "344.1", secondary: ["428.0"])),
        "out of scope" => Judge(RehabStay(discipline: 60, regime: 3, mdc: 6, dischargeMode: "5", birth: Admission.AddYears(-17))),
        "transfer 56" => Judge(RehabStay(mdc: 8, transferFrom: 56, stay: 30), source: RehabStay(mdc: 8, id: "R0", admission: Admission.AddDays(-20), stay: 20)),
        "transfer 28" => Judge(RehabStay(discipline: 28, transferFrom: 28)),
        "worsening" => Judge(RehabStay(secondary: ["428.0"]), Acute(40), earlier: RehabStay(id: "R0", admission: Admission.AddDays(-38), stay: 20)),
        "exception" => Judge(RehabStay(principal: "V46.11", secondary: ["428.0"])),
        "strict scales" => Judge(RehabStay(mdc: 4, principal: "491.21", secondary: ["428.0", "401.9", "585.6"], scales: SdoScales.None), engine: Strict),
        _ => Judge(RehabStay(mdc: 1, principal: "820.21") with { PrincipalDiagnosisMdc = 8 }),
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Reasons_OnEveryPath_ReadAsItalianSentences(string path)
    {
        var v = PathVerdict(path);

        v.Checks.ShouldNotBeEmpty();
        foreach (var check in v.Checks)
        {
            string detail = check.Detail;
            IsoDate().IsMatch(detail).ShouldBeFalse($"ISO date in: {detail}");
            detail.ShouldNotContain("<=");
            detail.ShouldNotContain(">");
            detail.ShouldNotContain("[");
            detail.ShouldNotContain("..");
            detail.ShouldNotContain("0 codici");
            detail.ShouldNotContain("1 codici");
            detail.ShouldNotContain("1 giorni");
            detail.ShouldNotContain("ne servono 1");
            EnglishWord().IsMatch(detail).ShouldBeFalse($"English word in: {detail}");
            detail.ShouldMatch(@"^(art\.|all\.|attenzione)");
        }
    }

    [Fact]
    public void Interval_WithinAndBeyondTheAnnex5Limit_SaysEntroAndOltre()
    {
        Judge(RehabStay(mdc: 8, principal: "V54.13"), Acute(5, "820.21")).Reasons
            .ShouldContain("art.3 c.1: intervallo di 5 giorni, entro il limite di 30 giorni dell'Allegato 5 per la disciplina 56, MDC 8");
        Judge(RehabStay(mdc: 8, principal: "V54.13"), Acute(45, "820.21")).Reasons
            .ShouldContain("intervallo di 45 giorni, oltre il limite di 30 giorni");
    }

    [Fact]
    public void Linkage_NamesTheAcuteStayWithItsDiagnosisAndItalianDate()
    {
        var v = Judge(RehabStay(mdc: 8, principal: "V54.13"), Acute(1, "820.21"));

        var linkage = v.Checks.Single(c => c.Rule == "linkage");
        linkage.Detail.ShouldContain("ricovero per acuti A1");
        linkage.Detail.ShouldContain("diagnosi principale 820.21 sezione intertrocanterica");
        linkage.Detail.ShouldContain("dimesso il 14/06/2025, 1 giorno prima dell'ammissione");
        // the inputs stay machine-readable
        linkage.Inputs.ShouldContain(new KeyValuePair<string, string>("acute_discharge_date", "2025-06-14"));
        linkage.Inputs.ShouldContain(new KeyValuePair<string, string>("interval_days", "1"));
    }

    [Fact]
    public void Codes_AreWrittenOutWithTheirItalianDescriptions()
    {
        var v = Judge(RehabStay(secondary: ["428.0", "401.9"], procedures: ["96.71"]), Acute(10));

        var met = v.Checks.First(c => c.Rule == "codes" && c.Outcome == CheckOutcome.Passed);
        met.Detail.ShouldContain("438.11 ");
        met.Detail.ShouldContain("428.0 insufficienza cardiaca congestizia non specificata");
        met.Detail.ShouldContain("96.71 ");
    }

    [Fact]
    public void NoCodesFound_SaysNessunCodice_NotAnEmptyList()
    {
        var v = Judge(RehabStay(principal: "401.9"));

        var spinal = v.Checks.Single(c => c.Article == "art.4 c.1 lett.b" && c.Rule == "codes");
        spinal.Detail.ShouldBe("art.4 c.1 lett.b (56a) non soddisfatto: nessun codice di mielolesione (Allegato 2) tra le diagnosi, ne servono 2");
    }

    [Fact]
    public void OneCode_IsSingular()
    {
        var v = Judge(RehabStay(secondary: ["428.0"]));

        v.Checks.Single(c => c.Article == "art.4 c.1 lett.d" && c.Rule == "codes").Detail
            .ShouldContain("1 altro codice dell'Allegato 3, ne serve 1: 428.0 insufficienza cardiaca congestizia non specificata");
    }

    [Fact]
    public void Annex3Exception_IsNamedByItsItalianTitle()
    {
        var v = Judge(RehabStay(principal: "V46.11", secondary: ["428.0"]));

        var exception = v.Checks.First(c => c.Rule == "annex3_exception");
        exception.Detail.ShouldStartWith("all.3: eccezione dell'Allegato 3 (paziente dipendente da ventilatore o tracheostomizzato) per V46.11 ");
        exception.Detail.ShouldEndWith("per il livello 56a bastano 2 codici dell'Allegato 3");
        exception.Detail.ShouldNotContain("ventilation");
    }

    [Fact]
    public void OutOfScope_NamesEveryFaultInWords()
    {
        var v = Judge(RehabStay(mdc: 6, dischargeMode: "5", birth: Admission.AddYears(-17)));

        v.Checks.Single(c => c.Rule == "scope").Detail.ShouldBe(
            "art.1 c.1: fuori ambito: MDC 6, non tra le MDC 1, 4, 5 e 8; età all'ammissione 17 anni, sotto i 18; modalità di dimissione 5 (dimissione volontaria), esclusa");
    }

    [Fact]
    public void Scales_ReadAsRangesInWords()
    {
        var v = Judge(RehabStay(secondary: ["428.0"], scales: new(2, 95, null, null, 15)));

        v.Checks.Single(c => c.Rule == "scales").Detail.ShouldBe(
            "art.4 c.1 lett.d: scale di ingresso per il livello 56c: Rankin 2, entro l'intervallo da 0 a 4, Barthel 95, fuori dall'intervallo da 0 a 90, RCS 15, entro l'intervallo da 5 a 22 (solo rilevazione durante la sperimentazione, art.6)");
    }

    [Fact]
    public void Transfer56_AddsTheStaysInWords()
    {
        var v = Judge(RehabStay(mdc: 8, transferFrom: 56, stay: 30), source: RehabStay(mdc: 8, id: "R0", admission: Admission.AddDays(-20), stay: 20));

        v.Checks.Single(c => c.Rule == "transfer").Detail.ShouldBe(
            "art.4 c.4: trasferimento tra unità di disciplina 56, degenza complessiva di 50 giorni (20 giorni nel ricovero R0 e 30 giorni in questo), oltre la soglia di 45 giorni per la MDC 8 (DM 18/10/2012)");
    }

    [Fact]
    public void CodesCriterion_KeepsTheAnnexCodesItFound_AsMachineReadableInput()
    {
        var v = Judge(RehabStay(secondary: ["428.0", "401.9"], procedures: ["96.71"]), Acute(10));

        v.Checks.Single(c => c.Article == "art.3 c.1 lett.b" && c.Rule == "codes").Inputs
            .ShouldContain(new KeyValuePair<string, string>("annex3_codes", "438.11 428.0 96.71"));
        v.Checks.Single(c => c.Rule == "annex3_exception").Inputs
            .ShouldContain(new KeyValuePair<string, string>("annex3_exception_codes", "96.71"));
    }

    [Fact]
    public void CodeList_NamesTheAnnexEntryCoveringACode()
    {
        var annex3 = Engine.Rules.Annex3;

        annex3.EntryOf(Kernel.Codes.Icd9CmCode.ParseDiagnosis("428.0")).ShouldBe("428");
        annex3.EntryOf(Kernel.Codes.Icd9CmCode.ParseDiagnosis("411.1")).ShouldBe("410-414");
        annex3.EntryOf(Kernel.Codes.Icd9CmCode.ParseProcedure("96.71")).ShouldBe("proc. 96.70-96.72");
        annex3.EntryOf(Kernel.Codes.Icd9CmCode.ParseDiagnosis("401.9")).ShouldBeNull();
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(exception|annex|rule set|ruleset|mode|found|none|level|scale \d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishWord();
}
