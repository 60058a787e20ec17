using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;
using Territorio.Flows.Files;
using Territorio.Kernel.Errors;

namespace Territorio.CareManagement.Application.Bookings;

public sealed record DeliveredImportResult(int Rows, int Booked, int InPlan, int OutsidePlan, int NotInCharge, int AlreadyKnown, IReadOnlyList<InputError> Rejected);

/// <summary>
/// Imports delivered services from the outpatient flow (<c>outpatient.csv</c>: <c>person_id, date,
/// code</c>, as the stratification reads it). For patients in charge on that day, a delivery fulfils the
/// nearest open booking up to it of the same service, or counts as a PAI service done without booking, or is
/// flagged as outside the plan. Other patients are counted and skipped. One transaction.
/// </summary>
public sealed class DeliveredImport(TerritorioDbContext db, TimeProvider clock) : CareService(db, clock)
{
    private static readonly string[] Columns = ["person_id", "date", "code"];

    public async Task<DeliveredImportResult> ImportAsync(TextReader input, string source, Actor by, CancellationToken ct)
    {
        using var csv = FlowCsv.Open(input, source, Columns);

        // Every pact that ran, cancelled or closed ones included: a service delivered while the pact
        // was in force counts even if the pact ended since (a death, a change of Gestore).
        var pactsOf = (await Db.Set<PattoDiCura>().AsNoTracking().Where(p => p.EndDate >= p.StartDate).ToListAsync(ct)).ToLookup(p => p.PatientId);
        var pactIds = pactsOf.SelectMany(p => p).Select(p => p.Id).ToList();
        var plans = (await Db.Set<Pai>().Where(p => pactIds.Contains(p.PactId)).ToListAsync(ct)).ToDictionary(p => p.PactId);
        var openBookings = (await Db.Set<Booking>().Where(b => b.Status == BookingStatus.Booked).ToListAsync(ct)).ToLookup(b => b.PatientId);
        var known = (await Db.Set<DeliveredService>().Select(d => new { d.PatientId, d.Date, d.Code }).ToListAsync(ct))
            .Select(d => (d.PatientId, d.Date, d.Code)).ToHashSet();

        var rejected = new List<InputError>();
        int rows = 0, booked = 0, inPlan = 0, outside = 0, notInCharge = 0, already = 0;
        var today = Today;
        while (csv.Read())
        {
            ct.ThrowIfCancellationRequested();
            long line = csv.Line;
            rows++;
            string person = csv.Text(0);
            string dateText = csv.Text(1);
            string code = csv.Text(2);
            if (person.Length == 0)
            {
                rejected.Add(new InputError(source, line, "person_id", person, "identificativo mancante"));
                continue;
            }

            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date > today)
            {
                rejected.Add(new InputError(source, line, "date", dateText, "data attesa AAAA-MM-GG, non futura"));
                continue;
            }

            if (code.Length is 0 or > 16)
            {
                rejected.Add(new InputError(source, line, "code", code, "codice prestazione mancante o troppo lungo"));
                continue;
            }

            // Only what the patient received while in charge counts (the pact's period).
            if (pactsOf[person].FirstOrDefault(p => p.IsInForceOn(date)) is not { } pact)
            {
                notInCharge++;
                continue;
            }

            if (!known.Add((person, date, code)))
            {
                already++;
                continue;
            }

            var planCodes = plans.TryGetValue(pact.Id, out var pai) && pai.ActiveVersion is { } active ? active.Services.Select(s => s.Code) : [];
            var (match, booking) = DeliveryMatching.Match(code, date, openBookings[person], planCodes);
            if (booking is not null)
            {
                booking.MarkDelivered(date, pact, Now(by, $"flusso ambulatoriale {source} riga {line}"));
            }

            Db.Add(new DeliveredService(person, date, code, match, booking?.Id, $"{Path.GetFileName(source)}:{line}"));
            _ = match switch
            {
                DeliveryMatch.Booked => booked++,
                DeliveryMatch.InPlan => inPlan++,
                _ => outside++,
            };
        }

        await CommitAsync(ct, "servizi importati nel frattempo da un'altra importazione: riprovare");
        return new DeliveredImportResult(rows, booked, inPlan, outside, notInCharge, already, rejected);
    }
}
