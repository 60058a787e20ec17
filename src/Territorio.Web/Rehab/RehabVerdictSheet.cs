using Territorio.Data.Rehab;
using Territorio.Flows.Printing;
using Territorio.Flows.Reference;
using Territorio.Kernel.Codes;
using Territorio.Rehab.Rules;

namespace Territorio.Web.Rehab;

/// <summary>A label and its value on a verdict's sheet.</summary>
public sealed record SheetFact(string Label, string Value);

/// <summary>An annex entry a check found: the code with its description, the list it belongs to and the item that covers it.</summary>
public sealed record AnnexMatch(string Code, string List, string? Entry);

/// <summary>One check of the verdict with the annex entries it matched.</summary>
public sealed record SheetCheck(RehabCheckDto Check, IReadOnlyList<AnnexMatch> Matches);

/// <summary>
/// One verdict as a controller reads it on its page and prints it: the rehab admission, the acute
/// stay it follows (art.2 c.2), the outcome, and every check with its article and the annex
/// entries that matched. The page and the PDF show this one model.
/// </summary>
public sealed record RehabVerdictSheet(
    RehabRunView View,
    RehabRunVerdict Verdict,
    IReadOnlyList<SheetFact> Admission,
    IReadOnlyList<SheetFact>? Acute,
    IReadOnlyList<SheetFact> Outcome,
    IReadOnlyList<SheetCheck> Checks,
    bool AnnexEntriesShown)
{
    public string Title => $"Giudizio sul ricovero {Verdict.RecordId} (esecuzione {View.Run.Id})";

    /// <summary>The run's ATS as people read it: "ATS di Bergamo (325)".</summary>
    public string AtsLabel { get; init; } = View.Run.Ats;

    /// <summary>The discipline list the checks' inputs are named from ("32 Neurologia").</summary>
    public required DisciplineCatalogue Disciplines { get; init; }

    /// <summary>Builds the sheet; the annex entries come from the rule set in use when the run used the same one.</summary>
    /// <param name="structure">The admission's structure as people know it ("Name (code)"), the code when the registry does not know it.</param>
    /// <param name="atsLabel">The run's ATS by name ("ATS di Bergamo (325)").</param>
    public static RehabVerdictSheet Of(RehabRunView view, RehabRunVerdict v, RuleSet rules, ReferenceData reference, string structure, string atsLabel)
    {
        var catalogue = reference.Icd9Cm;
        var disciplines = reference.Disciplines;
        var checks = StoredVerdicts.ChecksOf(v);
        var labels = rules.CodeLabels;
        string Diagnosis(string code) => Icd9CmCode.TryParse(code, Icd9CmKind.Diagnosis, out var parsed) && catalogue.Contains(parsed) ? labels.Of(parsed) : code;

        var admission = new List<SheetFact>
        {
            new("Ricovero", v.RecordId),
            new("Struttura", structure),
            new("Disciplina", disciplines.Label(v.Discipline)),
            new("Regime", RehabLabels.InputValue("regime", v.Regime.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            new("MDC", v.Mdc.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Ammissione", ItalianFormat.Date(v.AdmissionDate)),
            new("Dimissione", ItalianFormat.Date(v.DischargeDate)),
            new("Diagnosi principale", Diagnosis(v.PrincipalDiagnosis)),
            new("Riga del file", v.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };

        List<SheetFact>? acute = null;
        if (v.PostAcute && checks.FirstOrDefault(c => c.Rule == "linkage" && c.Inputs.ContainsKey("acute_record_id")) is { } linkage)
        {
            string Input(string key) => linkage.Inputs.TryGetValue(key, out var value) ? value : "";
            acute = [new("Ricovero per acuti", Input("acute_record_id")), new("Dimissione", RehabLabels.InputValue("acute_discharge_date", Input("acute_discharge_date")))];
            if (Input("acute_discipline") is { Length: > 0 } discipline)
            {
                acute.Add(new("Disciplina", disciplines.Label(discipline)));
            }

            if (Input("acute_principal_dx") is { Length: > 0 } principal)
            {
                acute.Add(new("Diagnosi principale", Diagnosis(principal)));
            }

            acute.Add(new("Intervallo fino all'ammissione (art.2 c.5)", v.IntervalDays == 1 ? "1 giorno" : $"{v.IntervalDays} giorni"));
        }

        var outcome = new List<SheetFact>
        {
            new("Esito", RehabLabels.Verdict(v.Verdict)),
            new("Articolo", v.Article),
            new("Livello", v.Level.Length > 0 ? v.Level : "nessuno"),
            new("Post-acuzie", v.PostAcute ? "sì (art.2 c.2)" : "no (art.2 c.3)"),
        };

        bool sameRules = view.Run.RuleSetId == rules.Id && view.Run.RuleSetVersion == rules.Version;
        var sheetChecks = checks.Select(c => new SheetCheck(c, sameRules ? Matches(c, rules, v.Mdc) : [])).ToList();
        return new RehabVerdictSheet(view, v, admission, acute, outcome, sheetChecks, sameRules) { AtsLabel = atsLabel, Disciplines = disciplines };
    }

    /// <summary>The annex codes a check kept as inputs ("annex3_codes"), each with the annex item that covers it.</summary>
    private static List<AnnexMatch> Matches(RehabCheckDto check, RuleSet rules, int mdc)
    {
        var matches = new List<AnnexMatch>();
        foreach (var (key, value) in check.Inputs)
        {
            if (!key.EndsWith("_codes", StringComparison.Ordinal))
            {
                continue;
            }

            string annex = key[..^"_codes".Length];
            foreach (string text in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var code = Parse(text);
                var list = ListOf(annex, code, rules, mdc);
                string title = list is null ? annex : annex == "annex3_exception" ? "Allegato 3, eccezione: " + ListTitle(list) : ListTitle(list);
                matches.Add(new AnnexMatch(rules.CodeLabels.Of(code), title, list?.EntryOf(code)));
            }
        }

        return matches;
    }

    /// <summary>A code as the engine writes it: procedures have two digits before the dot ("31.1"), diagnoses three ("311", "V46.11").</summary>
    private static Icd9CmCode Parse(string text)
    {
        var kind = text.IndexOf('.') == 2 || text.Length == 2 ? Icd9CmKind.Procedure : Icd9CmKind.Diagnosis;
        return Icd9CmCode.TryParse(text, kind, out var code) ? code : default;
    }

    private static CodeList? ListOf(string annex, Icd9CmCode code, RuleSet rules, int mdc) => annex switch
    {
        "annex1" => rules.Annex1,
        "annex2" => rules.Annex2,
        "annex3" => rules.Annex3,
        "annex4" => rules.Annex4For(mdc),
        "annex3_exception" => rules.Annex3Exceptions.Select(e => e.Codes).FirstOrDefault(l => l.Contains(code)),
        _ => null,
    };

    private static string ListTitle(CodeList list) => list.Title.Length > 0 ? list.Title : list.Name;

    /// <summary>The sheet as a PDF (PDFsharp, decision 0064), for the file of a contested verdict.</summary>
    public void WritePdf(Stream stream)
    {
        using var pdf = PdfPageWriter.Create(Title);
        pdf.Title(Title);
        var run = View.Run;
        pdf.Paragraph($"Esecuzione {run.Id}: file {run.FileName}, caricato il {ItalianFormat.DateTime(run.UploadedAtUtc)} da {run.UploadedBy} ({AtsLabel}). Regole {run.RuleSetId} v{run.RuleSetVersion}{(run.RuleSetProvisional ? " PROVVISORIE: allegati e soglie non ufficiali, nessun valore amministrativo" : "")}."
            + (run.MdcTable.Length > 0 ? $" Tabella diagnosi → MDC: {run.MdcTable}." : ""));
        Facts(pdf, "Esito", Outcome);
        Facts(pdf, "Ricovero di riabilitazione", Admission);
        Facts(pdf, "Ricovero per acuti collegato (art.2 c.2)", Acute ?? [new("", "nessun ricovero per acuti nel periodo di ricerca: si applica l'art.4")]);
        pdf.Heading("Controlli");
        int n = 0;
        foreach (var c in Checks)
        {
            n++;
            pdf.Paragraph($"{n}. {c.Check.Article} · {RehabLabels.Outcome(c.Check.Outcome)}: {c.Check.Detail}");
            var inputs = RehabLabels.Inputs(c.Check.Inputs, Disciplines).ToList();
            if (inputs.Count > 0)
            {
                pdf.Paragraph("    Dati: " + string.Join("; ", inputs));
            }

            foreach (var m in c.Matches)
            {
                pdf.Paragraph($"    {m.Code}: {m.List}{(m.Entry is null ? "" : $", voce {m.Entry}")}");
            }
        }

        if (!AnnexEntriesShown)
        {
            pdf.Paragraph("Le voci degli allegati non sono riportate: l'esecuzione ha usato regole diverse da quelle in uso oggi.");
        }

        pdf.Save(stream);
    }

    private static void Facts(PdfPageWriter pdf, string heading, IEnumerable<SheetFact> facts)
    {
        pdf.Heading(heading);
        foreach (var f in facts)
        {
            pdf.Paragraph(f.Label.Length > 0 ? $"{f.Label}: {f.Value}" : f.Value);
        }
    }
}
