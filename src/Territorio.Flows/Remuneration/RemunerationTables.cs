using System.Globalization;
using Territorio.Remuneration.WhatIf;
using Territorio.Remuneration.Yearly;

namespace Territorio.Flows.Remuneration;

/// <summary>A table of an export: one CSV file, one XLSX sheet.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IEnumerable<object?[]> Rows);

/// <summary>
/// The yearly remuneration as tables (lines, statements, totals, issues, what-if), the same for
/// CSV and XLSX. Every table names the catalogue, marked PROVVISORIO when it is.
/// </summary>
public static class RemunerationTables
{
    public static IEnumerable<ExportTable> Of(RemunerationResult result, CatalogueComparison? comparison = null, PartyNames? names = null)
    {
        string catalogue = result.Catalogue.Label;
        var n = names ?? PartyNames.None;
        yield return new ExportTable("righe",
            ["catalogo", "anno", "ats", "gestore", "gestore_nome", "assistito", "assistito_nome", "codice_fiscale", "patto", "mmg", "mmg_nome", "ruolo_mmg", "patologia", "livello", "dal", "al", "giorni", "giorni_anno", "tariffa", "importo", "quota_mmg", "tariffa_provvisoria", "motivazione", "ats_nome", "patologia_nome"],
            result.Lines.Select(l => new object?[]
            {
                catalogue, result.Year, l.Period.AtsId, l.Period.GestoreId, n.Gestore(l.Period.GestoreId), l.Period.PatientId, n.Patient(l.Period.PatientId), n.FiscalCode(l.Period.PatientId),
                l.Period.PactId, l.Period.MmgId, n.Doctor(l.Period.MmgId), RoleCode(l.Period.MmgRole),
                l.Tariff.Pathology, l.Tariff.Level, Day(l.From), Day(l.To), l.Days, l.DaysInYear, l.Tariff.Total, l.Amount, l.MmgShareAmount,
                l.Tariff.Provisional ? "si" : "no", l.Reasons, n.Ats(l.Period.AtsId), n.Pathology(l.Tariff.Pathology.ToString(CultureInfo.InvariantCulture)),
            }));
        yield return new ExportTable("gestori",
            ["catalogo", "anno", "gestore", "gestore_nome", "ats", "assistiti", "righe", "totale", "di_cui_quote_mmg", "compensi_pai_mmg", "tariffe_provvisorie", "ats_nome"],
            result.Gestori.Select(g => new object?[]
            {
                catalogue, result.Year, g.GestoreId, n.Gestore(g.GestoreId), string.Join(' ', g.AtsIds), g.Patients, g.Lines.Count, g.Total, g.MmgShares, g.PaiFees, g.UsesProvisionalTariffs ? "si" : "no",
                string.Join("; ", g.AtsIds.Select(n.Ats)),
            }));
        yield return new ExportTable("mmg",
            ["catalogo", "anno", "mmg", "mmg_nome", "gestore", "gestore_nome", "assistito", "assistito_nome", "codice_fiscale", "patto", "voce", "importo", "motivazione"],
            result.MmgLines.OrderBy(l => l.MmgId, StringComparer.Ordinal).Select(l => new object?[]
            {
                catalogue, result.Year, l.MmgId, n.Doctor(l.MmgId), l.Period.GestoreId, n.Gestore(l.Period.GestoreId), l.Period.PatientId, n.Patient(l.Period.PatientId), n.FiscalCode(l.Period.PatientId),
                l.Period.PactId, l.Kind == MmgPayKind.GpShare ? "quota_8%" : "compenso_pai", l.Amount, l.Reasons,
            }));
        yield return Totals("ats", "ats", result.ByAts, catalogue, result.Year, n.Ats);
        yield return Totals("patologie", "patologia", result.ByPathology, catalogue, result.Year, n.Pathology);
        yield return new ExportTable("anomalie",
            ["catalogo", "anno", "ats", "gestore", "gestore_nome", "assistito", "assistito_nome", "codice_fiscale", "patto", "patologia", "livello", "tipo", "motivo", "ats_nome", "patologia_nome"],
            result.Issues.Select(i => new object?[]
            {
                catalogue, result.Year, i.Period.AtsId, i.Period.GestoreId, n.Gestore(i.Period.GestoreId), i.Period.PatientId, n.Patient(i.Period.PatientId), n.FiscalCode(i.Period.PatientId),
                i.Period.PactId, i.Period.Pathology, i.Period.Level, IssueCode(i.Kind), i.Message, n.Ats(i.Period.AtsId), n.Pathology(i.Period.Pathology.ToString(CultureInfo.InvariantCulture)),
            }));
        if (comparison is not null)
        {
            yield return Compared("confronto_ats", "ats", comparison.ByAts.Append(comparison.Overall), comparison, n.Ats);
            yield return Compared("confronto_patologie", "patologia", comparison.ByPathology, comparison, n.Pathology);
        }
    }

    public static string RoleCode(MmgRole role) => PactPeriodCsv.Roles.First(r => r.Value == role).Key;

    public static string IssueCode(IssueKind kind) => kind switch
    {
        IssueKind.MissingTariff => "tariffa_mancante",
        IssueKind.OverlappingPeriods => "patti_sovrapposti",
        IssueKind.InvalidPeriod => "periodo_non_valido",
        IssueKind.PaiFeeNotConfigured => "compenso_pai_non_configurato",
        _ => kind.ToString(),
    };

    // Name columns come last: columns are only ever added at the end, so readers of older files keep working.
    private static ExportTable Totals(string name, string key, IReadOnlyList<PaymentTotal> totals, string catalogue, int year, Func<string, string> nameOf) =>
        new(name, ["catalogo", "anno", key, "assistiti", "righe", "totale", "di_cui_quote_mmg", "assistiti_con_anomalie", key + "_nome"],
            totals.Select(t => new object?[] { catalogue, year, t.Key, t.Patients, t.Lines, t.Amount, t.MmgShares, t.PatientsWithIssues, nameOf(t.Key) }));

    private static ExportTable Compared(string name, string key, IEnumerable<ComparisonRow> rows, CatalogueComparison comparison, Func<string, string> nameOf) =>
        new(name, ["anno", key, "catalogo_attuale", "importo_attuale", "catalogo_alternativo", "importo_alternativo", "differenza", "differenza_pct", "non_pagati_attuale", "non_pagati_alternativo", key + "_nome"],
            rows.Select(r => new object?[]
            {
                comparison.Current.Year, r.Key, comparison.Current.Catalogue.Label, r.Current, comparison.Alternative.Catalogue.Label, r.Alternative, r.Difference, r.DifferencePercent,
                r.PatientsUnpaidCurrent, r.PatientsUnpaidAlternative, nameOf(r.Key),
            }));

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
