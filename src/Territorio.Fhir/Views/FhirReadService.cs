using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Network;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;
using Territorio.Fhir.Care;
using Territorio.Fhir.Conformance;
using Territorio.Kernel.Organisations;

namespace Territorio.Fhir.Views;

/// <summary>Loads care data and returns it as FHIR: single resources, or searchset Bundles by patient.</summary>
public sealed class FhirReadService(TerritorioDbContext db, CareCatalogues catalogues, ServiceCodeMap services, TimeProvider clock)
{
    public async Task<Patient?> PatientAsync(string id, CancellationToken ct)
    {
        if (await db.Residents.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is not { } resident)
        {
            return null;
        }

        var doctor = resident.MmgId is null ? null : await db.GeneralPractitioners.AsNoTracking().SingleOrDefaultAsync(g => g.Id == resident.MmgId, ct);
        return FhirViews.Patient(resident, doctor);
    }

    public async Task<Bundle> ConditionsAsync(string patientId, CancellationToken ct) =>
        Searchset(await ClassificationAsync(patientId, ct) is { } c ? FhirViews.Conditions(c, catalogues.Pathologies) : []);

    public async Task<Bundle> RiskAssessmentsAsync(string patientId, CancellationToken ct) =>
        Searchset(await ClassificationAsync(patientId, ct) is { } c ? [FhirViews.RiskAssessment(c)] : []);

    public async Task<Bundle> CarePlansAsync(string patientId, CancellationToken ct)
    {
        var pais = await db.Set<Pai>().AsNoTracking().Where(p => p.PatientId == patientId).OrderBy(p => p.Id).ToListAsync(ct);
        var plans = new List<Resource>();
        foreach (var pai in pais)
        {
            if (await CarePlanOfAsync(pai, ct) is { } plan)
            {
                plans.Add(plan);
            }
        }

        return Searchset(plans);
    }

