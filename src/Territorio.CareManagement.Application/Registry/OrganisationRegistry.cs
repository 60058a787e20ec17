using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Network;
using Territorio.Data;
using Territorio.Flows.Files;
using Territorio.Kernel.Errors;
using Territorio.Kernel.Organisations;
using Territorio.Kernel.Population;

namespace Territorio.CareManagement.Application.Registry;

public sealed record OrganisationImportResult(int Added, int Updated, IReadOnlyList<InputError> Rejected);

/// <summary>
/// The ATS's registry of organisations: Gestori, erogatori and hospital structures by name, seat
/// and contacts. <see cref="ImportAsync"/> loads the official list (<c>kind, code, ats, name,
/// street, cap, municipality</c>, optionally <c>municipality_code, phone, email, pec, branche</c>); the
/// names are the one source screens, statements and exports show beside a code. An erogatore's
/// <c>branche</c> (codes separated by |) are the branche specialistiche the ATS accredited it for.
/// </summary>
public sealed class OrganisationRegistry(TerritorioDbContext db, TimeProvider clock, BrancheCatalogue branche) : CareService(db, clock)
{
    /// <summary>A registry without the branche table: a row naming branche is refused.</summary>
    public OrganisationRegistry(TerritorioDbContext db, TimeProvider clock)
        : this(db, clock, BrancheCatalogue.Empty)
    {
    }

    public static readonly string[] Columns = ["kind", "code", "ats", "name", "street", "cap", "municipality"];

    public static readonly string[] OptionalColumns = ["municipality_code", "phone", "email", "pec", "branche"];

    private const int Kind = 0, Code = 1, Ats = 2, Name = 3, Street = 4, Cap = 5, MunicipalityName = 6, MunicipalityCode = 7, Phone = 8, Email = 9, Pec = 10, Branche = 11;

