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
            items.Add(new("Commissione", "/Ats/Commissione"));
            items.Add(new("Lettere di invito", "/Ats/Lettere"));
        }

        if (actor.IsAts)
        {
            items.Add(new("Cerca assistito", "/Ats/Assistiti"));
            items.Add(new("Piramide", "/Ats/Piramide"));
            items.Add(new("Variazioni di livello", "/Ats/Variazioni"));
            items.Add(new("Avanzamento arruolamento", "/Ats/Arruolamento"));
            items.Add(new("Registro accessi", "/Ats/Accessi"));
            items.Add(new("Remunerazione", "/Ats/Remunerazione"));
            items.Add(new("Simulazione tariffe e livelli", "/Ats/Simulazione"));
            items.Add(new("Erogatori e branche", "/Ats/Erogatori"));
        }

        if (actor.IsGestore)
        {
            items.Add(new("Pazienti da contattare", "/Gestore/Worklist"));
            items.Add(new("Pazienti in carico", "/Gestore/Pazienti"));
            items.Add(new("Cambi di livello", "/Gestore/CambiLivello"));
            items.Add(new("Arruolamento", "/Gestore/Arruolamento"));
            items.Add(new("Proposte dei MMG", "/Gestore/Proposte"));
        }

        if (actor.IsErogatore)
        {
            items.Add(new("Agenda", "/Erogatore/Agenda"));
            items.Add(new("Orari e chiusure", "/Erogatore/Orari"));
            items.Add(new("Prestazioni offerte", "/Erogatore/Prestazioni"));
        }

        if (actor.IsPatient)
        {
            items.Add(new("Il mio percorso", "/Paziente/Percorso"));
        }

        if (actor.IsMmg)
        {
            items.Add(new("I miei assistiti", "/Mmg/Assistiti"));
        }

        if (actor.IsAts || actor.IsStruttura)
        {
            items.Add(new("Appropriatezza riabilitativa", "/Riabilitazione"));
        }

        if (actor.IsReparto)
        {
            items.Add(new("Verifica pre-ricovero", "/Reparto/PreRicovero"));
        }

        return items;
    }
}
