using Hl7.Fhir.Model;

namespace Territorio.Fhir.Views;

/// <summary>What Territorio's FHIR interface does, served at <c>/fhir/metadata</c>.</summary>
public static class Capabilities
{
    public static CapabilityStatement Statement(DateTimeOffset builtOn)
    {
        CapabilityStatement.ResourceComponent Read(ResourceType type, string? profile, params string[] search)
        {
            var resource = new CapabilityStatement.ResourceComponent
            {
                Type = type.ToString(),
                Profile = profile,
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
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["application/fhir+json"],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Documentation = "Attivazione della presa in carico dalla cartella del MMG (RLBundleMMG, evento picMMG) e viste FHIR dei dati di cura.",
                    Resource =
                    [
                        Read(ResourceType.Patient, null),
                        Read(ResourceType.Condition, RegionalUrls.ConditionProblemiSalute, "patient"),
                        Read(ResourceType.CarePlan, RegionalUrls.CarePlanProgettoIndividuale, "patient"),
                        Read(ResourceType.EpisodeOfCare, null, "patient"),
                        Read(ResourceType.Consent, null, "patient"),
                        Read(ResourceType.Appointment, null, "patient"),
                        Read(ResourceType.RiskAssessment, null, "patient"),
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
}
