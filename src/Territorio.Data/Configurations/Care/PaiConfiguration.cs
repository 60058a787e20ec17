using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Kernel.Population;

namespace Territorio.Data.Configurations.Care;

internal sealed class PaiConfiguration : IEntityTypeConfiguration<Pai>
{
    public void Configure(EntityTypeBuilder<Pai> builder)
    {
        builder.MapAggregate("pais");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasColumnName("id");
        builder.Property<string?>(p => p.PatientId).Id("patient_id");
        builder.Property(p => p.PactId).HasColumnName("pact_id");
        builder.Property<string?>(p => p.GestoreId).Id("gestore_id");
        builder.Property<string?>(p => p.MmgId).Id("mmg_id");
        builder.Property(p => p.StartDate).HasColumnName("start_date");
        builder.Ignore(p => p.ActiveVersion);
        builder.Ignore(p => p.PendingProposal);
        builder.HasMany(p => p.Versions).WithOne().HasForeignKey("pai_id");
        builder.Navigation(p => p.Versions).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.HasOne<PattoDiCura>().WithMany().HasForeignKey(p => p.PactId);
        builder.HasOne<Resident>().WithMany().HasForeignKey(p => p.PatientId);
        builder.HasIndex(p => p.PactId).IsUnique();
        builder.HasIndex(p => p.PatientId);
    }
}

internal sealed class PaiVersionConfiguration : IEntityTypeConfiguration<PaiVersion>
{
    public void Configure(EntityTypeBuilder<PaiVersion> builder)
    {
        builder.ToTable("pai_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).HasColumnName("id");
        builder.Property<long>("pai_id");
        builder.Property(v => v.Number).HasColumnName("number");
        builder.Property(v => v.Status).AsText("status");
        builder.Property(v => v.Author).HasColumnName("author").HasMaxLength(120);
        builder.Property(v => v.AuthorRole).AsText("author_role");
        builder.Property(v => v.CreatedAtUtc).HasColumnName("created_at");
        builder.Property(v => v.Reason).HasColumnName("reason").HasMaxLength(1000);
        builder.Property(v => v.DecidedBy).HasColumnName("decided_by").HasMaxLength(120);
        builder.Property(v => v.DecidedAtUtc).HasColumnName("decided_at");
        builder.Property(v => v.DecisionReason).HasColumnName("decision_reason").HasMaxLength(1000);
        builder.Ignore(v => v.Services);
        builder.OwnsMany(v => v.Items, item =>
        {
            item.ToTable("pai_items");
            item.WithOwner().HasForeignKey("pai_version_id");
            item.Property<long>("id");
            item.HasKey("id");
            item.Property(i => i.Kind).AsText("kind");
            item.Property(i => i.Code).HasColumnName("code").HasMaxLength(16);
            item.Property(i => i.Description).HasColumnName("description").HasMaxLength(1000);
            item.Property(i => i.PerYear).HasColumnName("per_year");
            item.Property(i => i.FromMonth).HasColumnName("from_month");
            item.Property(i => i.ToMonth).HasColumnName("to_month");
            item.Property(i => i.Dosage).HasColumnName("dosage").HasMaxLength(400);
            item.Property(i => i.Pathologies).HasColumnName("pathologies").HasMaxLength(400);
            item.Property(i => i.Template).HasColumnName("template").HasMaxLength(60);
            item.Ignore(i => i.PathologyCodes);
        });
        builder.Navigation(v => v.Items).UsePropertyAccessMode(PropertyAccessMode.Field);

        // One active version and one pending MMG proposal per PAI, also under concurrent writes.
        // The status column is part of the key so that EF Core saves the old version's change of
        // status before the new version takes it (it orders commands by unique-key values).
        builder.HasIndex(["pai_id", nameof(PaiVersion.Status)], "ux_pai_versions_one_active").IsUnique().HasFilter(AggregateMapping.StatusIs("Active"));
        builder.HasIndex(["pai_id", nameof(PaiVersion.Status)], "ux_pai_versions_one_proposed").IsUnique().HasFilter(AggregateMapping.StatusIs("Proposed"));
        builder.HasIndex("pai_id", nameof(PaiVersion.Number)).IsUnique();
    }
}

internal sealed class SharedPrescriptionConfiguration : IEntityTypeConfiguration<SharedPrescription>
{
    public void Configure(EntityTypeBuilder<SharedPrescription> builder)
    {
        builder.MapAggregate("shared_prescriptions");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasColumnName("id");
        builder.Property<string?>(p => p.PatientId).Id("patient_id");
        builder.Property<string?>(p => p.GestoreId).Id("gestore_id");
        builder.Property(p => p.Kind).AsText("kind");
        builder.Property(p => p.Code).HasColumnName("code").HasMaxLength(16);
        builder.Property(p => p.Description).HasColumnName("description").HasMaxLength(400);
        builder.Property(p => p.PrescribedBy).HasColumnName("prescribed_by").HasMaxLength(120);
        builder.Property(p => p.PrescriberRole).AsText("prescriber_role");
        builder.Property(p => p.PrescribedOn).HasColumnName("prescribed_on");
        builder.Property(p => p.Reason).HasColumnName("reason").HasMaxLength(1000);
        builder.Property(p => p.AcknowledgedBy).HasColumnName("acknowledged_by").HasMaxLength(120);
        builder.Property(p => p.AcknowledgedOn).HasColumnName("acknowledged_on");
        builder.HasOne<Resident>().WithMany().HasForeignKey(p => p.PatientId);
    }
}
