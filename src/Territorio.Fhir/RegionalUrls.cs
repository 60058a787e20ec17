namespace Territorio.Fhir;

/// <summary>Canonical URLs of Regione Lombardia's FHIR guide (package fhir.rl 0.0.5-beta) that the code names.</summary>
public static class RegionalUrls
{
    public const string Base = "https://fhir.siss.regione.lombardia.it/";
    public const string StructureDefinition = Base + "StructureDefinition/";
    public const string ValueSet = Base + "ValueSet/";
    public const string CodeSystem = Base + "CodeSystem/";

    public const string BundleMmg = StructureDefinition + "RLBundleMMG";
    public const string BundleRispostaMmg = StructureDefinition + "RLBundleRispostaMMG";
    public const string MessageHeaderMmg = StructureDefinition + "RLMessageHeaderMMG";
    public const string OperationOutcomeMmg = StructureDefinition + "RLOperationOutcomeMMG";
    public const string PatientBase = StructureDefinition + "RLPatientBase";
    public const string PatientAtsResidenza = StructureDefinition + "RLPatientATSResidenza";
    public const string ConditionProblemiSalute = StructureDefinition + "RLConditionProblemiSalute";
    public const string MedicationRequestTerapiaFarmacologica = StructureDefinition + "RLMedicationRequestTerapiaFarmacologica";
    public const string CarePlanProgettoIndividuale = StructureDefinition + "RLCarePlanProgettoIndividuale";
    public const string CarePlanVersionePai = StructureDefinition + "RLCarePlanVersionePAI";
    public const string MedicationRequestConsegnaPaziente = StructureDefinition + "RLMedicationRequestConsegnaPaziente";
    public const string ServiceRequestPrestazioniSpecialistiche = StructureDefinition + "RLServiceRequestPrestazioniSpecialistiche";
    public const string ServiceRequestInterventoEducazionale = StructureDefinition + "RLServiceRequestInterventoEducazionale";
    public const string PractitionerRoleProfessionistaSanitario = StructureDefinition + "RLPractitionerRoleProfessionistaSanitario";

    /// <summary>Cited by the guide, unpublished: Territorio ships a provisional stand-in (data/lombardia-fhir/territorio).</summary>
    public const string OrganizationL1 = StructureDefinition + "RLOrganizationL1";

    public const string MessageEvents = ValueSet + "message-events/sgdt";
    public const string PicMmgEvent = "picMMG";

    public const string TipologiaProblemaSalute = ValueSet + "SGDT-TipologiaProblemaSalute";
    public const string PatologieNonIcd9Cm = ValueSet + "SGDT-PatologieNonICD9CM";
    public const string LivelloGravita = CodeSystem + "GPC-LivelloGravita";
    public const string ErroriMessaggio = ValueSet + "ErroriMessaggio";
    public const string TipologiaContenutoMessaggio = ValueSet + "TipologiaContenutoMessaggio";
    public const string IdentificativoPi = Base + "sid/identificativoUnivocoPI";

    public const string PrestazioniSiss = "DDC-PrestSpecSISS";
    public const string InterventiEducazionali = "SGDT-InterventiEducazionali";
    public const string QualificaProfessionistaSanitario = "SGDT-QualificaProfessionistaSanitario";
    public const string FarmacoAic = "DDC-FarmacoAIC";
    public const string FarmacoAtc = "DDC-FarmacoATC";
    public const string FarmacoGe = "DDC-FarmacoGE";

    /// <summary>The ICD-9-CM "system" the guide fixes (a ValueSet URL, as the region writes it).</summary>
    public const string Icd9CmDiagnosis = "http://terminology.hl7.org/ValueSet/v3-DiagnosisICD9CM";

    public const string CodiceFiscale = "http://hl7.it/sid/codiceFiscale";
    public const string CodeableBirthPlace = "http://hl7.it/fhir/StructureDefinition/patient-codeableBirthPlace";
    public const string IstatComuni = "http://hl7.it/fhir/lab-report/CodeSystem/istat-unitaAmministrativeTerritoriali";

    /// <summary>
    /// The region writes codings with ValueSet URLs as <c>system</c> and publishes CodeSystems
    /// under the same name: both spellings name the same vocabulary (decision 0071).
    /// </summary>
    public static string VocabularyName(string systemOrValueSet)
    {
        foreach (string prefix in (string[])[ValueSet, CodeSystem])
        {
            if (systemOrValueSet.StartsWith(prefix, StringComparison.Ordinal))
            {
                return systemOrValueSet[prefix.Length..];
            }
        }

        return systemOrValueSet;
    }

    /// <summary>True when <paramref name="system"/> names the regional vocabulary <paramref name="name"/> in either spelling.</summary>
    public static bool IsVocabulary(string? system, string name) =>
        system is not null && (system == ValueSet + name || system == CodeSystem + name);
}
