namespace Territorio.Data.Rehab;

/// <summary>
/// One check of an SDO file by DM 5/8/2021 made through the web application, kept so that it can
/// be opened again. It belongs to the ATS of the account that uploaded the file; the file itself
/// is not kept, only what the check found (verdicts, rejected rows, indicators).
/// </summary>
public sealed class RehabRun
{
    public long Id { get; set; }

    /// <summary>ATS of the uploader: only that ATS (and its structures, for their own admissions) sees the run.</summary>
    public string Ats { get; set; } = "";

    public string UploadedBy { get; set; } = "";

    public DateTime UploadedAtUtc { get; set; }

    public string FileName { get; set; } = "";

    public long FileBytes { get; set; }

    /// <summary>Data rows of the file (records after the header).</summary>
    public long DataRows { get; set; }

    public long AcuteRows { get; set; }

    public int RehabAdmissions { get; set; }

    /// <summary>Errors of rows the check discarded (decision 0257: before it, also the acute rows kept for the linkage).</summary>
    public int RejectedRows { get; set; }

    /// <summary>Errors of acute rows faulty outside the linkage and used for it all the same (decisions 0206, 0221): listed with the errors, not discarded.</summary>
    public int AcuteRowsKeptForLinkage { get; set; }

    /// <summary>The diagnosis → MDC table the check read, as the CLI's summary names it (file, status, version, date); empty for runs made before it was recorded.</summary>
    public string MdcTable { get; set; } = "";

    public string RuleSetId { get; set; } = "";

    public string RuleSetVersion { get; set; } = "";

    public string RuleSetStatus { get; set; } = "";

    public bool RuleSetProvisional { get; set; }

    /// <summary>"report-only" (trial, art.6) or "required".</summary>
    public string ScaleMode { get; set; } = "";

    /// <summary>Runs loaded by <c>territorio demo run</c>, replaced on every demo run.</summary>
    public bool IsDemo { get; set; }
}

/// <summary>
/// The verdict on one rehab admission of a run, with the SDO fields the screens filter on and
/// every check behind it (JSON, the same shape as the CLI's JSON-lines output).
/// </summary>
public sealed class RehabRunVerdict
{
    public long RunId { get; set; }

    /// <summary>Physical line of the record in the uploaded file.</summary>
    public long Line { get; set; }

    public string RecordId { get; set; } = "";

    public string StructureId { get; set; } = "";

    public int Discipline { get; set; }

    public int Regime { get; set; }

    public int Mdc { get; set; }

    public DateOnly AdmissionDate { get; set; }

    public DateOnly DischargeDate { get; set; }

    public string PrincipalDiagnosis { get; set; } = "";

    /// <summary>appropriate | inappropriate | out_of_scope | not_assessable.</summary>
    public string Verdict { get; set; } = "";

    public bool PostAcute { get; set; }

    public string? AcuteRecordId { get; set; }

    public int? IntervalDays { get; set; }

    public string Article { get; set; } = "";

    /// <summary>56a | 56b | 56c | 28 | 75, or empty.</summary>
    public string Level { get; set; } = "";

    public string ChecksJson { get; set; } = "[]";
}

/// <summary>A row of the uploaded file that was rejected: line, column, value and reason.</summary>
public sealed class RehabRunError
{
    public long RunId { get; set; }

    /// <summary>Position in the list of errors (a line may carry more than one).</summary>
    public int Ordinal { get; set; }

    public long Line { get; set; }

    public string Column { get; set; } = "";

    public string Value { get; set; } = "";

    public string Reason { get; set; } = "";
}

/// <summary>
/// One row of the monitoring indicators of a run (DM 5/8/2021 art.5), computed when the run is
/// made: for the whole run (empty <see cref="Scope"/>) and for each structure's own admissions.
/// </summary>
public sealed class RehabRunIndicator
{
    public long RunId { get; set; }

    /// <summary>Empty for the whole run, else the structure whose admissions alone were counted.</summary>
    public string Scope { get; set; } = "";

    public int Ordinal { get; set; }

    public string Dimension { get; set; } = "";

    public string Value { get; set; } = "";

    public int Total { get; set; }

    public int Appropriate { get; set; }

    public int Inappropriate { get; set; }

    public int OutOfScope { get; set; }

    public int NotAssessable { get; set; }

    public double? ShareAppropriate { get; set; }

    public double? MedianIntervalDays { get; set; }
}
