using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Registry;
using Territorio.Kernel.Organisations;
using Territorio.Kernel.Population;

namespace Territorio.Web.Api;

/// <summary>
/// The names a booking or slot answer carries beside its codes ("people, not codes"): the patient
/// with codice fiscale, the erogatore and the address of its site (organisation registry), the
/// service's description (regional nomenclator). One query per kind and answer.
/// </summary>
public sealed class AgendaNames
{
    private readonly IReadOnlyDictionary<string, Resident> _patients;
    private readonly IReadOnlyDictionary<string, string> _erogatori;
    private readonly IReadOnlyDictionary<string, string> _sites;
    private readonly CareCatalogues _catalogues;

    private AgendaNames(IReadOnlyDictionary<string, Resident> patients, IReadOnlyDictionary<string, string> erogatori, IReadOnlyDictionary<string, string> sites, CareCatalogues catalogues)
    {
        _patients = patients;
        _erogatori = erogatori;
        _sites = sites;
        _catalogues = catalogues;
    }

    public static async Task<AgendaNames> LoadAsync(CareServices care, IEnumerable<string> patientIds, IEnumerable<string> erogatoreIds, CancellationToken ct)
    {
        var patients = await PeopleNames.ResidentsAsync(care.Db, patientIds, ct);
        var wanted = erogatoreIds.Distinct().ToList();
        var erogatori = await PeopleNames.ErogatoreNamesAsync(care.Db, wanted, ct);
        var sites = (await care.Db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Erogatore && wanted.Contains(o.Code)).ToListAsync(ct))
            .ToDictionary(o => o.Code, o => o.Address);
        return new AgendaNames(patients, erogatori, sites, care.Catalogues);
    }

    /// <summary>"89.52 ELETTROCARDIOGRAMMA": the nomenclator's code and description.</summary>
    public string Service(string code) => _catalogues.ServiceLabel(code);

    /// <summary>"Poliambulatorio Niguarda (EY1)", or the code alone when the registry does not name it.</summary>
    public string Erogatore(string id) => _erogatori.GetValueOrDefault(id) is { } name ? $"{name} ({id})" : id;

    public BookingDto Of(CareManagement.Bookings.Booking booking)
    {
        var patient = _patients.GetValueOrDefault(booking.PatientId);
        return BookingDto.Of(booking) with
        {
            PatientName = patient?.Surname is null ? null : patient.DisplayName,
            PatientFiscalCode = patient?.FiscalCode,
            ErogatoreName = _erogatori.GetValueOrDefault(booking.ErogatoreId),
            SiteAddress = _sites.GetValueOrDefault(booking.ErogatoreId),
            ServiceDescription = _catalogues.Vocabulary.Services.GetValueOrDefault(booking.ServiceCode),
        };
    }

    public FreeSlotDto Of(CareManagement.Application.Network.FreeSlot slot) => FreeSlotDto.Of(slot) with
    {
        ErogatoreName = _erogatori.GetValueOrDefault(slot.ErogatoreId),
        SiteAddress = _sites.GetValueOrDefault(slot.ErogatoreId),
        ServiceDescription = _catalogues.Vocabulary.Services.GetValueOrDefault(slot.ServiceCode),
    };

    /// <summary>One booking answered with its names.</summary>
    public static async Task<BookingDto> OneAsync(CareServices care, CareManagement.Bookings.Booking booking, CancellationToken ct) =>
        (await LoadAsync(care, [booking.PatientId], [booking.ErogatoreId], ct)).Of(booking);
}
