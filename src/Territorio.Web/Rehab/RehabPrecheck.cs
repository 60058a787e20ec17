using Territorio.Kernel.Codes;
using Territorio.Kernel.Hospital;
using Territorio.Kernel.Population;
using Territorio.Rehab.Decree;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Rules;
using Territorio.Web.Api;

namespace Territorio.Web.Rehab;

/// <summary>Entry scales of the SDOr, when already known.</summary>
public sealed record PrecheckScales(int? Rankin, int? Barthel, int? BarthelDyspnoea, int? SixMinuteWalkMetres, int? Rcs);

/// <summary>
/// The codes of a patient about to be transferred to rehabilitation (DM 5/8/2021 art.3 c.5):
/// the acute ward's discharge codes, carried into the planned rehab admission. Dates as
/// gg/mm/aaaa or aaaa-mm-gg; either the birth date or the age.
/// </summary>
public sealed record PrecheckRequest(
    string? BirthDate,
    int? Age,
    string? Sex,
    int? Mdc,
    int? Discipline,
    int? Regime,
    string? AdmissionDate,
    string? PrincipalDiagnosis,
    IReadOnlyList<string>? SecondaryDiagnoses,
    IReadOnlyList<string>? Procedures,
    string? AcuteDischargeDate,
    int? AcuteDiscipline,
    PrecheckScales? Scales);

public sealed record RuleSetDto(string Id, string Version, string Status, bool Provisional, string ScaleMode);

public sealed record PrecheckResponse(
    string Verdict,
    string VerdictLabel,
    bool PostAcute,
    int? IntervalDays,
    string Article,
    string Level,
    string Reasons,
    IReadOnlyList<RehabCheckDto> Checks,
    RuleSetDto RuleSet,
    string Notice);

/// <summary>
/// The ward's pre-admission check: the codes go straight to the pure engine (<see cref="RehabEngine"/>)
/// as one planned rehab admission and, when an acute discharge date is given, the acute stay it
/// follows. Nothing is stored or logged: the answer is computed and forgotten.
/// </summary>
public sealed class RehabPrecheck(RuleSet rules, Icd9CmCatalogue catalogue)
{
    public const string Notice = "Verifica preventiva (DM 5/8/2021 art.3 c.5): i dati inseriti non sono salvati né registrati.";

    // The planned admission has no SDO yet: its id, its patient and its discharge are placeholders the engine only echoes.
    private const string PlannedRecordId = "pre-ricovero";
    private const string AcuteRecordId = "per acuti comunicato";

    // The SDO allows 5 secondary diagnoses and 6 procedures (issue 3, DM 261/2016).
    private const int MaxSecondary = 5;
    private const int MaxProcedures = 6;

    public RuleSet Rules => rules;

    public (PrecheckResponse? Result, ApiProblems.Validation Validation) Judge(PrecheckRequest request)
    {
        var v = new ApiProblems.Validation();
        var admission = Day(request.AdmissionDate, "admissionDate", "data di ammissione in riabilitazione", v, required: true);
        var birth = BirthDate(request, admission, v);
        var sex = request.Sex?.Trim().ToUpperInvariant() switch
        {
            "M" or "1" => (Sex?)Sex.Male,
            "F" or "2" => Sex.Female,
            null or "" => Missing<Sex>(v, "sex", "sesso"),
            _ => Bad<Sex>(v, "sex", $"sesso \"{request.Sex}\" non valido (M o F)"),
        };
        int? mdc = request.Mdc switch
        {
            null => Missing<int>(v, "mdc", "MDC"),
            < 0 or > 25 => Bad<int>(v, "mdc", $"MDC {request.Mdc} non valida (0–25)"),
            var m => m,
        };
        int? discipline = request.Discipline switch
        {
            null => Missing<int>(v, "discipline", "disciplina di riabilitazione prevista"),
            56 or 28 or 75 => request.Discipline,
            _ => Bad<int>(v, "discipline", $"disciplina {request.Discipline} non di riabilitazione (56, 28 o 75)"),
        };
        int regime = request.Regime ?? 1;
        if (regime is not (1 or 2))
        {
            v.Add("regime", $"regime {regime} non valido (1 ordinario, 2 day hospital)");
        }

        var principal = Codes([request.PrincipalDiagnosis ?? ""], Icd9CmKind.Diagnosis, "principalDiagnosis", "diagnosi principale", 1, v);
        if (string.IsNullOrWhiteSpace(request.PrincipalDiagnosis))
        {
            v.Required("principalDiagnosis", null, "Diagnosi principale");
        }

        var secondary = Codes(request.SecondaryDiagnoses ?? [], Icd9CmKind.Diagnosis, "secondaryDiagnoses", "diagnosi secondarie", MaxSecondary, v);
        var procedures = Codes(request.Procedures ?? [], Icd9CmKind.Procedure, "procedures", "procedure", MaxProcedures, v);
        var acuteDischarge = Day(request.AcuteDischargeDate, "acuteDischargeDate", "data di dimissione per acuti", v, required: false);
        if (acuteDischarge > admission)
        {
            v.Add("acuteDischargeDate", "la dimissione per acuti segue l'ammissione in riabilitazione");
        }

        if (acuteDischarge is not null && request.AcuteDiscipline is null)
        {
            v.Add("acuteDiscipline", "disciplina del reparto per acuti: obbligatoria se è indicata la data di dimissione");
        }
        else if (request.AcuteDiscipline is 28 or 56 or 75 or < 1 or > 99)
        {
            v.Add("acuteDiscipline", $"disciplina {request.AcuteDiscipline} non è un reparto per acuti (codici 01–99 esclusi 28, 56, 75)");
        }

        var scales = Scales(request.Scales, v);
        if (!v.IsValid)
        {
            return (null, v);
        }

        var planned = new SdoRecord
        {
            RecordId = PlannedRecordId,
            PatientId = PlannedRecordId,
            BirthDate = birth!.Value,
            Sex = sex!.Value,
            StructureId = "",
            Discipline = discipline!.Value,
            Regime = regime,
            AdmissionDate = admission!.Value,
            DischargeDate = admission.Value,
            // Not known before the stay; an ordinary discharge home (2), which no article excludes.
            DischargeMode = "2",
            Mdc = mdc!.Value,
            PrincipalDiagnosis = principal[0],
            SecondaryDiagnoses = secondary,
            Procedures = procedures,
            Scales = scales,
        };
        var verdict = new RehabEngine(rules).Judge(new RehabCase(planned, Acute(acuteDischarge, request.AcuteDiscipline, planned)));
        var checks = StoredVerdicts.ChecksOf(verdict.Checks);
        string code = RehabVerdict.Code(verdict.Verdict);
        return (new PrecheckResponse(code, RehabLabels.Verdict(code), verdict.PostAcute, verdict.IntervalDays, verdict.Article, verdict.Level,
            StoredVerdicts.ReasonsOf(checks), checks, RuleSetOf(rules), Notice), v);
    }

