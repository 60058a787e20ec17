using Territorio.Web.Security;

namespace Territorio.Web;

public sealed record NavigationItem(string Label, string Path);

/// <summary>The menu of each role: only screens the account may open.</summary>
public static class Navigation
{
    public static IReadOnlyList<NavigationItem> For(Actor actor)
    {
        var items = new List<NavigationItem>();
        if (actor.IsAts && actor.Roles.Contains(TerritorioRoles.AtsOperatore))
        {
            items.Add(new("Candidature dei Gestori", "/Ats/Candidature"));
        }

        if (actor.IsAts)
        {
            items.Add(new("Registro accessi", "/Ats/Accessi"));
            items.Add(new("Remunerazione", "/Ats/Remunerazione"));
        }

        if (actor.IsGestore)
        {
            items.Add(new("Pazienti da contattare", "/Gestore/Worklist"));
            items.Add(new("Arruolamento", "/Gestore/Arruolamento"));
        }

        if (actor.IsErogatore)
        {
            items.Add(new("Agenda", "/Erogatore/Agenda"));
        }

        if (actor.IsPatient)
        {
            items.Add(new("Il mio percorso", "/Paziente/Percorso"));
        }

        if (actor.IsMmg)
        {
            items.Add(new("I miei assistiti", "/Mmg/Assistiti"));
        }

        return items;
    }
}
