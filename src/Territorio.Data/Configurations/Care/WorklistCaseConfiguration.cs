using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Territorio.CareManagement.CaseManagement;

namespace Territorio.Data.Configurations.Care;

internal sealed class WorklistCaseConfiguration : IEntityTypeConfiguration<WorklistCase>
{
    public void Configure(EntityTypeBuilder<WorklistCase> builder)
    {
        builder.ToTable("worklist_cases");
        builder.HasKey(c => c.PactId);
        builder.Property(c => c.PactId).HasColumnName("pact_id").ValueGeneratedNever();
        builder.Property<string?>(c => c.GestoreId).Id("gestore_id");
        builder.Property<string?>(c => c.PatientId).Id("patient_id");
        builder.Property(c => c.Level).HasColumnName("level");
        builder.Property(c => c.PactStart).HasColumnName("pact_start");
        builder.Property(c => c.PactEnd).HasColumnName("pact_end");
        builder.Property(c => c.HasActivePai).HasColumnName("has_active_pai");
        builder.Property(c => c.FirstMissed).HasColumnName("first_missed");
        builder.Property(c => c.FirstUnmetDue).HasColumnName("first_unmet_due");
        builder.Property(c => c.CaseManager).HasColumnName("case_manager").HasMaxLength(256);
        builder.Property(c => c.AdherencePercent).HasColumnName("adherence_percent");
        builder.Property(c => c.RefreshedOn).HasColumnName("refreshed_on");

        // The worklist reads a Gestore's rows only (all the columns it orders by: index-only scans);
        // a change of a patient rewrites that patient's rows.
        builder.HasIndex(c => new { c.GestoreId, c.FirstMissed, c.FirstUnmetDue, c.HasActivePai, c.PactStart, c.PactEnd, c.Level, c.PatientId, c.PactId });
        builder.HasIndex(c => c.PatientId);
        // A case manager's own caseload, the view they open first: index-only like the whole list.
        builder.HasIndex(c => new { c.GestoreId, c.CaseManager, c.FirstMissed, c.FirstUnmetDue, c.HasActivePai, c.PactStart, c.PactEnd, c.Level, c.PatientId, c.PactId });
    }
}
