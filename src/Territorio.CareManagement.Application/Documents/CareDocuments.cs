using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Flows.Printing;
using Territorio.Kernel.Organisations;
using Territorio.Kernel.Population;

namespace Territorio.CareManagement.Application.Documents;

/// <summary>The printable documents of enrolment, in Italian: the ATS's letter and the Patto di Cura.</summary>
public static class CareDocuments
{
    // DGR X/6164/2017 allegato 1: the ATS informs each eligible patient of the chance to choose a Gestore.
    public static void WriteLetter(LetterContent content, string atsName, Stream output) => WriteLetters([content], atsName, output);

    /// <summary>Letters one after the other, each from a new page: the campaign's document to print.</summary>
    public static void WriteLetters(IReadOnlyList<LetterContent> contents, string atsName, Stream output)
    {
        using var pdf = PdfPageWriter.Create(contents.Count == 1
            ? $"Lettera di invito alla presa in carico — {contents[0].Patient?.DisplayName ?? contents[0].Letter.PatientId}"
            : $"Lettere di invito alla presa in carico — {contents.Count} assistiti");
        for (int i = 0; i < contents.Count; i++)
        {
            if (i > 0)
            {
                pdf.PageBreak();
            }

            Letter(pdf, contents[i], atsName);
        }

        pdf.Save(output);
    }

    private static void Letter(PdfPageWriter pdf, LetterContent content, string atsName)
    {
        var letter = content.Letter;
        var patient = content.Patient;
        pdf.Title($"{atsName}")
            .Paragraph($"Data: {letter.IssuedOn:dd/MM/yyyy}");
        if (patient?.Surname is not null)
        {
            // The addressee block of a letter to be posted: name, address, codice fiscale.
            string courtesy = PersonNames.Courtesy(patient.Sex);
            pdf.Space(8).Paragraph($"{courtesy} {patient.DisplayName}");
            if (patient.Street is not null)
            {
                pdf.Paragraph(patient.Street).Paragraph($"{patient.Cap} {patient.Municipality}");
            }

            pdf.Paragraph($"Codice fiscale: {patient.FiscalCode}").Space(8)
                .Paragraph($"Gentile {courtesy} {patient.DisplayName},");
        }
        else
        {
            pdf.Paragraph($"Gentile assistito/a (codice {letter.PatientId}),");
        }

        pdf
            .Paragraph("Regione Lombardia ha avviato il nuovo modello di presa in carico dei pazienti cronici e fragili (DGR X/6164 del 30 gennaio 2017). " +
                $"Dai dati sanitari risulta che Lei rientra nel livello {letter.Level}" +
                (content.MainPathologyName is { } p ? $", con patologia principale {p.ToLowerInvariant()}." : ".") +
                " Può scegliere un Gestore che La accompagni nel percorso di cura: con il Gestore firmerà un Patto di Cura valido un anno, e il Gestore " +
                "predisporrà il Suo Piano di Assistenza Individuale (PAI), prenoterà le prestazioni e La seguirà nel tempo. Il Suo medico di medicina generale " +
                $"({content.Doctor?.DisplayName ?? content.MmgId ?? "non indicato"}) resta il Suo riferimento.")
            .Heading($"Gestori idonei al livello {letter.Level} nel territorio della {atsName}");
        foreach (var gestore in content.Gestori)
        {
            pdf.Paragraph($"• {gestore.Name} ({gestore.Id}) — {GestoreKinds.Italian(gestore.Kind)}");
        }

        if (letter.Level == 3)
        {
            pdf.Paragraph("Per il livello 3 la delibera indica preferibilmente come Gestore una cooperativa di medici di medicina generale.");
        }

        pdf.Space(8).Paragraph("La scelta è libera e gratuita. Per scegliere si rivolga al Gestore preferito o al Suo medico di medicina generale.")
            .Paragraph("Cordiali saluti.");
    }

    /// <summary>Said wherever items from templates the region has not published are shown.</summary>
    public const string ProvisionalNote = "Voci dai modelli di PAI PROVVISORI di Territorio (la Regione non ha pubblicato modelli ufficiali): da rivedere dal medico.";

