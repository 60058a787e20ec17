using Territorio.Flows.Remuneration;

namespace Territorio.Web.Remuneration;

/// <summary>The what-if as one CSV table: persons per level, then money per pathology, level, Gestore and GP, today and simulated.</summary>
public static class TariffWhatIfExport
{
    /// <param name="atsName">The ATS by name, in the last column ("ATS di Bergamo").</param>
    public static ExportTable Table(TariffWhatIf whatIf, string atsName)
    {
        var money = whatIf.Money;
        var levels = whatIf.Levels;
        object?[] Context() =>
        [
            whatIf.Year, whatIf.Ats, money.Current.Catalogue.Label, money.Simulated.Catalogue.Label,
            levels.Candidate.PathologiesForLevel1, levels.Candidate.PathologiesForLevel2,
        ];

        var persons = Enumerable.Range(1, 5).Select(level => Context().Concat(new object?[]
        {
            "assistiti_per_livello", level, $"livello {level}", "assistiti", levels.CurrentCount(level), levels.SimulatedCount(level),
            levels.SimulatedCount(level) - levels.CurrentCount(level), null, null, null,
        }).ToArray());
        var amounts = new[]
            {
                ("patologia", whatIf.ByPathology), ("livello", whatIf.ByLevel), ("gestore", whatIf.ByGestore), ("mmg", whatIf.ByMmg),
            }
            .SelectMany(d => d.Item2.Select(r => Context().Concat(new object?[]
            {
                "importi_per_" + d.Item1, r.Key, r.Name, "euro", r.Money.Current, r.Money.Alternative, r.Money.Difference, r.Money.DifferencePercent,
                r.Money.PatientsUnpaidCurrent, r.Money.PatientsUnpaidAlternative,
            }).ToArray()));
        return new ExportTable(
            "simulazione",
            ["anno", "ats", "catalogo_oggi", "catalogo_simulazione", "soglia_livello_1", "soglia_livello_2", "tabella", "codice", "nome", "misura", "oggi", "simulazione", "differenza", "differenza_percento", "assistiti_non_pagati_oggi", "assistiti_non_pagati_simulazione", "ats_nome"],
            persons.Concat(amounts).Select(row => row.Append(atsName).ToArray()));
    }
}
