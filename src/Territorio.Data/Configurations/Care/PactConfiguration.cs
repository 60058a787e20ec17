using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Reclassification;
using Territorio.Kernel.Population;

namespace Territorio.Data.Configurations.Care;

internal sealed class PattoDiCuraConfiguration : IEntityTypeConfiguration<PattoDiCura>
{
    public void Configure(EntityTypeBuilder<PattoDiCura> builder)
    {
        builder.MapAggregate("patti_di_cura");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasColumnName("id");
        builder.Property<string?>(p => p.PatientId).Id("patient_id");
        builder.Property<string?>(p => p.GestoreId).Id("gestore_id");
        builder.Property(p => p.Ats).HasColumnName("ats").HasMaxLength(16);
        builder.Property(p => p.Level).HasColumnName("level");
        builder.Property(p => p.MainPathology).HasColumnName("main_pathology").HasMaxLength(8);
        builder.Property(p => p.SignedOn).HasColumnName("signed_on");
        builder.Property(p => p.StartDate).HasColumnName("start_date");
        builder.Property(p => p.EndDate).HasColumnName("end_date");
        builder.Property(p => p.ConsentGround).AsText("consent_ground");
        builder.Property(p => p.ConsentReference).HasColumnName("consent_reference");
        builder.Property(p => p.SignatureMethod).AsText("signature_method");
        builder.Property(p => p.SignatureScan).HasColumnName("signature_scan").HasMaxLength(200);
        builder.Property(p => p.Witness).HasColumnName("witness").HasMaxLength(ConsentRules.MaxWitnessLength);
        builder.Property(p => p.WitnessAccount).HasColumnName("witness_account").HasMaxLength(256);
        builder.Property(p => p.RenewalConfirmedOn).HasColumnName("renewal_confirmed_on");
        builder.Property(p => p.GestoreSignatory).HasColumnName("gestore_signatory").HasMaxLength(200);
        builder.Property<string?>(p => p.MmgId).Id("mmg_id");
        builder.Property(p => p.Status).AsText("status");
        builder.Property(p => p.Renewals).HasColumnName("renewals");
        builder.Property(p => p.CloseReason).HasColumnName("close_reason").HasMaxLength(1000);
        builder.Property(p => p.CaseManager).HasColumnName("case_manager").HasMaxLength(256);
        builder.HasOne<Resident>().WithMany().HasForeignKey(p => p.PatientId);
        builder.HasOne<Gestore>().WithMany().HasForeignKey(p => p.GestoreId);
        builder.OwnsMany(p => p.LevelPeriods, period =>
        {
            period.ToTable("pact_level_periods");
            period.WithOwner().HasForeignKey("pact_id");
            period.Property<long>("id");
            period.HasKey("id");
            period.Property(x => x.From).HasColumnName("from_date");
            period.Property(x => x.Level).HasColumnName("level");
            period.Property(x => x.MainPathology).HasColumnName("main_pathology").HasMaxLength(8);
            period.Property(x => x.ReclassificationId).HasColumnName("reclassification_id");
        });
        builder.Navigation(p => p.LevelPeriods).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(p => p.RenewalHistory, renewal =>
        {
            renewal.ToTable("pact_renewals");
            renewal.WithOwner().HasForeignKey("pact_id");
            renewal.Property<long>("id");
            renewal.HasKey("id");
            renewal.Property(x => x.Number).HasColumnName("number");
            renewal.Property(x => x.RenewedOn).HasColumnName("renewed_on");
            renewal.Property(x => x.From).HasColumnName("from_date");
            renewal.Property(x => x.To).HasColumnName("to_date");
            renewal.Property(x => x.Method).AsText("signature_method");
            renewal.Property(x => x.Scan).HasColumnName("signature_scan").HasMaxLength(200);
            renewal.Property(x => x.Witness).HasColumnName("witness").HasMaxLength(ConsentRules.MaxWitnessLength);
            renewal.Property(x => x.WitnessAccount).HasColumnName("witness_account").HasMaxLength(256);
            renewal.Property(x => x.PatientConfirmedOn).HasColumnName("patient_confirmed_on");
        });
        builder.Navigation(p => p.RenewalHistory).UsePropertyAccessMode(PropertyAccessMode.Field);

        // One active pact per patient, also under concurrent signatures (status in the key: see PaiVersionConfiguration).
        builder.HasIndex(p => new { p.PatientId, p.Status }, "ux_patti_di_cura_one_active").IsUnique().HasFilter(AggregateMapping.StatusIs("Active"));
        // The Gestore's patients by the index alone: the patient search joins them to the residents a prefix finds (decision 0190).
        builder.HasIndex(p => new { p.GestoreId, p.Status, p.PatientId });
        builder.HasIndex(p => new { p.Ats, p.Status, p.EndDate });
        // The patient file lists all the patient's pacts (the unique index above covers only the active one).
        builder.HasIndex(p => new { p.PatientId, p.StartDate });
    }
}