    /// <summary>The Patto di Cura; <paramref name="catalogues"/> names the ATS and the main pathology and tells provisional PAI items.</summary>
    public static void WritePact(PattoDiCura pact, Gestore gestore, PaiVersion? activePai, Stream output, CareCatalogues catalogues, Resident? patient = null, GeneralPractitioner? doctor = null,
        Organisation? gestoreSeat = null)
    {
        string who = patient?.Surname is null ? pact.PatientId : $"{patient.DisplayName}, codice fiscale {patient.FiscalCode}";
        using var pdf = PdfPageWriter.Create($"Patto di Cura n.{pact.Id} — {patient?.DisplayName ?? pact.PatientId}");
        pdf.Title($"Patto di Cura n.{pact.Id}")
            .Paragraph($"Paziente: {who}" + (patient?.Address is { } address ? $", residente in {address}" : ""))
            .Paragraph($"{catalogues.AtsLabel(pact.Ats)}    Livello: {pact.Level}    Patologia principale: {(pact.MainPathology is { } main ? catalogues.PathologyName(main) : "-")}")
            .Paragraph($"Gestore: {gestore.Name} ({gestore.Id}), {GestoreKinds.Italian(gestore.Kind)}" + (gestoreSeat is null ? "" : $"; sede: {gestoreSeat.Letterhead}"))
            .Paragraph($"Medico di medicina generale: {(doctor is null ? pact.MmgId ?? "non indicato" : $"{doctor.DisplayName} ({doctor.Id})")}")
            .Paragraph($"Validità: dal {pact.StartDate:dd/MM/yyyy} al {pact.EndDate:dd/MM/yyyy} (rinnovi: {pact.Renewals}); stato: {PactStatuses.Italian(pact.Status)}")
            .Heading("Firma del paziente e rinnovi")
            .Paragraph($"Firmato il {pact.SignedOn:dd/MM/yyyy}: {PactSignatures.Describe(pact)}");
        foreach (var renewal in pact.RenewalHistory)
        {
            pdf.Paragraph($"Rinnovo n.{renewal.Number} registrato il {renewal.RenewedOn:dd/MM/yyyy}, dal {renewal.From:dd/MM/yyyy} al {renewal.To:dd/MM/yyyy}: {PactSignatures.HowSigned(renewal)}");
        }

        pdf.Heading("Impegni")
            .Paragraph("Il Gestore si impegna a redigere il Piano di Assistenza Individuale, a prenotare le prestazioni previste, a ricordarle al paziente, " +
                "a coordinare gli erogatori della propria rete e a monitorare l'aderenza al piano, informando il medico di medicina generale.")
            .Paragraph("Il paziente si impegna a seguire il Piano di Assistenza Individuale e a comunicare al Gestore ogni impedimento. " +
                "Il Patto dura un anno ed è confermato o revocato ogni anno (DGR X/6164/2017).");
        if (activePai is not null)
        {
            pdf.Heading($"Piano di Assistenza Individuale (versione {activePai.Number})");
            if (catalogues.HasProvisionalItems(activePai))
            {
                pdf.Paragraph(ProvisionalNote);
            }

            foreach (var item in activePai.Items)
            {
                pdf.Paragraph($"• {item}");
            }
        }

        pdf.Heading("Firme")
            .Paragraph($"Firmato il {pact.SignedOn:dd/MM/yyyy}")
            .Paragraph($"Per il paziente: {PactSignatures.Describe(pact)}")
            .Paragraph($"Per il Gestore: {pact.GestoreSignatory}");
        pdf.Save(output);
    }

    /// <summary>
    /// The PAI version on its own: items by kind, with frequency, months, dose and the pathologies
    /// each serves; provisional template items are marked as such.
    /// </summary>
    public static void WritePai(PaiDocument document, Stream output)
    {
        var (pact, gestore, version) = (document.Pact, document.Gestore, document.Version);
        using var pdf = PdfPageWriter.Create($"PAI versione {version.Number} — {pact.PatientId}");
        pdf.Title("Piano di Assistenza Individuale")
            .Paragraph($"Paziente: {document.PatientName}    Livello: {pact.Level}    Patto di Cura n.{pact.Id} (dal {pact.StartDate:dd/MM/yyyy} al {pact.EndDate:dd/MM/yyyy})")
            .Paragraph($"Gestore: {gestore.Name} ({gestore.Id})" + (document.GestoreSeat is { } seat ? $"; sede: {seat.Letterhead}" : ""))
            .Paragraph($"Medico di medicina generale: {document.DoctorName ?? pact.MmgId ?? "non indicato"}")
            .Paragraph($"Versione {version.Number} ({PaiStatuses.Italian(version.Status)}), di {version.Author} il {version.CreatedAtUtc:dd/MM/yyyy}: {version.Reason}");
        if (document.ProvisionalItems)
        {
            pdf.Paragraph(ProvisionalNote);
        }

        foreach (var group in version.Items.GroupBy(i => i.Kind).OrderBy(g => g.Key))
        {
            pdf.Heading(PaiStatuses.Plural(group.Key));
            foreach (var item in group)
            {
                string serves = item.PathologyCodes.Count == 0 ? "" : " — per " + string.Join(", ", item.PathologyCodes.Select(document.PathologyName));
                pdf.Paragraph($"• {item}{serves}");
            }
        }

        pdf.Save(output);
    }
}

/// <summary>What the PAI's PDF prints: the version, its pact and Gestore, and how to name the pathologies.</summary>
public sealed record PaiDocument(PaiVersion Version, PattoDiCura Pact, Gestore Gestore, string PatientName, bool ProvisionalItems, Func<string, string> PathologyName)
{
    /// <summary>The Gestore's seat and contacts from the registry, when it has them.</summary>
    public Organisation? GestoreSeat { get; init; }

    /// <summary>"Dott.ssa Anna Bianchi (MMG00001)" when the GP registry names the GP.</summary>
    public string? DoctorName { get; init; }
}

/// <summary>Italian names of PAI version states and item kinds, for documents and the command line.</summary>
public static class PaiStatuses
{
    public static string Italian(PaiVersionStatus status) => status switch
    {
        PaiVersionStatus.Proposed => "proposta dal MMG",
        PaiVersionStatus.Active => "attiva",
        PaiVersionStatus.Superseded => "sostituita",
        _ => "respinta",
    };

    public static string Plural(PaiItemKind kind) => kind switch
    {
        PaiItemKind.Service => "Prestazioni (visite, esami, monitoraggio)",
        PaiItemKind.Drug => "Terapia farmacologica",
        PaiItemKind.Goal => "Obiettivi di salute",
        PaiItemKind.Lifestyle => "Stili di vita",
        _ => "Interventi educazionali",
    };
}
