using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Territorio.Web.Pages;

/// <summary>Error pages in Italian; the status code of the original response is kept.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErroreModel : PageModel
{
    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public void OnGet(int? code) => Describe(code ?? 500);

    public void OnPost(int? code) => Describe(code ?? 500);

    private void Describe(int code)
    {
        (Title, Message) = code switch
        {
            403 => ("Accesso non consentito", "Il suo profilo non permette di aprire questa pagina o questi dati."),
            404 => ("Pagina non trovata", "La pagina o i dati richiesti non esistono o non sono visibili al suo profilo."),
            400 => ("Richiesta non valida", "La richiesta non è valida: ricaricare la pagina e riprovare."),
            405 => ("Operazione non disponibile", "Questa pagina non accetta l'operazione richiesta: tornare alla pagina e riprovare."),
            413 => ("Dati troppo grandi", "I dati inviati superano il limite consentito."),
            429 => ("Troppe richieste", "Troppi tentativi in poco tempo: riprovare tra qualche minuto."),
            _ => ("Errore", "Si è verificato un errore. Riprovare più tardi; se persiste, avvisare l'assistenza."),
        };
    }
}