internal sealed class ChangeOfGestoreRequestConfiguration : IEntityTypeConfiguration<ChangeOfGestoreRequest>
{
    public void Configure(EntityTypeBuilder<ChangeOfGestoreRequest> builder)
    {
        builder.MapAggregate("change_of_gestore_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id");
        builder.Property<string?>(r => r.PatientId).Id("patient_id");
        builder.Property(r => r.PactId).HasColumnName("pact_id");
        builder.Property<string?>(r => r.FromGestoreId).Id("from_gestore_id");
        builder.Property<string?>(r => r.ToGestoreId).Id("to_gestore_id");
        builder.Property(r => r.EffectiveDate).HasColumnName("effective_date");
        builder.Property(r => r.Reason).HasColumnName("reason").HasMaxLength(1000);
        builder.Property(r => r.RequestedBy).HasColumnName("requested_by").HasMaxLength(120);
        builder.Property(r => r.RequestedOn).HasColumnName("requested_on");
        builder.Property(r => r.Status).AsText("status");
        builder.Property(r => r.DecidedBy).HasColumnName("decided_by").HasMaxLength(120);
        builder.Property(r => r.DecidedOn).HasColumnName("decided_on");
        builder.Property(r => r.DecisionReason).HasColumnName("decision_reason").HasMaxLength(1000);
        builder.Property(r => r.NewPactId).HasColumnName("new_pact_id");
        builder.Ignore(r => r.AwaitsSignature);
        builder.HasOne<PattoDiCura>().WithMany().HasForeignKey(r => r.PactId);
        builder.HasIndex(r => r.PatientId).IsUnique().HasFilter(AggregateMapping.StatusIs("Pending")).HasDatabaseName("ux_change_requests_one_pending");
    }
}

internal sealed class ReclassificationRequestConfiguration : IEntityTypeConfiguration<ReclassificationRequest>
{
    public void Configure(EntityTypeBuilder<ReclassificationRequest> builder)
    {
        builder.MapAggregate("reclassification_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id");
        builder.Property<string?>(r => r.PatientId).Id("patient_id");
        builder.Property<string?>(r => r.GestoreId).Id("gestore_id");
        builder.Property(r => r.FromLevel).HasColumnName("from_level");
        builder.Property(r => r.FromMainPathology).HasColumnName("from_main_pathology").HasMaxLength(8);
        builder.Property(r => r.ToLevel).HasColumnName("to_level");
        builder.Property(r => r.ToMainPathology).HasColumnName("to_main_pathology").HasMaxLength(8);
        builder.Property(r => r.ToPathologies).HasColumnName("to_pathologies").HasMaxLength(400);
        builder.Property(r => r.AddedPathologies).HasColumnName("added_pathologies").HasMaxLength(400);
        builder.Property(r => r.RemovedPathologies).HasColumnName("removed_pathologies").HasMaxLength(400);
        builder.Property(r => r.Reason).HasColumnName("reason").HasMaxLength(1000);
        builder.Property(r => r.RequestedBy).HasColumnName("requested_by").HasMaxLength(120);
        builder.Property(r => r.RequestedOn).HasColumnName("requested_on");
        builder.Property(r => r.Status).AsText("status");
        builder.Property(r => r.DecidedBy).HasColumnName("decided_by").HasMaxLength(120);
        builder.Property(r => r.DecidedOn).HasColumnName("decided_on");
        builder.Property(r => r.DecisionReason).HasColumnName("decision_reason").HasMaxLength(1000);
        builder.Property(r => r.DecisionNote).HasColumnName("decision_note").HasMaxLength(1000);
        builder.HasOne<Resident>().WithMany().HasForeignKey(r => r.PatientId);
        builder.HasIndex(r => r.PatientId).IsUnique().HasFilter(AggregateMapping.StatusIs("Pending")).HasDatabaseName("ux_reclassifications_one_pending");
        builder.HasIndex(r => new { r.PatientId, r.Status, r.DecidedOn });
    }
}

internal sealed class EnrolmentRequestConfiguration : IEntityTypeConfiguration<EnrolmentRequest>
{
    public void Configure(EntityTypeBuilder<EnrolmentRequest> builder)
    {
        builder.MapAggregate("enrolment_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id");
        builder.Property<string?>(r => r.PatientId).Id("patient_id");
        builder.Property<string?>(r => r.GestoreId).Id("gestore_id");
        builder.Property(r => r.Ats).HasColumnName("ats").HasMaxLength(16);
        builder.Property(r => r.Level).HasColumnName("level");
        builder.Property(r => r.Source).AsText("source");
        builder.Property(r => r.Reference).HasColumnName("reference").HasMaxLength(EnrolmentRequest.MaxReferenceLength);
        builder.Property(r => r.RequestedBy).HasColumnName("requested_by").HasMaxLength(120);
        builder.Property(r => r.RequestedOn).HasColumnName("requested_on");
        builder.Property(r => r.PactId).HasColumnName("pact_id");
        builder.Ignore(r => r.IsOpen);
        builder.HasOne<Resident>().WithMany().HasForeignKey(r => r.PatientId);
        builder.HasOne<Gestore>().WithMany().HasForeignKey(r => r.GestoreId);
        builder.HasOne<PattoDiCura>().WithMany().HasForeignKey(r => r.PactId);
        builder.HasIndex(r => new { r.PatientId, r.GestoreId });
    }
}
