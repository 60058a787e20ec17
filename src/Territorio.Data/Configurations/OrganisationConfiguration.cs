using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Territorio.Kernel.Organisations;

namespace Territorio.Data.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations");
        builder.HasKey(o => new { o.Kind, o.Code });
        builder.Property(o => o.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Code).HasColumnName("code").HasMaxLength(32);
        builder.Property(o => o.Ats).HasColumnName("ats").HasMaxLength(16);
        builder.Property(o => o.Name).HasColumnName("name").HasMaxLength(OrganisationContacts.MaxName);
        builder.Property(o => o.Street).HasColumnName("street").HasMaxLength(120);
        builder.Property(o => o.Cap).HasColumnName("cap").HasMaxLength(5);
        builder.Property(o => o.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(4);
        builder.Property(o => o.Municipality).HasColumnName("municipality").HasMaxLength(80);
        builder.Property(o => o.Phone).HasColumnName("phone").HasMaxLength(32);
        builder.Property(o => o.Email).HasColumnName("email").HasMaxLength(120);
        builder.Property(o => o.Pec).HasColumnName("pec").HasMaxLength(120);
        builder.Property(o => o.Fictitious).HasColumnName("fictitious");
        builder.Ignore(o => o.DisplayName);
        builder.Ignore(o => o.Address);
        builder.Ignore(o => o.Letterhead);
    }
}
