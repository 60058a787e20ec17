using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Pacts;
using Territorio.Kernel.Population;

namespace Territorio.Data.Configurations.Care;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.MapAggregate("care_contacts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasColumnName("id");
        builder.Property<string?>(c => c.PatientId).Id("patient_id");
        builder.Property(c => c.PactId).HasColumnName("pact_id");
        builder.Property<string?>(c => c.GestoreId).Id("gestore_id");
        builder.Property(c => c.Kind).AsText("kind");
        builder.Property(c => c.Date).HasColumnName("date");
        builder.Property(c => c.Outcome).AsText("outcome");
        builder.Property(c => c.Note).HasColumnName("note").HasMaxLength(Contact.MaxNoteLength);
        builder.Property(c => c.Author).HasColumnName("author").HasMaxLength(120);
        builder.Property(c => c.AuthorRole).AsText("author_role");
        builder.Property(c => c.RecordedAtUtc).HasColumnName("recorded_at");
        builder.Ignore(c => c.Reached);
        builder.HasOne<Resident>().WithMany().HasForeignKey(c => c.PatientId);
        builder.HasOne<PattoDiCura>().WithMany().HasForeignKey(c => c.PactId);

        // The patient file lists a patient's latest contacts; the worklist reads a Gestore's recent ones.
        builder.HasIndex(c => new { c.PatientId, c.Date });
        builder.HasIndex(c => new { c.GestoreId, c.Date });
    }
}
