using Hl7.Fhir.Model;

namespace Territorio.Fhir.Views;

/// <summary>What Territorio's FHIR interface does, served at <c>/fhir/metadata</c>.</summary>
public static class Capabilities
{
    public const string Software = "Territorio";

    /// <summary>How a client authenticates: what <c>/fhir</c> accepts (decision 0080), no SMART-on-FHIR authorisation server.</summary>
    public const string SecurityDescription =
        "Ogni richiesta (tranne /fhir/metadata) porta 'Authorization: Bearer <token>': un JWT HS256 di 30 minuti rilasciato da " +
        "POST /api/token con le credenziali dell'utente. Il ruolo e il territorio del token decidono che cosa si vede; " +
        "401 senza token valido, 403 per un ruolo non ammesso, 404 per una risorsa che non esiste o non è visibile, " +
        "sempre come OperationOutcome. Non è un server di autorizzazione SMART-on-FHIR.";

    public static CapabilityStatement Statement(DateTimeOffset builtOn)
    {
        CapabilityStatement.ResourceComponent Read(ResourceType type, string? profile, string[] supported, params string[] search)
        {
            var resource = new CapabilityStatement.ResourceComponent
            {
                Type = type.ToString(),
                Profile = profile,
                SupportedProfile = supported,
                Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read }],
            };
            if (search.Length > 0)
            {
                resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType });
                resource.SearchParam = [.. search.Select(s => new CapabilityStatement.SearchParamComponent { Name = s, Type = SearchParamType.Reference })];
            }

            return resource;
        }

        return new CapabilityStatement
        {
            Id = "territorio",
            Name = "Territorio",
            Title = "Territorio: presa in carico della cronicità (Regione Lombardia)",
            Status = PublicationStatus.Active,
            Date = builtOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Kind = CapabilityStatementKind.Capability,
            Software = new CapabilityStatement.SoftwareComponent { Name = Software, Version = Version() },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = [FhirJson.MediaType, FhirFormat.Xml.MediaType, "json", "xml"],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Documentation = "Attivazione della presa in carico dalla cartella del MMG (RLBundleMMG, evento picMMG) e viste FHIR dei dati di cura. " +
                        "Una ricerca su un paziente che l'utente non può vedere risponde con un Bundle searchset vuoto.",
                    Security = new CapabilityStatement.SecurityComponent
                    {
                        Cors = false,
                        Service = [new CodeableConcept { Text = "Bearer (JWT HS256, POST /api/token)" }],
                        Description = SecurityDescription,
                    },
                    Resource =
                    [
                        Read(ResourceType.Patient, null, []),
                        Read(ResourceType.Condition, RegionalUrls.ConditionProblemiSalute, [RegionalUrls.ConditionProblemiSalute], "patient"),
                        Read(ResourceType.CarePlan, RegionalUrls.CarePlanProgettoIndividuale, [RegionalUrls.CarePlanProgettoIndividuale], "patient"),
                        Read(ResourceType.ServiceRequest, null, [RegionalUrls.ServiceRequestPrestazioniSpecialistiche, RegionalUrls.ServiceRequestInterventoEducazionale]),
                        Read(ResourceType.MedicationRequest, null, []),
                        Read(ResourceType.Organization, RegionalUrls.OrganizationL1, [RegionalUrls.OrganizationL1]),
                        Read(ResourceType.PractitionerRole, RegionalUrls.PractitionerRoleProfessionistaSanitario, [RegionalUrls.PractitionerRoleProfessionistaSanitario]),
                        Read(ResourceType.EpisodeOfCare, null, [], "patient"),
                        Read(ResourceType.Consent, null, [], "patient"),
                        Read(ResourceType.Appointment, null, [], "patient"),
                        Read(ResourceType.RiskAssessment, null, [], "patient"),
                    ],
                    Operation = [new CapabilityStatement.OperationComponent { Name = "process-message", Definition = "http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message" }],
                },
            ],
            Messaging =
            [
                new CapabilityStatement.MessagingComponent
                {
                    SupportedMessage = [new CapabilityStatement.SupportedMessageComponent { Mode = CapabilityStatement.EventCapabilityMode.Receiver, Definition = RegionalUrls.BundleMmg }],
                    Documentation = "picMMG: risposta RLBundleRispostaMMG con i codici di errore di ErroriMessaggio.",
                },
            ],
        };
    }

    private static string Version() =>
        typeof(Capabilities).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0";
}
