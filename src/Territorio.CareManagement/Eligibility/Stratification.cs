using Territorio.CareManagement.Common;

namespace Territorio.CareManagement.Eligibility;

/// <summary>One imported output of the stratification engine (levels.csv).</summary>
public sealed class StratificationRun
{
    private StratificationRun()
    {
        Source = ImportedBy = "";
    }

    public StratificationRun(DateOnly stratifiedOn, string source, Change change)
    {
        StratifiedOn = stratifiedOn;
        Source = source;
        ImportedAtUtc = change.AtUtc;
        ImportedBy = change.By.ToString();
    }

    public long Id { get; private set; }

    /// <summary>The as-of date of the stratification.</summary>
    public DateOnly StratifiedOn { get; private set; }

    public string Source { get; private set; }

    public DateTime ImportedAtUtc { get; private set; }

    public string ImportedBy { get; private set; }

    public int Persons { get; set; }
}

/// <summary>A person's level and pathologies in one stratification run, with the engine's evidence.</summary>
public sealed class StratifiedPerson
{
    private StratifiedPerson()
    {
        PersonId = Pathologies = Evidence = "";
    }

    public StratifiedPerson(long runId, string personId, int level, string? mainPathology, IReadOnlyList<string> pathologies, string evidence)
    {
        if (level is < 1 or > 5)
        {
            throw new CareRuleException($"livello {level} non valido (da 1 a 5)");
        }

        if (CareLevels.IsEligible(level) && string.IsNullOrEmpty(mainPathology))
        {
            throw new CareRuleException($"al livello {level} serve la patologia principale");
        }

        if (mainPathology is not null && !pathologies.Contains(mainPathology))
        {
            throw new CareRuleException($"la patologia principale {mainPathology} non è tra le patologie {string.Join('|', pathologies)}");
        }

        RunId = runId;
        PersonId = personId;
        Level = level;
        MainPathology = mainPathology;
        Pathologies = string.Join('|', pathologies);
        Evidence = evidence;
    }

    public long RunId { get; private set; }

    public string PersonId { get; private set; }

    public int Level { get; private set; }

    public string? MainPathology { get; private set; }

    /// <summary>Codes of the regional catalogue of chronic pathologies, '|'-separated.</summary>
    public string Pathologies { get; private set; }

    public string Evidence { get; private set; }

    /// <summary>The person's ATS when the run was imported: pyramids per territory count it without a join.</summary>
    public string Ats { get; init; } = "";

    /// <summary>The person's GP (MMG) when the run was imported.</summary>
    public string? MmgId { get; init; }
}

/// <summary>Where a patient's level comes from: a stratification run or an approved reclassification.</summary>
public sealed record Classification(string PersonId, int Level, string? MainPathology, string Pathologies, DateOnly Since, string Source)
{
    public bool IsEligible => CareLevels.IsEligible(Level);

    /// <summary>
    /// The classification in force: an approved reclassification decided on or after the latest
    /// stratification wins (DGR X/6164/2017: the ATS updates the reclassifications reported by Gestori).
    /// </summary>
    public static Classification? Effective(StratifiedPerson? stratified, DateOnly? stratifiedOn, Classification? approvedReclassification)
    {
        var fromRun = stratified is null || stratifiedOn is null
            ? null
            : new Classification(stratified.PersonId, stratified.Level, stratified.MainPathology, stratified.Pathologies, stratifiedOn.Value, $"stratificazione n.{stratified.RunId}");
        if (approvedReclassification is null)
        {
            return fromRun;
        }

        return fromRun is null || approvedReclassification.Since >= fromRun.Since ? approvedReclassification : fromRun;
    }
}

/// <summary>
/// A person whose level moved into, out of or within the eligible levels (1–3) between one
/// imported stratification and the one before it: what the ATS sees as new eligible persons and
/// those who left, and what a Gestore sees of its patients (issue 20). Filled once per import;
/// <see cref="LevelAfter"/> is null for a person the newer run no longer has (died, moved away).
/// Changes among levels 4 and 5 are not kept: nobody is taken in charge there.
/// </summary>
public sealed class StratificationChange
{
    private StratificationChange()
    {
        PersonId = Ats = "";
    }

    public long RunId { get; private set; }

    public long PreviousRunId { get; private set; }

    public string PersonId { get; private set; }

    public int? LevelBefore { get; private set; }

    public int? LevelAfter { get; private set; }

    /// <summary>The person's ATS and GP in the newer run (the older one's for a person who left).</summary>
    public string Ats { get; private set; }

    public string? MmgId { get; private set; }

    /// <summary>The main pathology in the newer run; the older one's for a person who left levels 1–3 (the pathology they were eligible for).</summary>
    public string? MainPathology { get; private set; }

    /// <summary>Entered levels 1–3 (from 4, 5 or absent).</summary>
    public bool BecameEligible => LevelAfter is >= 1 and <= 3 && LevelBefore is not (>= 1 and <= 3);

    /// <summary>Left levels 1–3 (to 4, 5 or out of the stratification).</summary>
    public bool LeftEligibility => LevelBefore is >= 1 and <= 3 && LevelAfter is not (>= 1 and <= 3);
}
