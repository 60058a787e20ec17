using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Common;
using Territorio.Data;
using Territorio.Flows.Stratification;
using Territorio.Kernel.Errors;
using Territorio.Kernel.Population;

namespace Territorio.CareManagement.Application.Registry;

public sealed record ResidentImportResult(int Added, int Updated, IReadOnlyList<InputError> Rejected);

/// <summary>
/// Loads the ATS's anagrafe (the persons CSV with its identity columns, <see cref="PersonsCsvReader"/>)
/// into the database: new residents are added, known ones get the registry's name, codice fiscale,
/// address, contacts, GP and death date. Every bad row is reported with file, line, column and
/// reason and skipped; the good rows are written in one transaction, or none.
/// </summary>
public sealed class ResidentRegistryImport(TerritorioDbContext db, TimeProvider clock) : CareService(db, clock)
{
    private const int Batch = 5_000;

    public async Task<ResidentImportResult> ImportAsync(TextReader input, string source, Action<double>? progress, CancellationToken ct)
    {
        var rejected = new List<InputError>();
        var rows = new List<(Resident Resident, long Line)>();
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        var codes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (resident, line) in PersonsCsvReader.Read(input, source, rejected.Add))
        {
            ct.ThrowIfCancellationRequested();
            if (!ids.TryAdd(resident.Id, line))
            {
                // Two rows for one person: which is right is not ours to guess (as FlowCsv.Duplicate).
                throw new InputDataException(new InputError(source, line, "person_id", resident.Id, $"identificativo ripetuto (già alla riga {ids[resident.Id]}): file rifiutato"));
            }

            if (resident.FiscalCode is null)
            {
                rejected.Add(new InputError(source, line, "fiscal_code", "", "codice fiscale obbligatorio: l'anagrafe carica l'identità degli assistiti (cognome, nome, codice fiscale)"));
            }
            else if (!codes.TryAdd(resident.FiscalCode, line))
            {
                rejected.Add(new InputError(source, line, "fiscal_code", resident.FiscalCode, $"codice fiscale già usato alla riga {codes[resident.FiscalCode]}"));
            }
            else
            {
                rows.Add((resident, line));
            }
        }

        int added = 0, updated = 0, done = 0;
        var accepted = new List<(Resident Resident, long Line)>(Batch);
        await using var tx = await OwnTransactionAsync(ct);
        foreach (var chunk in rows.Chunk(Batch))
        {
            var chunkIds = chunk.Select(r => r.Resident.Id).ToList();
            var chunkCodes = chunk.Select(r => r.Resident.FiscalCode!).ToList();
            var known = await Db.Residents.Where(r => chunkIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
            // A codice fiscale held by another resident in the database (unique index).
            var holders = await Db.Residents.AsNoTracking().Where(r => chunkCodes.Contains(r.FiscalCode!))
                .Select(r => new { r.Id, r.FiscalCode }).ToDictionaryAsync(r => r.FiscalCode!, r => r.Id, ct);
            foreach (var (incoming, line) in chunk)
            {
                if (holders.TryGetValue(incoming.FiscalCode!, out var holder) && holder != incoming.Id)
                {
                    rejected.Add(new InputError(source, line, "fiscal_code", incoming.FiscalCode!, $"codice fiscale già dell'assistito {holder}"));
                }
                else if (!known.TryGetValue(incoming.Id, out var resident))
                {
                    Db.Residents.Add(incoming);
                    added++;
                }
                else if (Mismatch(resident, incoming) is { } mismatch)
                {
                    rejected.Add(new InputError(source, line, mismatch.Field, mismatch.Value, mismatch.Reason));
                }
                else if (incoming.DeathDate > Today)
                {
                    rejected.Add(new InputError(source, line, "death_date", $"{incoming.DeathDate:yyyy-MM-dd}", "data di decesso nel futuro"));
                }
                else
                {
                    resident.Identify(IdentityOf(incoming));
                    resident.ChangeMmg(incoming.MmgId);
                    if (incoming.DeathDate is { } death && resident.DeathDate != death)
                    {
                        resident.RecordDeath(death);
                        // The death's consequences on the pact and the bookings, in the import's transaction.
                        await PatientDeath.ApplyAsync(Db, resident.Id, death, Now(Actor.System), ct);
                    }

                    updated++;
                }
            }

            await Db.SaveChangesAsync(ct);
            Db.ChangeTracker.Clear();
            done += chunk.Length;
            progress?.Invoke((double)done / rows.Count);
        }

        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        rejected.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new ResidentImportResult(added, updated, rejected);
    }

    // Territorio's own rule: birth date, sex and ATS are the resident's key facts for stratification
    // and pacts; a registry that disagrees is a case for the ATS's office, not a silent overwrite.
    private static (string Field, string Value, string Reason)? Mismatch(Resident known, Resident incoming) =>
        known.BirthDate != incoming.BirthDate ? ("birth_date", $"{incoming.BirthDate:yyyy-MM-dd}", $"data di nascita diversa da quella già in anagrafe ({known.BirthDate:dd/MM/yyyy})")
        : known.Sex != incoming.Sex ? ("sex", incoming.Sex == Sex.Female ? "F" : "M", "sesso diverso da quello già in anagrafe")
        : known.Ats != incoming.Ats ? ("ats", incoming.Ats, $"l'assistito è dell'ATS {known.Ats}: il trasferimento tra ATS non si fa dall'anagrafe")
        : null;

    private static ResidentIdentity IdentityOf(Resident r) => new(
        Kernel.Codes.CodiceFiscale.Parse(r.FiscalCode!),
        r.Surname!,
        r.GivenName!,
        new Municipality(r.BirthplaceCode ?? "", r.Birthplace ?? ""),
        new PostalAddress(r.Street ?? "", r.Cap ?? "", new Municipality(r.MunicipalityCode ?? "", r.Municipality ?? "")),
        r.Phone,
        r.Email);
}