    public async Task<CarePlan?> CarePlanAsync(string id, CancellationToken ct) =>
        long.TryParse(id, out long paiId) && await db.Set<Pai>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == paiId, ct) is { } pai
            ? await CarePlanOfAsync(pai, ct)
            : null;

    /// <summary>One activity of a PAI (<c>{pai}-sr-{code}</c>, <c>{pai}-mr-{code}</c>) at the PAI's current version.</summary>
    public async Task<Resource?> ActivityAsync(string id, CancellationToken ct)
    {
        int dash = id.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !long.TryParse(id.AsSpan(0, dash), out long paiId)
            || await db.Set<Pai>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == paiId, ct) is not { } pai)
        {
            return null;
        }

        var pact = await db.Set<PattoDiCura>().AsNoTracking().SingleAsync(p => p.Id == pai.PactId, ct);
        return FhirViews.Activities(pai, pact, services).FirstOrDefault(a => a.Resource.Id == id)?.Resource;
    }

    /// <summary>A pathology of the classification in force, by the id the views give it (<c>{patient}-pat{code}</c>).</summary>
    public async Task<Condition?> ConditionAsync(string id, CancellationToken ct)
    {
        int at = id.LastIndexOf("-pat", StringComparison.Ordinal);
        return at > 0 && await ClassificationAsync(id[..at], ct) is { } classification
            ? FhirViews.Conditions(classification, catalogues.Pathologies).FirstOrDefault(c => c.Id == id)
            : null;
    }

    /// <summary>A Gestore that works in the ATS <paramref name="ats"/> (its own, or one it applied to).</summary>
    public async Task<Organization?> OrganizationAsync(string id, string ats, CancellationToken ct) =>
        await db.Set<Gestore>().AsNoTracking().Include(g => g.Candidatures).SingleOrDefaultAsync(g => g.Id == id, ct) is { } gestore
        && (gestore.Ats == ats || gestore.Candidatures.Any(c => c.Ats == ats))
            ? FhirViews.Organization(gestore, await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Kind == OrganisationKind.Gestore && o.Code == id, ct))
            : null;

    /// <summary>A GP (<c>mmg-{id}</c>) with patients in the ATS <paramref name="ats"/>; dated from the first PAI that names them.</summary>
    public async Task<PractitionerRole?> PractitionerRoleAsync(string id, string ats, CancellationToken ct)
    {
        const string prefix = "mmg-";
        string mmg = id.StartsWith(prefix, StringComparison.Ordinal) ? id[prefix.Length..] : string.Empty;
        if (mmg.Length == 0 || !await db.Residents.AnyAsync(r => r.MmgId == mmg && r.Ats == ats, ct))
        {
            return null;
        }

        var first = await (
            from pai in db.Set<Pai>().AsNoTracking()
            join resident in db.Residents on pai.PatientId equals resident.Id
            where pai.MmgId == mmg && resident.Ats == ats
            orderby pai.StartDate, pai.Id
            select pai).FirstOrDefaultAsync(ct);
        var today = RomeCalendar.Today(clock);
        var membership = (await db.Set<CooperativeMember>().AsNoTracking().Where(m => m.MmgId == mmg).ToListAsync(ct)).FirstOrDefault(m => m.IsMemberOn(today));
        var cooperative = membership is null ? null : await GestoreAsync(membership.GestoreId, ct);
        var doctor = await db.GeneralPractitioners.AsNoTracking().SingleOrDefaultAsync(g => g.Id == mmg, ct);
        return FhirViews.GeneralPractitionerRole(mmg, first?.Versions.MinBy(v => v.CreatedAtUtc), first?.StartDate, cooperative, doctor);
    }

    public async Task<Bundle> EpisodesOfCareAsync(string patientId, CancellationToken ct) =>
        Searchset([.. (await PactsAsync(patientId, ct)).Select(p => (Resource)FhirViews.EpisodeOfCare(p.Pact, p.Gestore))]);

    public async Task<Bundle> ConsentsAsync(string patientId, CancellationToken ct) =>
        Searchset([.. (await PactsAsync(patientId, ct)).Select(p => (Resource)FhirViews.Consent(p.Pact, p.Gestore))]);

    public async Task<Bundle> AppointmentsAsync(string patientId, CancellationToken ct)
    {
        var rows = await (
            from booking in db.Set<Booking>().AsNoTracking()
            join slot in db.Set<AgendaSlot>() on booking.SlotId equals slot.Id
            where booking.PatientId == patientId
            orderby booking.Date, booking.Start, booking.Id
            select new { booking, slot.DurationMinutes }).ToListAsync(ct);
        return Searchset([.. rows.Select(r => (Resource)FhirViews.Appointment(r.booking, catalogues.Vocabulary.DescriptionOf(PaiItemKind.Service, r.booking.ServiceCode), r.DurationMinutes))]);
    }

    /// <summary>The classification in force, else the level and pathology the active pact was signed with.</summary>
    private async Task<Classification?> ClassificationAsync(string patientId, CancellationToken ct)
    {
        if (await ClassificationQueries.EffectiveAsync(db, patientId, ct) is { } classification)
        {
            return classification;
        }

        var pact = await db.Set<PattoDiCura>().AsNoTracking().Where(p => p.PatientId == patientId).OrderByDescending(p => p.StartDate).ThenByDescending(p => p.Id).FirstOrDefaultAsync(ct);
        return pact is null ? null : new Classification(patientId, pact.Level, pact.MainPathology, pact.MainPathology ?? string.Empty, pact.StartDate, $"patto di cura n.{pact.Id}");
    }

    private async Task<CarePlan?> CarePlanOfAsync(Pai pai, CancellationToken ct)
    {
        var pact = await db.Set<PattoDiCura>().AsNoTracking().SingleAsync(p => p.Id == pai.PactId, ct);
        var gestore = await GestoreAsync(pai.GestoreId, ct);
        return FhirViews.CarePlan(pai, pact, gestore, CarePicMmgEnrolment.ProtocolNumber(pai), await ClassificationAsync(pai.PatientId, ct), FhirViews.Activities(pai, pact, services));
    }

    private async Task<List<(PattoDiCura Pact, GestoreRef Gestore)>> PactsAsync(string patientId, CancellationToken ct)
    {
        var pacts = await db.Set<PattoDiCura>().AsNoTracking().Where(p => p.PatientId == patientId).OrderBy(p => p.StartDate).ThenBy(p => p.Id).ToListAsync(ct);
        var result = new List<(PattoDiCura, GestoreRef)>();
        foreach (var pact in pacts)
        {
            result.Add((pact, await GestoreAsync(pact.GestoreId, ct)));
        }

        return result;
    }

    private async Task<GestoreRef> GestoreAsync(string id, CancellationToken ct) =>
        new(id, await db.Set<Gestore>().Where(g => g.Id == id).Select(g => g.Name).SingleOrDefaultAsync(ct) ?? id);

    /// <summary>The answer to a search the caller may not make (another tenancy's patient): no matches.</summary>
    public static Bundle Empty() => Searchset([]);

    private static Bundle Searchset(IEnumerable<Resource> resources)
    {
        var bundle = new Bundle { Id = Guid.NewGuid().ToString(), Type = Bundle.BundleType.Searchset };
        foreach (var resource in resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"urn:territorio:{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        bundle.Total = bundle.Entry.Count;
        return bundle;
    }
}
