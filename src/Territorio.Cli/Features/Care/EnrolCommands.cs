using System.CommandLine;
using Territorio.CareManagement.Application.Documents;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.Kernel.Errors;
using static Territorio.Cli.Features.Care.CareCli;

namespace Territorio.Cli.Features.Care;

/// <summary><c>territorio enrol …</c>: stratification levels, eligibility, letters, Patto di Cura, Commission requests.</summary>
public static class EnrolCommands
{
    public static Command Build(CliEnvironment env)
    {
        var levels = CommandExtensions.ExistingFile("--levels", "File levels.csv del motore di stratificazione (person_id, level, main_pathology, pathologies, evidence).");
        var asOf = Optional("--as-of", "Data della stratificazione (AAAA-MM-GG; oggi se assente).");
        var ats = Required("--ats", "Codice dell'ATS.");
        var import = Command(env, "import-levels", "Importa i livelli della stratificazione; le righe errate sono elencate e scartate.", [levels, asOf], async (p, by, s, ct) =>
        {
            var file = p.GetValue(levels)!;
            using var reader = Territorio.Flows.Files.CheckedTextStream.OpenText(file.FullName);
            var result = await ProgressDisplay.RunAsync(env, "Livelli", report =>
                s.Levels.ImportAsync(reader, file.FullName, Date(p.GetValue(asOf), "--as-of") ?? CareCli.Today, by.Ats("regione"), report, ct));
            env.Output.WriteLine($"stratificazione n.{result.RunId}: {Italian.Number(result.Imported)} persone importate; per livello: " +
                string.Join(", ", result.PerLevel.OrderBy(l => l.Key).Select(l => $"{l.Key}={Italian.Number(l.Value)}")));
            return Rejected(env, result.Rejected);
        });

        var max = new Option<int>("--max") { Description = "Numero massimo di pazienti.", DefaultValueFactory = _ => 100 };
        var eligible = Query(env, "eligible", "Pazienti candidabili (livelli 1–3 dell'ultima stratificazione, senza patto attivo).", [ats, max], async (p, _, s, ct) =>
        {
            env.Output.WriteLine("paziente\tlivello\tpatologia_principale\tmmg\tinvitato");
            foreach (var e in await s.Enrolment.EligibleAsync(p.GetValue(ats)!, p.GetValue(max), ct))
            {
                env.Output.WriteLine($"{e.PatientId}\t{e.Level}\t{e.MainPathology}\t{e.MmgId}\t{(e.Invited ? "sì" : "no")}");
            }

            return ExitCodes.Ok;
        });

        var outDir = new Option<DirectoryInfo>("--out") { Description = "Cartella dove scrivere una lettera PDF per paziente.", Required = true };
        var atsName = Optional("--nome-ats", "Intestazione della lettera (nome dell'ATS).");
        var letters = Command(env, "letters", "L'ATS emette le lettere di invito (PDF) ai pazienti candidabili non ancora invitati.", [ats, outDir, max, atsName], async (p, by, s, ct) =>
        {
            env.RequirePdfLicense();
            var dir = p.GetValue(outDir)!;
            dir.Create();
            var issued = await s.Enrolment.IssueLettersAsync(p.GetValue(ats)!, p.GetValue(max), by.Ats(p.GetValue(ats)!), ct);
            foreach (var letter in issued)
            {
                await using var file = File.Create(Path.Combine(dir.FullName, $"lettera-{letter.Letter.PatientId}.pdf"));
                // The letter names the person; its file keeps the id, which never changes.
                CareDocuments.WriteLetter(letter, p.GetValue(atsName) ?? s.Catalogues.AtsLabel(p.GetValue(ats)!), file);
            }

            env.Output.WriteLine($"{Italian.Number(issued.Count)} lettere emesse in {dir.FullName}");
            return ExitCodes.Ok;
        });

        var patient = Required("--paziente", "Identificativo del paziente.");
        var gestore = Required("--gestore", "Codice del Gestore.");
        var start = Optional("--dal", "Inizio del patto (AAAA-MM-GG; oggi se assente).");
        var method = Required("--firma", $"Come ha firmato il paziente: \"{GroundNames.PaperCode}\" (con --scansione) o \"{GroundNames.PatientPageCode}\" (ha confermato dalla sua pagina).");
        var scan = CommandExtensions.ExistingFile("--scansione", "Scansione del patto firmato su carta (PDF, PNG o JPEG, al massimo 8 MB).", required: false);
        var witness = Optional("--testimone", "Account dell'operatore del Gestore (case manager o responsabile clinico) che ha raccolto la firma (se assente: l'account di --operatore).");
        // The former free-text signatory is refused by name: a name typed by the Gestore is no consent (DGR X/6164/2017).
        var patientSigner = new Option<string>("--firma-paziente") { Description = "Non più accettata: usare --firma e --scansione.", Hidden = true };
        var sign = Command(env, "sign", "Firma il Patto di Cura tra paziente e Gestore scelto (un anno), su invito dell'ATS o richiesta del paziente.", [patient, gestore, start, method, scan, witness, patientSigner], async (p, by, s, ct) =>
        {
            if (p.GetValue(patientSigner) is not null)
            {
                throw new CareRuleException("--firma-paziente: la firma come testo libero non è più accettata; indicare --firma carta con --scansione, o --firma pagina-paziente");
            }

            var actor = by.CaseManager(p.GetValue(gestore)!);
            var signed = await WithSignatureAsync(env, p, s, actor, method, scan, witness, signature =>
                s.Enrolment.SignPactAsync(p.GetValue(patient)!, p.GetValue(gestore)!, Date(p.GetValue(start), "--dal"), signature, actor.Id, actor, ct), ct);
            env.Output.WriteLine($"patto n.{signed.Pact.Id} firmato: {signed.Pact.PatientId} con {signed.Pact.GestoreId}, livello {signed.Pact.Level}, dal {Italian.Date(signed.Pact.StartDate)} al {Italian.Date(signed.Pact.EndDate)}, alla presenza di {signed.Pact.Witness}");
            foreach (var note in signed.Notes)
            {
                env.Output.WriteLine($"nota: {note}");
            }

            return ExitCodes.Ok;
        });

        var pact = Id("--patto", "Numero del patto di cura.");
        var reason = Optional("--motivo", "Motivazione (registrata nello storico).");
        var requiredReason = RequiredReason();
        var renewMethod = Required("--firma", $"Come ha confermato il rinnovo il paziente: \"{GroundNames.PaperCode}\" (con --scansione del rinnovo firmato) o \"{GroundNames.PatientPageCode}\" (ha confermato dalla sua pagina).");
        var renew = Command(env, "renew", "Rinnova il patto per un altro anno (negli ultimi 60 giorni), con la firma del paziente.", [pact, gestore, renewMethod, scan, witness], async (p, by, s, ct) =>
        {
            var actor = by.CaseManager(p.GetValue(gestore)!);
            var renewed = await WithSignatureAsync(env, p, s, actor, renewMethod, scan, witness, signature => s.Enrolment.RenewAsync(p.GetValue(pact), signature, actor, ct), ct);
            env.Output.WriteLine($"patto n.{renewed.Id} rinnovato fino al {Italian.Date(renewed.EndDate)}: {PactSignatures.Describe(renewed.RenewalHistory[^1])}");
            return ExitCodes.Ok;
        });
        var cancel = Command(env, "cancel", "Annulla il patto (con --motivo).", [pact, gestore, requiredReason], async (p, by, s, ct) =>
        {
            var cancelled = await s.Enrolment.CancelAsync(p.GetValue(pact), by.CaseManager(p.GetValue(gestore)!), p.GetValue(requiredReason), ct);
            env.Output.WriteLine($"patto n.{cancelled.Id} annullato dal {Italian.Date(cancelled.EndDate)}");
            return ExitCodes.Ok;
        });

        var outFile = new Option<FileInfo>("--out") { Description = "File PDF da scrivere.", Required = true };
        var pactPdf = Command(env, "pact-pdf", "Stampa il Patto di Cura (PDF).", [pact, outFile], async (p, _, s, ct) =>
        {
            var (found, owner, plan) = await s.Enrolment.PactDocumentAsync(p.GetValue(pact), ct);
            env.RequirePdfLicense();
            await using (var file = p.GetValue(outFile)!.Create())
            {
                await s.WritePactAsync(found, owner, plan, file, ct);
            }

            env.Output.WriteLine($"patto n.{found.Id} scritto in {p.GetValue(outFile)!.FullName}");
            return ExitCodes.Ok;
        });

        var effective = Required("--dal", "Decorrenza del nuovo Gestore (AAAA-MM-GG).");
        var changeRequest = Command(env, "change-request", "Chiede alla Commissione ATS il cambio di Gestore (con --motivo).", [patient, gestore, effective, requiredReason], async (p, by, s, ct) =>
        {
            var request = await s.Enrolment.RequestChangeAsync(p.GetValue(patient)!, p.GetValue(gestore)!, Date(p.GetValue(effective), "--dal")!.Value,
                new CareManagement.Common.Actor(CareManagement.Common.ActorRole.Patient, p.GetValue(patient)!), p.GetValue(requiredReason), ct);
            env.Output.WriteLine($"richiesta n.{request.Id} di cambio Gestore ({request.FromGestoreId} → {request.ToGestoreId}) inviata alla Commissione");
            return ExitCodes.Ok;
        });

        var requestId = Id("--richiesta", "Numero della richiesta.");
        var outcome = Required("--esito", "approva o respingi.");
        var changeDecide = Command(env, "change-decide", "La Commissione ATS decide un cambio di Gestore.", [requestId, outcome, ats, reason], async (p, by, s, ct) =>
        {
            var decided = await s.Enrolment.DecideChangeAsync(p.GetValue(requestId), Approves(p.GetValue(outcome)!), by.Commission(p.GetValue(ats)!), p.GetValue(reason), ct);
            env.Output.WriteLine(decided.Status == RequestStatus.Approved
                ? $"cambio approvato: decorre dal {Italian.Date(decided.EffectiveDate)}, quando il paziente firma il nuovo patto con {decided.ToGestoreId} (enrol sign); fino ad allora resta attivo il patto n.{decided.PactId}"
                : $"cambio respinto: {decided.DecisionReason}");
            return ExitCodes.Ok;
        });

        var toLevel = new Option<int>("--livello") { Description = "Livello proposto (1–5).", Required = true };
        var mainPathology = Required("--patologia", "Patologia principale proposta (codice del catalogo regionale).");
        var pathologies = Optional("--patologie", "Patologie da aggiungere, separate da | (le altre restano).");
        var removed = Optional("--togli", "Patologie da togliere, separate da |.");
        var reclassify = Command(env, "reclassify", "Il Gestore propone una riclassificazione (con --motivo): cambia solo le patologie indicate.", [patient, gestore, toLevel, mainPathology, pathologies, removed, requiredReason], async (p, by, s, ct) =>
        {
            var others = (p.GetValue(pathologies) ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var remove = (p.GetValue(removed) ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var request = await s.Reclassification.ProposeAsync(p.GetValue(patient)!, p.GetValue(toLevel), p.GetValue(mainPathology)!, others, by.ClinicalManager(p.GetValue(gestore)!), p.GetValue(requiredReason), ct, remove);
            env.Output.WriteLine($"riclassificazione n.{request.Id} proposta: livello {request.FromLevel} → {request.ToLevel}");
            return ExitCodes.Ok;
        });
        var reclassifyDecide = Command(env, "reclassify-decide", "La Commissione ATS decide una riclassificazione.", [requestId, outcome, ats, reason], async (p, by, s, ct) =>
        {
            var decided = await s.Reclassification.DecideAsync(p.GetValue(requestId), Approves(p.GetValue(outcome)!), by.Commission(p.GetValue(ats)!), p.GetValue(reason), ct);
            env.Output.WriteLine($"riclassificazione n.{decided.Id}: {(decided.Status == RequestStatus.Approved ? "approvata" : "respinta")}" + (decided.DecisionNote is { } note ? $" — {note}" : ""));
            return ExitCodes.Ok;
        });

        var history = Query(env, "history", "Storico del percorso del paziente: ogni cambiamento con chi, quando e perché.", [patient], async (p, _, s, ct) =>
        {
            foreach (var entry in await s.Cases.HistoryAsync(p.GetValue(patient)!, ct))
            {
                env.Output.WriteLine($"{entry.AtUtc:yyyy-MM-dd HH:mm}Z\t{entry.Action}\t{entry.Actor}\t{entry.Reason}\t{entry.Details}");
            }

            return ExitCodes.Ok;
        });

        return new Command("enrol", "Arruolamento: livelli della stratificazione, lettere di invito, Patto di Cura, richieste alla Commissione ATS.")
        {
            import, eligible, letters, sign, renew, cancel, pactPdf, changeRequest, changeDecide, reclassify, reclassifyDecide, history,
        };
    }

    /// <summary>
    /// The patient's signature from --firma, --scansione and --testimone (an account of the Gestore,
    /// else --operatore's), given to <paramref name="operation"/>; a scan is stored first and removed
    /// again if the operation is refused (nothing half-written).
    /// </summary>
    private static async Task<T> WithSignatureAsync<T>(CliEnvironment env, ParseResult p, CareManagement.Application.CareServices s, Actor actor,
        Option<string> method, Option<FileInfo> scan, Option<string?> witness, Func<PatientSignature, Task<T>> operation, CancellationToken ct)
    {
        var signatureMethod = GroundNames.OperatorMethod(p.GetValue(method))
            ?? throw new CareRuleException($"--firma: \"{p.GetValue(method)}\" non previsto (\"{GroundNames.PaperCode}\" o \"{GroundNames.PatientPageCode}\")");
        bool named = p.GetValue(witness) is not null;
        var signature = await GestoreOperators.WitnessedByAsync(s.Db, named ? p.GetValue(witness) : actor.Id, actor.Organisation!, named ? "--testimone" : "--operatore",
            signatureMethod, null, DateTimeOffset.UtcNow, ct);
        var scans = new SignedPactScans(env.Database.DataDirectory);
        string? stored = null;
        if (p.GetValue(scan) is { } scanFile)
        {
            await using var content = scanFile.OpenRead();
            stored = await scans.StoreAsync(content, ct);
        }

        try
        {
            return await operation(signature with { Scan = stored });
        }
        catch when (stored is not null)
        {
            scans.Delete(stored);
            throw;
        }
    }

    internal static int Rejected(CliEnvironment env, IReadOnlyList<InputError> rejected)
    {
        foreach (var error in rejected)
        {
            env.Error.WriteLine($"riga scartata: {error}");
        }

        if (rejected.Count > 0)
        {
            env.Error.WriteLine($"{Italian.Number(rejected.Count)} righe scartate");
            return ExitCodes.BadData;
        }

        return ExitCodes.Ok;
    }
}