    /// <summary>
    /// Reads the whole file first: every bad row is reported (file, line, column, reason) and
    /// skipped; the good ones are stored together in one transaction, or none if the store fails.
    /// A Gestore or erogatore must already be registered in Territorio (its candidature and
    /// agreements are not the registry's); its name follows the registry.
    /// </summary>
    public async Task<OrganisationImportResult> ImportAsync(TextReader input, string source, Actor by, CancellationToken ct)
    {
        using var csv = FlowCsv.Open(input, source, Columns, OptionalColumns);
        var gestori = await Db.Set<Gestore>().AsNoTracking().IgnoreAutoIncludes().Select(g => new { g.Id, g.Ats }).ToDictionaryAsync(g => g.Id, g => g.Ats, ct);
        var erogatori = await Db.Set<Erogatore>().AsNoTracking().IgnoreAutoIncludes().Select(e => new { e.Id, e.Ats }).ToDictionaryAsync(e => e.Id, e => e.Ats, ct);
        var offered = (await Db.Set<OfferedService>().AsNoTracking().Select(o => new { Erogatore = EF.Property<string>(o, "erogatore_id"), o.Code }).ToListAsync(ct))
            .ToLookup(o => o.Erogatore, o => o.Code, StringComparer.Ordinal);
        var rejected = new List<InputError>();
        var seen = new Dictionary<(OrganisationKind, string), long>();
        var rows = new List<(OrganisationKind Kind, string Code, string Ats, OrganisationIdentity Identity, string[]? Branche)>();
        while (csv.Read())
        {
            ct.ThrowIfCancellationRequested();
            string code = csv.Text(Code);
            OrganisationKind? kind = csv.Field(Kind) switch
            {
                "gestore" or "GESTORE" => OrganisationKind.Gestore,
                "erogatore" or "EROGATORE" => OrganisationKind.Erogatore,
                "struttura" or "STRUTTURA" => OrganisationKind.Struttura,
                _ => null,
            };
            if (kind is { } k && code.Length > 0 && !seen.TryAdd((k, code), csv.Line))
            {
                throw csv.Duplicate(Code, code, seen[(k, code)]);
            }

            string ats = csv.Text(Ats);
            var identity = new OrganisationIdentity(
                csv.Text(Name),
                new PostalAddress(csv.Text(Street), csv.Text(Cap), new Municipality(csv.Text(MunicipalityCode), csv.Text(MunicipalityName))),
                csv.Text(Phone),
                csv.Text(Email),
                csv.Text(Pec));
            var error = kind is null ? csv.Error(Kind, csv.Field(Kind), "tipo non valido (gestore, erogatore o struttura)")
                : code.Length == 0 ? csv.Error(Code, code, "codice obbligatorio")
                : code.Length > 32 ? csv.Error(Code, code, "codice più lungo di 32 caratteri")
                : ats.Length == 0 ? csv.Error(Ats, ats, "ATS obbligatoria")
                : RegisteredProblem(kind.Value, code, ats, gestori, erogatori) is { } registered ? csv.Error(Code, code, registered)
                : IdentityProblem(csv, identity)
                ?? BrancheProblem(csv, kind.Value, offered[code]);
            if (error is not null)
            {
                rejected.Add(error);
                continue;
            }

            string accredited = csv.Text(Branche);
            rows.Add((kind!.Value, code, ats, identity, accredited.Length == 0 ? null : accredited.Split('|', StringSplitOptions.TrimEntries)));
        }

        int added = 0, updated = 0;
        await using var tx = await OwnTransactionAsync(ct);
        var existing = await Db.Organisations.ToDictionaryAsync(o => (o.Kind, o.Code), ct);
        foreach (var row in rows)
        {
            if (existing.TryGetValue((row.Kind, row.Code), out var organisation))
            {
                organisation.Describe(row.Identity, fictitious: false);
                updated++;
            }
            else
            {
                Db.Organisations.Add(new Organisation(row.Kind, row.Code, row.Ats, row.Identity, fictitious: false));
                added++;
            }

            if (row.Kind == OrganisationKind.Gestore)
            {
                (await GestoreAsync(row.Code, ct)).Rename(row.Identity.Name, Now(by, $"anagrafe delle organizzazioni {Path.GetFileName(source)}"));
            }
            else if (row.Kind == OrganisationKind.Erogatore)
            {
                var erogatore = await ErogatoreAsync(row.Code, ct);
                erogatore.Rename(row.Identity.Name, Now(by, $"anagrafe delle organizzazioni {Path.GetFileName(source)}"));
                if (row.Branche is not null)
                {
                    erogatore.Accredit(row.Branche, branche, Now(by, $"anagrafe delle organizzazioni {Path.GetFileName(source)}"));
                }
            }
        }

        await CommitAsync(ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return new OrganisationImportResult(added, updated, rejected);
    }

    private static string? RegisteredProblem(OrganisationKind kind, string code, string ats, Dictionary<string, string> gestori, Dictionary<string, string> erogatori)
    {
        var known = kind switch
        {
            OrganisationKind.Gestore => gestori,
            OrganisationKind.Erogatore => erogatori,
            _ => null,
        };
        string what = kind == OrganisationKind.Gestore ? "Gestore" : "erogatore";
        return known is null ? null
            : !known.TryGetValue(code, out var registeredAts) ? $"{what} non registrato in Territorio: registrarlo prima, poi caricarne l'anagrafe"
            : registeredAts != ats ? $"{what} registrato nell'ATS {registeredAts}, non {ats}"
            : null;
    }

    /// <summary>An erogatore's branche: each in the table, and none missing that a service it offers needs (an empty cell keeps them as they are).</summary>
    private InputError? BrancheProblem(FlowCsv csv, OrganisationKind kind, IEnumerable<string> offered)
    {
        string text = csv.Text(Branche);
        if (text.Length == 0)
        {
            return null;
        }

        if (kind != OrganisationKind.Erogatore)
        {
            return csv.Error(Branche, text, "solo un erogatore ha branche accreditate");
        }

        var codes = text.Split('|', StringSplitOptions.TrimEntries);
        if (codes.FirstOrDefault(c => branche.Find(c) is null) is { } unknown)
        {
            return csv.Error(Branche, text, $"branca «{unknown}» sconosciuta: le branche sono quelle della tabella delle branche specialistiche ({string.Join(", ", branche.All.Select(b => b.Code))}), separate da |");
        }

        return offered.FirstOrDefault(s => !branche.Allows(codes, s)) is { } orphan
            ? csv.Error(Branche, text, $"l'erogatore offre {branche.ServiceLabel(orphan)}, che richiede la branca {string.Join(" o ", branche.Of(orphan).Select(b => b.Label))}")
            : null;
    }

    private static InputError? IdentityProblem(FlowCsv csv, OrganisationIdentity identity)
    {
        if (OrganisationContacts.Problem(identity) is not { } problem)
        {
            return null;
        }

        int column = problem.Field switch
        {
            "nome" => Name,
            "indirizzo" => Street,
            "cap" => Cap,
            "comune" => MunicipalityName,
            "codice comune" => MunicipalityCode,
            "telefono" => Phone,
            "email" => Email,
            _ => Pec,
        };
        return csv.Error(column, csv.Field(column), problem.Reason);
    }

    /// <summary>"Name (code)" of the hospital structures asked for; a code the registry does not know is left out.</summary>
    public async Task<IReadOnlyDictionary<string, string>> StructureNamesAsync(IEnumerable<string> codes, CancellationToken ct) =>
        await NamesAsync(OrganisationKind.Struttura, codes, ct);

    /// <summary>"Name (code)" of the organisations of a kind asked for; a code the registry does not know is left out.</summary>
    public Task<IReadOnlyDictionary<string, string>> NamesAsync(OrganisationKind kind, IEnumerable<string> codes, CancellationToken ct) =>
        PeopleNames.OrganisationsAsync(Db, kind, codes, ct);

    /// <summary>All the hospital structures of an ATS's registry, by name: the options of a structure filter.</summary>
    public async Task<IReadOnlyList<Organisation>> StructuresAsync(string ats, CancellationToken ct) =>
        await Db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Struttura && o.Ats == ats).OrderBy(o => o.Name).ThenBy(o => o.Code).ToListAsync(ct);

    /// <summary>One organisation's registry entry (seat and contacts for a letterhead), or null.</summary>
    public Task<Organisation?> FindAsync(OrganisationKind kind, string code, CancellationToken ct) =>
        Db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Kind == kind && o.Code == code, ct);
}