    public static RuleSetDto RuleSetOf(RuleSet rules) =>
        new(rules.Id, rules.Version, rules.Status, rules.IsProvisional, rules.Scales.Mode == ScaleMode.ReportOnly ? "report-only" : "required");

    /// <summary>
    /// Art.2 c.2: the communicated acute stay counts only when discharged within the look-back
    /// before the admission (the same test as the SDO linkage); its diagnoses are the codes entered.
    /// </summary>
    private AcuteDischarge? Acute(DateOnly? discharge, int? acuteDiscipline, SdoRecord planned)
    {
        if (discharge is not { } day || Linkage.LatestAcute([new AcuteRef(day, 0)], planned.AdmissionDate, rules.Linkage) < 0)
        {
            return null;
        }

        return new AcuteDischarge(AcuteRecordId, acuteDiscipline!.Value, day, planned.PrincipalDiagnosis, planned.SecondaryDiagnoses);
    }

    private static DateOnly? BirthDate(PrecheckRequest request, DateOnly? admission, ApiProblems.Validation v)
    {
        if (!string.IsNullOrWhiteSpace(request.BirthDate))
        {
            var birth = Day(request.BirthDate, "birthDate", "data di nascita", v, required: true);
            if (birth > admission)
            {
                v.Add("birthDate", "la data di nascita segue la data di ammissione");
            }

            return birth;
        }

        switch (request.Age)
        {
            case null:
                v.Add("birthDate", "indicare la data di nascita o l'età");
                return null;
            case < 0 or > 120:
                v.Add("age", $"età {request.Age} non valida (0–120 anni)");
                return null;
            default:
                // Completed years on the admission day equal the age given.
                return admission?.AddYears(-request.Age.Value);
        }
    }

    private static DateOnly? Day(string? text, string field, string label, ApiProblems.Validation v, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                v.Add(field, $"{label}: campo obbligatorio");
            }

            return null;
        }

        if (ItalianFormat.TryParseDate(text, out var day))
        {
            return day;
        }

        v.Add(field, $"{label}: data non valida \"{text}\" (usare gg/mm/aaaa)");
        return null;
    }

    /// <summary>Codes with or without the dot, each one checked against the Italian ICD-9-CM 2007.</summary>
    private List<Icd9CmCode> Codes(IReadOnlyList<string> texts, Icd9CmKind kind, string field, string label, int max, ApiProblems.Validation v)
    {
        var codes = new List<Icd9CmCode>();
        foreach (string text in texts.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            string kindName = kind == Icd9CmKind.Diagnosis ? "diagnosi" : "procedura";
            if (!Icd9CmCode.TryParse(text, kind, out var code))
            {
                v.Add(field, $"{label}: \"{text.Trim()}\" non è un codice ICD-9-CM di {kindName}");
            }
            else if (!catalogue.Contains(code))
            {
                // The same test as the SDO check: a code of the catalogue, with or without the dot.
                v.Add(field, $"{label}: il codice {code} non esiste nell'ICD-9-CM 2007 italiano");
            }
            else if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        if (codes.Count > max)
        {
            v.Add(field, $"{label}: al massimo {max} codici (ne sono stati indicati {codes.Count})");
        }

        return codes;
    }

    private static SdoScales Scales(PrecheckScales? scales, ApiProblems.Validation v)
    {
        if (scales is null)
        {
            return SdoScales.None;
        }

        int? Checked(int? value, string field, string label, int max)
        {
            if (value is < 0 || value > max)
            {
                v.Add("scales." + field, $"{label} {value} fuori dai valori della scala (0–{max})");
            }

            return value;
        }

        return new SdoScales(
            Checked(scales.Rankin, "rankin", "Rankin", 5),
            Checked(scales.Barthel, "barthel", "Barthel", 100),
            Checked(scales.BarthelDyspnoea, "barthelDyspnoea", "Barthel dispnea", 100),
            Checked(scales.SixMinuteWalkMetres, "sixMinuteWalkMetres", "test del cammino in 6 minuti (metri)", 2000),
            Checked(scales.Rcs, "rcs", "RCS", 22));
    }

    private static T? Missing<T>(ApiProblems.Validation v, string field, string label)
        where T : struct
    {
        v.Add(field, $"{label}: campo obbligatorio");
        return null;
    }

    private static T? Bad<T>(ApiProblems.Validation v, string field, string message)
        where T : struct
    {
        v.Add(field, message);
        return null;
    }
}
