using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Territorio.CareManagement.CaseManagement;

namespace Territorio.Data.Configurations.Care;

internal sealed class WorklistStampConfiguration : IEntityTypeConfiguration<WorklistStamp>
{
    public void Configure(EntityTypeBuilder<WorklistStamp> builder)
    {
        builder.ToTable("worklist_stamps");
        builder.HasKey(s => s.GestoreId);
        builder.Property<string?>(s => s.GestoreId).Id("gestore_id");
        builder.Property(s => s.Version).HasColumnName("version");
    }
}
