using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Kernel.Population;

namespace Territorio.CareManagement.Application.Documents;

/// <summary>The printable documents of enrolment, in Italian: the ATS's letter and the Patto di Cura.</summary>
public static class CareDocuments
{
    // DGR X/6164/2017 allegato 1: the ATS informs each eligible patient of the chance to choose a Gestore.
    public static void WriteLetter(LetterContent content, string atsName, Stream output)
    {
        var letter = content.Letter;
        var patient = content.Patient;
        using var pdf = PdfPageWriter.Create($"Lettera di invito alla presa in carico — {patient?.DisplayName ?? letter.PatientId}");
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
            .Heading($"Gestori idonei per la Sua ATS ({letter.Ats}) al livello {letter.Level}");
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
        pdf.Save(output);
    }

    public static void WritePact(PattoDiCura pact, Gestore gestore, PaiVersion? activePai, Stream output, Resident? patient = null, GeneralPractitioner? doctor = null)
    {
        string who = patient?.Surname is null ? pact.PatientId : $"{patient.DisplayName}, codice fiscale {patient.FiscalCode}";
        using var pdf = PdfPageWriter.Create($"Patto di Cura n.{pact.Id} — {patient?.DisplayName ?? pact.PatientId}");
        pdf.Title($"Patto di Cura n.{pact.Id}")
            .Paragraph($"Paziente: {who}" + (patient?.Address is { } address ? $", residente in {address}" : ""))
            .Paragraph($"ATS: {pact.Ats}    Livello: {pact.Level}    Patologia principale: {pact.MainPathology ?? "-"}")
            .Paragraph($"Gestore: {gestore.Name} ({gestore.Id}), {GestoreKinds.Italian(gestore.Kind)}")
            .Paragraph($"Medico di medicina generale: {(doctor is null ? pact.MmgId ?? "non indicato" : $"{doctor.DisplayName} ({doctor.Id})")}")
            .Paragraph($"Validità: dal {pact.StartDate:dd/MM/yyyy} al {pact.EndDate:dd/MM/yyyy} (rinnovi: {pact.Renewals}); stato: {PactStatuses.Italian(pact.Status)}")
            .Heading("Impegni")
            .Paragraph("Il Gestore si impegna a redigere il Piano di Assistenza Individuale, a prenotare le prestazioni previste, a ricordarle al paziente, " +
                "a coordinare gli erogatori della propria rete e a monitorare l'aderenza al piano, informando il medico di medicina generale.")
            .Paragraph("Il paziente si impegna a seguire il Piano di Assistenza Individuale e a comunicare al Gestore ogni impedimento. " +
                "Il Patto dura un anno ed è confermato o revocato ogni anno (DGR X/6164/2017).");
        if (activePai is not null)
        {
            pdf.Heading($"Piano di Assistenza Individuale (versione {activePai.Number})");
            foreach (var item in activePai.Items)
            {
                pdf.Paragraph($"• {item}");
            }
        }

        pdf.Heading("Firme")
            .Paragraph($"Firmato il {pact.SignedOn:dd/MM/yyyy}")
            .Paragraph($"Per il paziente: {pact.PatientSignatory}")
            .Paragraph($"Per il Gestore: {pact.GestoreSignatory}");
        pdf.Save(output);
    }
}
