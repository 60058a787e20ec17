using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Web.Api;
using Territorio.Web.Rehab;

namespace Territorio.Web.Pages.Reparto;

/// <summary>
/// DM 5/8/2021 art.3 c.5: the acute ward tells the rehab structure the codes it will put in the
/// SDO of the patient it sends; either ward checks here, before the transfer, whether the rehab
/// admission would be appropriate. The form posts back to itself; nothing is stored or logged.
/// Field names are those of <c>POST /api/riabilitazione/precheck</c>, so errors name the same fields.
/// </summary>
public sealed class PreRicoveroModel(RehabPrecheck precheck) : PageModel
{
    [BindProperty(Name = "birthDate")]
    public string? BirthDate { get; set; }

    [BindProperty(Name = "age")]
    public string? Age { get; set; }

    [BindProperty(Name = "sex")]
    public string? Sex { get; set; }

    [BindProperty(Name = "mdc")]
    public string? Mdc { get; set; }

    [BindProperty(Name = "discipline")]
    public string? Discipline { get; set; } = "56";

    [BindProperty(Name = "regime")]
    public string? Regime { get; set; } = "1";

    [BindProperty(Name = "admissionDate")]
    public string? AdmissionDate { get; set; }

    [BindProperty(Name = "principalDiagnosis")]
    public string? PrincipalDiagnosis { get; set; }

    [BindProperty(Name = "secondaryDiagnoses")]
    public string? SecondaryDiagnoses { get; set; }

    [BindProperty(Name = "procedures")]
    public string? Procedures { get; set; }

    [BindProperty(Name = "acuteDischargeDate")]
    public string? AcuteDischargeDate { get; set; }

    [BindProperty(Name = "acuteDiscipline")]
    public string? AcuteDiscipline { get; set; }

    [BindProperty(Name = "scales.rankin")]
    public string? Rankin { get; set; }

    [BindProperty(Name = "scales.barthel")]
    public string? Barthel { get; set; }

    [BindProperty(Name = "scales.barthelDyspnoea")]
    public string? BarthelDyspnoea { get; set; }

    [BindProperty(Name = "scales.sixMinuteWalkMetres")]
    public string? SixMinuteWalkMetres { get; set; }

    [BindProperty(Name = "scales.rcs")]
    public string? Rcs { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public PrecheckResponse? Result { get; private set; }

    public RuleSetDto RuleSet => RehabPrecheck.RuleSetOf(precheck.Rules);

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        var numbers = new ApiProblems.Validation();
        int? Number(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            {
                return value;
            }

            numbers.Add(field, $"\"{text.Trim()}\" non è un numero intero");
            return null;
        }

        var request = new PrecheckRequest(
            BirthDate,
            Number(Age, "age"),
            Sex,
            Number(Mdc, "mdc"),
            Number(Discipline, "discipline"),
            Number(Regime, "regime"),
            AdmissionDate,
            PrincipalDiagnosis,
            CodesOf(SecondaryDiagnoses),
            CodesOf(Procedures),
            AcuteDischargeDate,
            Number(AcuteDiscipline, "acuteDiscipline"),
            new PrecheckScales(Number(Rankin, "scales.rankin"), Number(Barthel, "scales.barthel"), Number(BarthelDyspnoea, "scales.barthelDyspnoea"),
                Number(SixMinuteWalkMetres, "scales.sixMinuteWalkMetres"), Number(Rcs, "scales.rcs")));
        var (result, validation) = precheck.Judge(request);
        // A field that is not a number is reported as such, not also as missing.
        var errors = validation.Errors.Where(e => !numbers.Errors.ContainsKey(e.Key)).Concat(numbers.Errors).ToDictionary(e => e.Key, e => e.Value);
        if (errors.Count > 0)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Result = result;
        return Page();
    }

    /// <summary>Codes as typed: separated by spaces, commas, semicolons or '|'.</summary>
    public static IReadOnlyList<string> CodesOf(string? text) =>
        (text ?? "").Split([' ', ',', ';', '|', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public FormField Field(string name, string label, string? value, string? hint = null, string? inputMode = null) =>
        new(name, label, value, Errors, hint, inputMode);
}
