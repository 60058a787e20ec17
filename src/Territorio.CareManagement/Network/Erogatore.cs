using Territorio.CareManagement.Common;

namespace Territorio.CareManagement.Network;

/// <summary>
/// A provider of the Gestore's network: it delivers PAI services under agreements with Gestori
/// (DGR X/6164/2017 allegato 1, "rete di erogatori") and publishes agendas of slots.
/// </summary>
public sealed class Erogatore : AggregateRoot
{
    private readonly List<Agreement> _agreements = [];
    private readonly List<OfferedService> _services = [];

    private Erogatore()
    {
        Id = Name = Ats = "";
    }

    public string Id { get; private set; }

    public string Name { get; private set; }

    public string Ats { get; private set; }

    public IReadOnlyList<Agreement> Agreements => _agreements;

    public IReadOnlyList<OfferedService> Services => _services;

    protected override string AuditId => Id;

    protected override string? AuditPatientId => null;

    public static Erogatore Register(string id, string name, string ats, Change change)
    {
        var erogatore = new Erogatore { Id = Guard.Text(id, "codice dell'erogatore"), Name = Guard.Text(name, "nome dell'erogatore"), Ats = Guard.Text(ats, "ATS") };
        erogatore.Record("registrato", change, $"ATS {ats}");
        return erogatore;
    }

    public void SignAgreement(string gestoreId, DateOnly from, DateOnly? to, Change change)
    {
        Guard.Role(change, "accordo con il Gestore", ActorRole.ClinicalManager, ActorRole.System);
        if (to < from)
        {
            throw new CareRuleException($"accordo con il Gestore {gestoreId}: la fine ({to}) precede l'inizio ({from})");
        }

        if (_agreements.Any(a => a.GestoreId == gestoreId && a.Overlaps(from, to)))
        {
            throw new CareRuleException($"l'erogatore {Id} ha già un accordo con il Gestore {gestoreId} in quel periodo");
        }

        _agreements.Add(new Agreement(gestoreId, from, to));
        Record("accordo firmato", change, $"Gestore {gestoreId} dal {from:yyyy-MM-dd}");
    }

    public void Offer(string serviceCode, Change change)
    {
        if (_services.Any(s => s.Code == serviceCode))
        {
            return;
        }

        _services.Add(new OfferedService(Guard.Text(serviceCode, "codice prestazione")));
        Record("prestazione offerta", change, serviceCode);
    }

    public bool HasAgreementWith(string gestoreId, DateOnly on) => _agreements.Any(a => a.GestoreId == gestoreId && a.Covers(on));

    public bool Offers(string serviceCode) => _services.Any(s => s.Code == serviceCode);
}

public sealed class Agreement
{
    private Agreement()
    {
        GestoreId = "";
    }

    internal Agreement(string gestoreId, DateOnly from, DateOnly? to)
    {
        GestoreId = gestoreId;
        From = from;
        To = to;
    }

    public long Id { get; private set; }

    public string GestoreId { get; private set; }

    public DateOnly From { get; private set; }

    public DateOnly? To { get; private set; }

    public bool Covers(DateOnly day) => day >= From && (To is null || day <= To);

    public bool Overlaps(DateOnly from, DateOnly? to) =>
        (To is null || from <= To) && (to is null || to >= From);
}

public sealed class OfferedService
{
    private OfferedService()
    {
        Code = "";
    }

    internal OfferedService(string code) => Code = code;

    public long Id { get; private set; }

    public string Code { get; private set; }
}
