using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Territorio.Kernel.Population;

namespace Territorio.Data.Configurations;

internal sealed class GeneralPractitionerConfiguration : IEntityTypeConfiguration<GeneralPractitioner>
{
    public void Configure(EntityTypeBuilder<GeneralPractitioner> builder)
    {
        builder.ToTable("general_practitioners");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).HasColumnName("id").HasMaxLength(32);
        builder.Property(g => g.Surname).HasColumnName("surname").HasMaxLength(80);
        builder.Property(g => g.GivenName).HasColumnName("given_name").HasMaxLength(80);
        builder.Property(g => g.Sex).HasColumnName("sex");
        builder.Property(g => g.Ats).HasColumnName("ats").HasMaxLength(16);
        builder.Property(g => g.Street).HasColumnName("street").HasMaxLength(120);
        builder.Property(g => g.Cap).HasColumnName("cap").HasMaxLength(5);
        builder.Property(g => g.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(4);
        builder.Property(g => g.Municipality).HasColumnName("municipality").HasMaxLength(80);
        builder.Property(g => g.Phone).HasColumnName("phone").HasMaxLength(32);
        builder.Property(g => g.Email).HasColumnName("email").HasMaxLength(120);
        builder.Ignore(g => g.DisplayName);
        builder.Ignore(g => g.Address);
    }
}
